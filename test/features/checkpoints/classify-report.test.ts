// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderResult, renderSummary } from '../../../src/features/checkpoints/classify-report';
import { getVariant } from '../../../src/core/family';
import type { CheckpointSummary, ClassifyResult, FormRun, Int8Run } from '../../../src/runtime/protocol';
import { compareForms } from '../../../src/runtime/compare';

const summary = (over: Partial<CheckpointSummary> = {}): CheckpointSummary => ({
  format: 'pth',
  naming: 'official',
  form: 'train',
  wrapper: null,
  prefix: '',
  spec: getVariant('A0'),
  variant: 'RepVGG-A0',
  architecture: 'depths 1-2-4-14-1, widths 48-48-96-192-1280, 1000 classes',
  dtypes: ['float32'],
  tensorCount: 787,
  weightBytes: 36.6e6,
  fileBytes: 36.7e6,
  ...over,
});

function run(form: 'train' | 'deploy', logits: Float32Array): FormRun {
  return {
    form,
    optimization: form === 'train' ? 'disabled' : 'all',
    logits,
    nodes: form === 'train' ? 150 : 46,
    onnxBytes: 3e7,
    exportMs: 40,
    sessionMs: 300,
    runMs: 120,
  };
}

function result(classes: number, deployShift = 1e-6, train = true): ClassifyResult {
  const logits = Float32Array.from({ length: classes }, (_, i) => Math.sin(i * 1.7) * 3);
  logits[258 % classes] = 9;
  const deploy = logits.map((v, i) => (i === 3 ? v + deployShift : v));
  return {
    checkpoint: summary({ form: train ? 'train' : 'deploy' }),
    backend: {
      backend: 'wasm',
      reason: 'WebAssembly, as you chose',
      fellBack: false,
      threads: 2,
      crossOriginIsolated: true,
      build: 'wasm',
      runtimeFile: 'ort-wasm-simd-threaded.wasm',
    },
    imageSize: { width: 1546, height: 1213 },
    resized: { width: 326, height: 256 },
    crop: { width: 224, height: 224, rgb: new Uint8Array(224 * 224 * 3) },
    preprocessMs: 90,
    runtimeMs: 800,
    readMs: 400,
    convertMs: train ? 60 : null,
    train: train ? run('train', logits) : null,
    deploy: run('deploy', deploy),
    int8: null,
  };
}

/** An INT8 run: logits shifted by `shift` at class `at`; three layers' errors. */
function int8Run(mode: 'per-tensor' | 'per-channel', float: Float32Array, at: number, shift: number, worstChannel: number): Int8Run {
  const logits = Float32Array.from(float);
  logits[at]! += shift;
  const layer = (relative: number, worst: number) => ({ maxAbs: 0.01, relative, sqnrDb: 40, worstChannel: worst });
  return { mode, logits, layers: [layer(0.01, 0.02), layer(0.02, worstChannel), layer(0.03, 0.05)], sessionMs: 200, runMs: 80 };
}

const names = Array.from({ length: 1000 }, (_, i) => (i === 258 ? 'Samoyed' : `name ${i}`));
const value = (root: Element, name: string) => Number(root.querySelector(`[data-metric="${name}"]`)?.getAttribute('data-value'));

