import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../../src/perf/cpu-bench';
import { benchLayerPlan } from '../../../src/perf/winograd-layer';
import {
  DEFAULT_RUNS,
  benchIntro,
  finalStatus,
  messageLine,
  progressStatus,
  resultNotes,
  resultsTable,
  runsOf,
  runsQuery,
  timingData,
  workerStoppedLine,
} from '../../../src/features/winograd/bench-model';
import { verdict } from '../../../src/features/winograd/bench-verdict';

const result = (runtime: string, speedup: number): BenchResult => ({
  runtime,
  layer: 'layer',
  direct: { medianMs: 10 * speedup, minMs: 9 * speedup, runs: 3, multiplications: 36 },
  winograd: { medianMs: 10, minMs: 9.5, runs: 3, multiplications: 16 },
  speedup,
  theoretical: 2.25,
  agreement: { betweenKernels: 2e-7, directVsFloat64: 1e-7, winogradVsFloat64: 3e-7 },
  notes: ['A note.'],
});

describe('Winograd benchmark: controls and status', () => {
  it('describes the layer with both counts and the 2.25× they promise', () => {
    const text = benchIntro(benchLayerPlan());
    expect(text).toMatch(
      /^The layer: .*re-parameterized from seeded training-time weights\. Direct: .* multiplications; Winograd F\(2×2, 3×3\): .*, 2\.25× fewer\./,
    );
  });

  it('reads the runs box as a whole number 1–50, the default when unreadable, and keeps the default out of the URL', () => {
    expect(runsOf('7')).toBe(7);
    expect(runsOf('2.4')).toBe(2);
    expect(runsOf('0.2')).toBe(1);
    expect(runsOf('500')).toBe(50);
    expect(runsOf('')).toBe(DEFAULT_RUNS);
    expect(runsOf('x')).toBe(DEFAULT_RUNS);
    expect(runsQuery(DEFAULT_RUNS)).toBeNull();
    expect(runsQuery(4)).toBe(4);
  });

  it('turns the worker’s messages into the status line', () => {
    expect(progressStatus('js', 3, 30)).toBe('Measuring in JavaScript… (3 of 30)');
    expect(messageLine({ type: 'progress', runtime: 'js', done: 1, total: 2 })).toBeUndefined();
    expect(messageLine({ type: 'done' })).toBeUndefined();
    const lines = [
      messageLine({ type: 'result', runtime: 'js', result: result('JavaScript', 1.5) }),
      messageLine({ type: 'skipped', runtime: 'webgpu', reason: 'no adapter' }),
      messageLine({ type: 'failed', runtime: 'webgpu', message: 'lost' }),
    ];
    expect(lines).toEqual([
      'JavaScript: Winograd 1.50× faster than direct (counting promises 2.25×).',
      'WebGPU not measured: no adapter.',
      'WebGPU failed: lost.',
    ]);
    expect(finalStatus(lines as string[])).toBe(lines.join(' '));
    expect(finalStatus([])).toBe('No runtime could run the benchmark.');
    expect(workerStoppedLine('')).toBe('The benchmark worker stopped: unknown error.');
    expect(workerStoppedLine('boom')).toBe('The benchmark worker stopped: boom.');
  });
});

describe('Winograd benchmark: results', () => {
  const done = [
    { runtime: 'js' as const, result: result('JavaScript (1 thread)', 1.5) },
    { runtime: 'webgpu' as const, result: result('WebGPU', 2) },
  ];

  it('plots direct and Winograd per runtime against the direct kernel and the counted ideal', () => {
    const { rows, groups } = timingData(done);
    expect(rows).toEqual([
      { group: 'JavaScript', kernel: 'direct', ms: 15 },
      { group: 'JavaScript', kernel: 'Winograd', ms: 10 },
      { group: 'WebGPU', kernel: 'direct', ms: 20 },
      { group: 'WebGPU', kernel: 'Winograd', ms: 10 },
    ]);
    expect(groups).toEqual([
      { group: 'JavaScript', referenceMs: 15, ideal: 1 / 2.25 },
      { group: 'WebGPU', referenceMs: 20, ideal: 1 / 2.25 },
    ]);
  });

  it('tables each runtime with its times, speed-ups and agreement', () => {
    const table = resultsTable(done);
    expect(table.head).toHaveLength(7);
    expect(table.rows[0]).toEqual(['JavaScript (1 thread)', '15.00 (min 13.50)', '10.00 (min 9.50)', '1.50×', '2.25×', '2.0e−7', '1.0e−7 / 3.0e−7']);
  });

  it('notes the verdict and the result’s own notes per runtime', () => {
    expect(resultNotes(done)).toEqual([`JavaScript: ${verdict(done[0]!.result)} A note.`, `WebGPU: ${verdict(done[1]!.result)} A note.`]);
  });
});
