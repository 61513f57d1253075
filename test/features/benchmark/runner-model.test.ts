import { describe, expect, it } from 'vitest';
import {
  backendNote,
  failureLine,
  fallbackReason,
  jobLabel,
  jobProgress,
  notRunLine,
  problemsMessage,
  runEnd,
  settingsProblems,
  settingsText,
  tickWebGpu,
} from '../../../src/features/benchmark/runner-model';
import { defaultSettings } from '../../../src/features/benchmark/settings';
import { type BackendInfo, RUN_STEPS } from '../../../src/runtime/protocol';
import { JobFailed } from '../../../src/runtime/runner';

const settings = defaultSettings(false);

describe('benchmark runner: settings', () => {
  it('accepts the defaults', () => {
    expect(settingsProblems(settings)).toEqual({ problems: [], invalid: { warmup: false, runs: false } });
    expect(problemsMessage([])).toBe('');
  });

  it('lists every problem, in order, and marks the number boxes that hold one', () => {
    const { problems, invalid } = settingsProblems({ ...settings, models: [], backends: [], warmup: 1.5, runs: 0 });
    expect(problems).toEqual([
      'pick at least one model',
      'pick at least one backend',
      'Warm-up runs must be a whole number from 0 to 20',
      'Timed runs must be a whole number from 1 to 200',
    ]);
    expect(invalid).toEqual({ warmup: true, runs: true });
    expect(problemsMessage(problems.slice(3))).toBe('Cannot run: Timed runs must be a whole number from 1 to 200.');
    expect(settingsProblems({ ...settings, runs: 201 }).invalid).toEqual({ warmup: false, runs: true });
    expect(settingsProblems({ ...settings, warmup: 0, runs: 200 }).problems).toEqual([]);
  });

  it('says how each graph is timed', () => {
    expect(settingsText({ warmup: 2, runs: 10 })).toBe('2 warm-up and 10 timed runs per graph, taking turns');
    expect(settingsText({ warmup: 0, runs: 1 })).toBe('0 warm-up and 1 timed run per graph, taking turns');
  });
});

describe('benchmark runner: jobs', () => {
  it('labels a job and places its steps in the whole run', () => {
    const label = jobLabel('RepVGG-A0', 'wasm', 1, 4);
    expect(label).toBe('RepVGG-A0 on WebAssembly (job 2 of 4)');
    const first = jobProgress(label, 1, 4, RUN_STEPS[0], 0, 0);
    expect(first.text).toBe('RepVGG-A0 on WebAssembly (job 2 of 4): Starting ONNX Runtime…');
    expect(first.fraction).toBeCloseTo(1 / 4, 12);
    const runs = jobProgress(label, 1, 4, 'runs', 3, 10);
    expect(runs.text).toMatch(/ \(3 of 10\)…$/);
    expect(runs.fraction).toBeCloseTo((1 + (RUN_STEPS.indexOf('runs') + 0.3) / RUN_STEPS.length) / 4, 12);
    expect(runs.fraction).toBeLessThan(2 / 4);
  });

  it('explains a skipped, fallen-back or failed job', () => {
    expect(notRunLine('RepVGG-tiny', 'no WebGPU adapter is available')).toBe('RepVGG-tiny on WebGPU: not run, because no WebGPU adapter is available.');
    expect(fallbackReason('WebAssembly instead of WebGPU: the adapter was lost')).toBe('the adapter was lost');
    // Only the backend and its reason are read.
    const info = (backend: 'webgpu' | 'wasm', reason: string) => ({ backend, reason }) as BackendInfo;
    expect(backendNote(info('webgpu', 'the adapter found'), '4 threads')).toBe('WebGPU: the adapter found.');
    expect(backendNote(info('wasm', 'chosen'), '4 threads')).toBe('WebAssembly: 4 threads.');
    expect(failureLine(new Error('boom'), 'RepVGG-A0', 'wasm')).toBe('RepVGG-A0 on WebAssembly failed: boom.');
    expect(failureLine(new JobFailed('memory', 'Out of memory'), 'RepVGG-B3', 'webgpu')).toMatch(
      /^RepVGG-B3 on WebGPU: out of memory \(a run needs about \d+(\.\d)? GB\); smaller models still run\. \(Out of memory\)$/,
    );
  });

  it('ends done with rows, failed without, and cancelled when stopped', () => {
    expect(runEnd(false, 3, 1, '2.5')).toEqual({ state: 'done', text: 'Done: 1 job in 2.5 s.', fraction: 1 });
    expect(runEnd(false, 0, 2, '0.4')).toEqual({ state: 'failed', text: 'Done: 2 jobs in 0.4 s.', fraction: 1 });
    expect(runEnd(true, 3, 2, '9.0')).toEqual({
      state: 'cancelled',
      text: 'Cancelled after 9.0 s: the worker was stopped; the rows above were finished before.',
      fraction: 0,
    });
  });
});

describe('benchmark runner: WebGPU', () => {
  it('ticks WebGPU for a hardware adapter, unless the link chose the backends', () => {
    const hardware = { kind: 'hardware', detail: '' } as const;
    expect(tickWebGpu(hardware, '?bench.runs=3')).toBe(true);
    expect(tickWebGpu(hardware, '?bench.backends=wasm')).toBe(false);
    expect(tickWebGpu({ kind: 'software', detail: '' }, '')).toBe(false);
  });
});