describe("the checkpoint page's results", () => {
  it("names a 1000-class head with ImageNet's names; both lists, their differences, the timings", () => {
    const r = result(1000);
    const root = renderResult(r, names, 'RepVGG-A0-train.pth');
    const first = root.querySelector('[data-top5="deploy"] li')!;
    expect(first.getAttribute('data-class')).toBe('258');
    expect(first.textContent).toMatch(/^Samoyed \(class 258\) \d+\.\d\d %$/);
    expect(root.querySelectorAll('[data-top5="train"] li')).toHaveLength(5);
    const expected = compareForms(r.deploy.logits, r.train!.logits);
    expect(value(root, 'logits-max-abs')).toBe(expected.maxAbs);
    expect(value(root, 'prob-max-rel')).toBe(expected.probMaxRel);
    expect(root.querySelector('[data-top5-agree]')!.getAttribute('data-top5-agree')).toBe('true');
    expect(root.querySelector('[data-no-names]')).toBeNull();
    expect(value(root, 'ms-convert')).toBe(60);
    expect(root.textContent).toContain('Training-time: build the ONNX graph (150 operators, 30.0 MB)');
    expect(root.textContent).toContain(
      'Ran on WebAssembly with 2 threads, the plain WebAssembly build of ONNX Runtime Web (ort-wasm-simd-threaded.wasm). WebAssembly, as you chose.',
    );
    expect(root.textContent).toContain('your 1546×1213 photo resized to 326×256');
  });

  it('a difference beyond float32 rounding is shown as such (the check can fail)', () => {
    const root = renderResult(result(1000, 0.5), names, 'x.pth');
    expect(value(root, 'logits-max-rel')).toBeGreaterThan(1e-4);
    expect(root.querySelector('.ckpt-diff .bad')?.textContent).toMatch(/more than 1e−4 relative/);
  });

  it('another head size gets class numbers and says why; a deploy file shows one list and no comparison', () => {
    const root = renderResult(result(10, 1e-6, false), names, 'tiny-deploy.pth');
    expect(root.querySelector('[data-top5="deploy"] li')!.textContent).toMatch(/^class \d+ /);
    expect(root.querySelector('[data-no-names]')!.textContent).toContain('This network has 10 classes');
    expect(root.querySelector('[data-top5="train"]')).toBeNull();
    expect(root.querySelector('[data-top5-agree]')).toBeNull();
    expect(root.textContent).toContain('already in deploy form');
  });

  it('the summary says what the file is: format, naming and wrapper, variant or custom, half precision widened', () => {
    const text = renderSummary(
      summary({ naming: 'timm', format: 'safetensors', wrapper: 'model', prefix: 'module.', dtypes: ['bfloat16'], weightBytes: 18e6 }),
      'w.safetensors',
    ).textContent!;
    expect(text).toContain("timm’s (stem, stages, conv_kxk, head.fc); stored under 'model', every key prefixed 'module.'");
    expect(text).toContain('RepVGG-A0');
    expect(text).toContain('18.0 MB of bfloat16 weights (36.0 MB once widened to float32)');
    const custom = renderSummary(summary({ variant: null }), 'c.pth');
    expect(custom.querySelector('[data-variant]')!.getAttribute('data-variant')).toBe('custom');
  });

  it('INT8: per scale choice, the kernels’ error, the worst channel and its layer, the logits’ change, top-1 kept or changed, top-5 kept', () => {
    const r = result(1000, 0, false);
    const float = r.deploy.logits;
    const withInt8: ClassifyResult = {
      ...r,
      int8: [int8Run('per-tensor', float, 7, 20, 0.9), int8Run('per-channel', float, 3, 0.01, 0.04)],
    };
    const root = renderResult(withInt8, names, 'RepVGG-A0-deploy.pth');
    const rows = root.querySelectorAll('.ckpt-int8 tbody tr');
    expect([...rows].map((tr) => tr.getAttribute('data-int8'))).toEqual(['per-tensor', 'per-channel']);
    // The median layer's error and the worst channel, with the layer it is in.
    expect(value(root, 'int8-per-tensor-kernel-error')).toBe(0.02);
    expect(value(root, 'int8-per-tensor-worst-channel')).toBe(0.9);
    expect(rows[0]!.textContent).toContain('90.0 %\u00a0(layer\u00a02\u00a0of\u00a03)');
    // Per tensor: class 7 jumps to the top; per channel: the Samoyed stays.
    expect(value(root, 'int8-per-tensor-logits-max-abs')).toBeCloseTo(20, 4);
    expect(rows[0]!.getAttribute('data-top1-same')).toBe('false');
    expect(rows[0]!.textContent).toContain('changed ✗ to name 7');
    expect(value(root, 'int8-per-tensor-top5-overlap')).toBe(4);
    expect(rows[1]!.getAttribute('data-top1-same')).toBe('true');
    expect(rows[1]!.textContent).toMatch(/the same ✓ \(Samoyed, \d+\.\d+ %\)/);
    expect(value(root, 'int8-per-channel-top5-overlap')).toBe(5);
    expect(value(root, 'ms-run-int8-per-channel')).toBe(80);
    // No INT8 runs asked for: no section.
    expect(renderResult(r, names, 'x.pth').querySelector('.ckpt-int8-report')).toBeNull();
  });
});
