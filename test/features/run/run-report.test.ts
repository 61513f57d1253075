// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderFirstAnswer, renderResult } from '../../../src/features/run/run-report';
import { SAME_WITHIN } from '../../../src/runtime/compare';
import { countTrainingOverhead } from '../../../src/core/count-train';
import type { BackendInfo, Comparison, RunResult, SessionTiming } from '../../../src/runtime/protocol';
import { TINY_SPEC } from '../../../src/core/catalog';

const timing = (form: 'train' | 'deploy', optimization: 'disabled' | 'all', medianMs: number): SessionTiming => ({
  form,
  optimization,
  sessionMs: 10,
  runsMs: [medianMs, medianMs],
  medianMs,
});

function result(backend: Partial<BackendInfo> = {}, comparison: Partial<Comparison> = {}): RunResult {
  const same: Comparison = { maxAbs: 1e-6, maxRel: 3e-7, top5Train: [1, 2, 3, 4, 5], top5Deploy: [1, 2, 3, 4, 5], top5Agree: true, ...comparison };
  return {
    model: 'tiny',
    modelName: TINY_SPEC.name,
    seed: 7,
    inputShape: [1, 3, 224, 224],
    backend: {
      backend: 'wasm',
      reason: 'WebAssembly, as you chose',
      fellBack: false,
      threads: 1,
      crossOriginIsolated: true,
      build: 'wasm',
      runtimeFile: 'ort-wasm-simd-threaded.wasm',
      ...backend,
    },
    runtimeMs: 900,
    warmStart: false,
    weightsMs: 50,
    convertMs: 20,
    trainBytes: 1.2e6,
    deployBytes: 1.1e6,
    trainNodes: 57,
    deployNodes: 19,
    sessions: { trainDisabled: timing('train', 'disabled', 30), trainDefault: timing('train', 'all', 24), deploy: timing('deploy', 'all', 20) },
    vsTrainDisabled: same,
    vsTrainDefault: same,
    warmup: 1,
  };
}

const value = (root: Element, name: string) => Number(root.querySelector(`[data-metric="${name}"]`)?.getAttribute('data-value'));
const options = { threadsReason: '1 thread: test', base: '/' };

describe('renderResult', () => {
  it('shows each graph with its optimization level, and ratios computed from the medians', () => {
    const root = renderResult(result(), options);
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => tr.textContent ?? '');
    expect(rows[0]).toMatch(/disabled.*30\.0 ms.*1\.50×/);
    expect(rows[1]).toMatch(/“all” \(the default\).*24\.0 ms.*1\.20×/);
    expect(rows[2]).toMatch(/Deploy.*20\.0 ms.*1 \(reference\)/);
    expect(value(root, 'speedup-default')).toBeCloseTo(1.2, 10);
    expect(value(root, 'speedup-disabled')).toBeCloseTo(1.5, 10);
    const cost = countTrainingOverhead(TINY_SPEC);
    expect(value(root, 'flops-ratio')).toBe(cost.trainFlops / cost.deployFlops);
    expect(root.querySelector('caption')?.textContent).toContain('median of 2 timed runs per graph after 1 warm-up run');
    expect(root.textContent).toContain('seeded random numbers, not trained');
    expect(root.querySelector('.run-backend')?.textContent).toBe(
      'Ran on WebAssembly with 1 thread, the plain WebAssembly build of ONNX Runtime Web (ort-wasm-simd-threaded.wasm). WebAssembly, as you chose. Threads: 1 thread: test.',
    );
    expect(root.querySelector('.run-backend')?.getAttribute('data-build')).toBe('wasm');
    expect(root.querySelector('[data-warm-start]')?.textContent).toMatch(/^Started ONNX Runtime in /);
  });

  it('a warm start says ONNX Runtime was started before Run; the first answer shows the deploy top-5 and the build', () => {
    const warm = renderResult({ ...result(), warmStart: true }, options);
    expect(warm.querySelector('[data-warm-start]')?.getAttribute('data-warm-start')).toBe('true');
    expect(warm.querySelector('[data-warm-start]')?.textContent).toMatch(/^ONNX Runtime was already started while the page was idle, before you pressed Run/);
    const first = renderFirstAnswer([7, 3, 9, 1, 0], result().backend, '/');
    expect([...first.querySelectorAll('[data-top5="deploy"] li')].map((li) => li.getAttribute('data-class'))).toEqual(['7', '3', '9', '1', '0']);
    expect(first.textContent).toContain('the plain WebAssembly build of ONNX Runtime Web (ort-wasm-simd-threaded.wasm)');
  });

  it('says plainly when outputs differ or the top-5 changed', () => {
    const root = renderResult(result({}, { maxRel: 2 * SAME_WITHIN, top5Deploy: [2, 1, 3, 4, 5], top5Agree: false }), options);
    expect(root.querySelector('.bad')?.textContent).toMatch(/✗ more than 1e−4 relative/);
    expect(root.querySelector('[data-top5-agree]')?.getAttribute('data-top5-agree')).toBe('false');
    expect(root.textContent).toContain('different ✗');
  });

  it('a WebGPU fallback gets a note with the reason; a WebGPU run names no threads', () => {
    const fell = renderResult(result({ fellBack: true, reason: 'WebAssembly instead of WebGPU: no adapter' }), options);
    expect(fell.querySelector('[data-fallback]')?.textContent).toContain('Why: no adapter');
    const gpu = renderResult(
      result({
        backend: 'webgpu',
        build: 'webgpu',
        runtimeFile: 'ort-wasm-simd-threaded.asyncify.wasm',
        reason: 'WebGPU found first, so it is used: test adapter',
      }),
      options,
    );
    expect(gpu.querySelector('.run-backend')?.textContent).toBe(
      'Ran on WebGPU, the WebGPU build of ONNX Runtime Web (ort-wasm-simd-threaded.asyncify.wasm). WebGPU found first, so it is used: test adapter.',
    );
    expect(gpu.querySelector('[data-fallback]')).toBeNull();
  });
});
