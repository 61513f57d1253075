import { describe, expect, it } from 'vitest';
import { figure1Points } from '../../../src/features/benchmark/bench-plots';
import { CSV_COLUMNS, benchCsv } from '../../../src/features/benchmark/csv';
import { csvField, csvRecords } from '../../../src/io/csv';
import { quantile, rowsOf, summarize } from '../../../src/features/benchmark/rows';
import { defaultSettings, jobsOf, readSettings, settingsQuery } from '../../../src/features/benchmark/settings';
import type { RunResult, SessionTiming } from '../../../src/runtime/protocol';

const timing = (form: 'train' | 'deploy', optimization: 'disabled' | 'all', runsMs: number[]): SessionTiming => ({
  form,
  optimization,
  sessionMs: 12.5,
  runsMs,
  medianMs: 0,
});
const comparison = (maxRel: number) => ({ maxAbs: maxRel, maxRel, top5Train: [1, 2, 3, 4, 5], top5Deploy: [1, 2, 3, 4, 5], top5Agree: true });

function result(model: string, modelName: string, backend: 'wasm' | 'webgpu', deployRuns: number[]): RunResult {
  return {
    model,
    modelName,
    seed: 2021,
    inputShape: [1, 3, 224, 224],
    backend: {
      backend,
      reason: 'as you chose',
      fellBack: false,
      threads: 2,
      crossOriginIsolated: true,
      build: backend,
      runtimeFile: 'ort.wasm',
      ...(backend === 'webgpu' ? { adapter: 'nvidia, ampere' } : {}),
    },
    runtimeMs: 100,
    warmStart: false,
    weightsMs: 1,
    convertMs: 1,
    trainBytes: 1,
    deployBytes: 1,
    trainNodes: 10,
    deployNodes: 5,
    sessions: {
      trainDisabled: timing(
        'train',
        'disabled',
        deployRuns.map((t) => t * 2),
      ),
      trainDefault: timing(
        'train',
        'all',
        deployRuns.map((t) => t * 1.25),
      ),
      deploy: timing('deploy', 'all', deployRuns),
    },
    vsTrainDisabled: comparison(3e-7),
    vsTrainDefault: comparison(2e-7),
    warmup: 2,
  };
}

describe('benchmark: timing summary', () => {
  it('median, quartiles by linear interpolation, extremes, images per second', () => {
    const s = summarize([40, 10, 30, 20, 50]);
    expect(s).toEqual({ runs: 5, medianMs: 30, q1Ms: 20, q3Ms: 40, minMs: 10, maxMs: 50, imagesPerSecond: 1000 / 30 });
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(summarize([7]).q3Ms).toBe(7);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });

  it('three rows per run: each graph against the deploy graph, with the paper’s top-1 where it has one', () => {
    const rows = rowsOf(result('B2g4', 'RepVGG-B2g4', 'wasm', [10, 12, 11]));
    expect(rows.map((r) => r.graph)).toEqual(['train-disabled', 'train-default', 'deploy']);
    expect(rows.map((r) => r.vsDeploy)).toEqual([2, 1.25, 1]);
    expect(rows.map((r) => r.maxRelDiff)).toEqual([3e-7, 2e-7, 0]);
    expect(rows[2]).toMatchObject({ medianMs: 11, backendDetail: '2 threads', paperTop1At120: 78.5, paperTop1At200: 79.38 });
    expect(rowsOf(result('tiny', 'RepVGG-tiny', 'webgpu', [1]))[0]).toMatchObject({
      paperTop1At120: null,
      paperTop1At200: null,
      backendDetail: 'nvidia, ampere',
    });
  });
});

describe('benchmark: CSV', () => {
  it('quotes what needs quoting', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines'), csvField(null), csvField(1.5)]).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '',
      '1.5',
    ]);
  });

  it('one line per row, the header first, and it reads back to the same values', () => {
    const rows = [...rowsOf(result('A0', 'RepVGG-A0', 'wasm', [20.1234567, 21, 19])), ...rowsOf(result('tiny', 'RepVGG-tiny', 'webgpu', [1.5]))];
    const text = benchCsv(rows);
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const back = csvRecords(text);
    expect(back).toHaveLength(rows.length);
    back.forEach((record, i) => {
      const r = rows[i]!;
      expect(record['model']).toBe(r.modelName);
      expect(record['backend']).toBe(r.backend);
      expect(Number(record['median_ms'])).toBeCloseTo(r.medianMs, 3);
      expect(Number(record['q1_ms'])).toBeCloseTo(r.q1Ms, 3);
      expect(Number(record['images_per_s'])).toBeCloseTo(r.imagesPerSecond, 2);
      expect(Number(record['timed_runs'])).toBe(r.runs);
    });
    expect(back[0]!['graph']).toBe('training-time, ORT optimizations off'); // a comma: quoted, read back whole
    expect(back[2]!['paper_top1_120ep']).toBe('72.41');
    expect(back[2]!['paper_top1_200ep']).toBe('');
    expect(back[3]!['backend_detail']).toBe('nvidia, ampere');
  });
});

describe('benchmark: settings in the URL', () => {
  it('round-trips, in the family’s order', () => {
    const s = { models: ['A0', 'B3', 'tiny'], backends: ['webgpu', 'wasm'] as const, threads: 2, warmup: 3, runs: 25 };
    const params = new URLSearchParams(Object.entries(settingsQuery({ ...s, backends: [...s.backends] })).map(([k, v]) => [`bench.${k}`, v]));
    expect(readSettings(params, defaultSettings(false))).toEqual({ ...s, backends: ['webgpu', 'wasm'] });
  });

  it('bad values fall back to the defaults, unknown models are dropped', () => {
    const params = new URLSearchParams('bench.models=Z9,A1&bench.backends=quantum&bench.runs=0&bench.warmup=1.5&bench.threads=9');
    const fallback = defaultSettings(true);
    expect(readSettings(params, fallback)).toEqual({ models: ['A1'], backends: ['webgpu', 'wasm'], threads: 'auto', warmup: 2, runs: 10 });
    expect(defaultSettings(false).backends).toEqual(['wasm']);
  });

  it('jobs run model by model, each on every chosen backend', () => {
    expect(jobsOf({ models: ['tiny', 'A0'], backends: ['webgpu', 'wasm'], threads: 'auto', warmup: 1, runs: 1 })).toEqual([
      { model: 'A0', backend: 'webgpu' },
      { model: 'A0', backend: 'wasm' },
      { model: 'tiny', backend: 'webgpu' },
      { model: 'tiny', backend: 'wasm' },
    ]);
  });
});

describe('benchmark: Figure 1 on your device', () => {
  it('one point per deploy row and paper row; backends named only when there are two', () => {
    const one = figure1Points([
      ...rowsOf(result('A0', 'RepVGG-A0', 'wasm', [10])),
      ...rowsOf(result('B2g4', 'RepVGG-B2g4', 'wasm', [40])),
      ...rowsOf(result('tiny', 'RepVGG-tiny', 'wasm', [1])),
    ]);
    expect(one.map((p) => [p.label, p.x, p.y])).toEqual([
      ['A0', 100, 72.41],
      ['B2g4', 25, 78.5],
      ['B2g4 (200 ep)', 25, 79.38],
    ]);
    const two = figure1Points([...rowsOf(result('A0', 'RepVGG-A0', 'wasm', [10])), ...rowsOf(result('A0', 'RepVGG-A0', 'webgpu', [2]))]);
    expect(two.map((p) => p.label)).toEqual(['A0 · WebAssembly', 'A0 · WebGPU']);
  });
});
