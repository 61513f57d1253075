import { describe, expect, it } from 'vitest';
import {
  checkRunForm,
  checkRuns,
  checkSeed,
  explainRunFailure,
  exportFileName,
  exportWhat,
  runDone,
  runWhat,
  stepWhere,
  threadsWanted,
  warmRequest,
  webgpuFlag,
} from '../../../src/features/run/run-model';
import { JobFailed } from '../../../src/runtime/runner';

const form = { model: 'tiny', seed: '7', backend: 'wasm', threads: 'auto', runs: '3' };

describe('run-models: the form', () => {
  it('takes whole numbers in range, trimmed', () => {
    expect(checkSeed(' 0 ')).toEqual({ ok: true, value: 0 });
    expect(checkSeed('4294967295')).toEqual({ ok: true, value: 4294967295 });
    expect(checkRuns('100')).toEqual({ ok: true, value: 100 });
    expect(checkRuns('1')).toEqual({ ok: true, value: 1 });
  });

  it('refuses anything else, saying what the box must hold and what it got', () => {
    expect(checkSeed('-3')).toEqual({ ok: false, message: 'The seed must be a whole number from 0 to 4294967295. Got “-3”.' });
    expect(checkSeed('1.5')).toMatchObject({ ok: false, message: expect.stringContaining('Got “1.5”') });
    expect(checkSeed('4294967296').ok).toBe(false);
    expect(checkSeed('  ')).toEqual({ ok: false, message: 'The seed must be a whole number from 0 to 4294967295. Got “nothing”.' });
    expect(checkRuns('0')).toEqual({ ok: false, message: 'Timed runs must be a whole number from 1 to 100. Got “0”.' });
    expect(checkRuns('101').ok).toBe(false);
    expect(checkRuns('banana').ok).toBe(false);
  });

  it('makes the worker request only when both numbers are good, with one warm-up run', () => {
    const checked = checkRunForm(form, 2, true);
    expect(checked.request).toEqual({ model: 'tiny', seed: 7, backend: 'wasm', threads: 2, runs: 3, warmup: 1 });
    expect(checked.threadsReason).toMatch(/^2 threads, one per logical core/);
    expect(checkRunForm({ ...form, threads: '1' }, 2, true).request?.threads).toBe(1);
    const bad = checkRunForm({ ...form, seed: 'x', runs: '0' }, 2, true);
    expect(bad.request).toBeUndefined();
    expect([bad.seed.ok, bad.runs.ok]).toEqual([false, false]);
    expect(checkRunForm({ ...form, runs: '0' }, 2, true).seed.ok).toBe(true);
  });

  it('runs one thread without cross-origin isolation, whatever the menu says', () => {
    const checked = checkRunForm({ ...form, threads: '4' }, 8, false);
    expect(checked.request?.threads).toBe(1);
    expect(checked.threadsReason).toMatch(/not cross-origin isolated/);
    expect(threadsWanted('auto')).toBe('auto');
    expect(threadsWanted('3')).toBe(3);
  });

  it('warms the backend and the threads a run would use', () => {
    expect(warmRequest('webgpu', 'auto', 8, true)).toEqual({ backend: 'webgpu', threads: 4 });
    expect(warmRequest('wasm', '2', 8, true)).toEqual({ backend: 'wasm', threads: 2 });
    expect(warmRequest('auto', 'auto', 8, false)).toEqual({ backend: 'auto', threads: 1 });
  });
});

describe('run-models: words', () => {
  it('says where ONNX Runtime steps run, and nothing for the JavaScript ones', () => {
    const wasm = { backend: 'wasm', threads: 1 } as const;
    expect(stepWhere('runs', wasm)).toBe(' on WebAssembly (1 thread)');
    expect(stepWhere('session-train-all', { backend: 'wasm', threads: 2 })).toBe(' on WebAssembly (2 threads)');
    expect(stepWhere('runs', { backend: 'webgpu', threads: 1 })).toBe(' on WebGPU');
    expect(stepWhere('weights', wasm)).toBe('');
    expect(stepWhere('runs', undefined)).toBe('');
  });

  it('explains a failure by its kind, with what to do', () => {
    expect(explainRunFailure(new JobFailed('memory', 'allocation failed'), 'B3')).toMatch(
      /^RepVGG-B3 ran out of memory: it needs about \d+(\.\d)? GB while it runs .* Try a smaller model; the page still works\. \(allocation failed\)$/,
    );
    expect(explainRunFailure(new JobFailed('memory', 'oom'), 'Z9')).toMatch(/^The model ran out of memory: it needs about more while/);
    expect(explainRunFailure(new JobFailed('webgpu', 'WebGPU failed: lost device'), 'A0')).toBe('WebGPU failed: lost device');
    expect(explainRunFailure(new JobFailed('input', 'unknown model'), 'A0')).toBe('Cannot run: unknown model.');
    expect(explainRunFailure(new JobFailed('runtime', 'HTTP 404'), 'A0')).toMatch(/^ONNX Runtime could not be loaded: HTTP 404\. /);
    expect(explainRunFailure('boom', 'A0')).toBe('The run failed: boom. Try again, or choose WebAssembly or a smaller model; the page still works.');
  });

  it('flags a hardware WebGPU adapter only', () => {
    expect([webgpuFlag({ kind: 'hardware', detail: '' }), webgpuFlag({ kind: 'software', detail: '' }), webgpuFlag({ kind: 'none', detail: '' })]).toEqual([
      'yes',
      'no',
      'no',
    ]);
  });

  it('names the job, the end of a run and the downloaded files', () => {
    expect(runWhat('RepVGG-A0', 2021)).toBe('RepVGG-A0, seed 2021');
    expect(runDone('RepVGG-A0', 12_345)).toBe('Done: RepVGG-A0 built, run, re-parameterized and run again in 12.3 s.');
    expect(exportWhat('train')).toBe('the training-time ONNX file');
    expect(exportWhat('deploy')).toBe('the deploy ONNX file');
    expect(exportFileName('RepVGG-tiny', 5, 'deploy')).toBe('repvgg-tiny-seed5-deploy.onnx');
  });
});
