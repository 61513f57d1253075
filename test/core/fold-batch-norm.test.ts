import { describe, expect, it } from 'vitest';
import { batchNormEval } from '../../src/core/batch-norm.ts';
import { conv2d } from '../../src/core/conv2d.ts';
import { foldBatchNorm, foldedScale } from '../../src/core/fold-batch-norm.ts';
import { createRng } from '../../src/core/random.ts';
import { maxRelDiff, zeros } from '../../src/core/tensor.ts';
import { pick, randomBn, randomInt, randomTensor } from './helpers.ts';

describe('foldBatchNorm', () => {
  it('applies W′ = W·t and b′ = β − μ·γ/√(σ² + ε) in float32, in the official order', () => {
    const rng = createRng(8);
    const kernel = randomTensor(rng, [3, 2, 3, 3]);
    const bn = randomBn(rng, 3);
    const { kernel: folded, bias } = foldBatchNorm(kernel, bn);
    const f32 = Math.fround;
    for (let o = 0; o < 3; o++) {
      const std = f32(Math.sqrt(f32(bn.variance[o]! + f32(bn.eps))));
      const t = f32(bn.gamma[o]! / std);
      expect(foldedScale(bn).scale[o]).toBe(t);
      expect(folded.data[o * 18 + 7]).toBe(f32(kernel.data[o * 18 + 7]! * t));
      expect(bias[o]).toBe(f32(bn.beta[o]! - f32(f32(bn.mean[o]! * bn.gamma[o]!) / std)));
      // and that is the real-number formula up to float32 rounding
      const exactT = bn.gamma[o]! / Math.sqrt(bn.variance[o]! + bn.eps);
      expect(Math.abs(t - exactT)).toBeLessThan(1e-6 * Math.abs(exactT));
      expect(Math.abs(bias[o]! - (bn.beta[o]! - bn.mean[o]! * exactT))).toBeLessThan(1e-6 * (Math.abs(bn.beta[o]!) + Math.abs(bn.mean[o]! * exactT)));
    }
  });

  it('conv then BN (eval) == conv with the folded kernel and bias', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 20; trial++) {
      const groups = pick(rng, [1, 2, 4]);
      const c = groups * randomInt(rng, 1, 3);
      const o = groups * randomInt(rng, 1, 3);
      const k = pick(rng, [1, 3]);
      const stride = pick(rng, [1, 2]);
      const x = randomTensor(rng, [2, c, randomInt(rng, 3, 8), randomInt(rng, 3, 8)]);
      const kernel = randomTensor(rng, [o, c / groups, k, k]);
      const bn = randomBn(rng, o);
      const options = { stride, padding: (k - 1) / 2, groups };
      const { kernel: folded, bias } = foldBatchNorm(kernel, bn);
      const want = batchNormEval(conv2d(x, kernel, options), bn);
      expect(maxRelDiff(conv2d(x, folded, { ...options, bias }), want)).toBeLessThan(1e-5);
    }
  });

  it('writes into a given buffer, even the kernel itself', () => {
    const rng = createRng(10);
    const kernel = randomTensor(rng, [4, 1, 3, 3]);
    const bn = randomBn(rng, 4);
    const expected = foldBatchNorm(kernel, bn);
    const into = { kernel, bias: new Float32Array(4) };
    expect(foldBatchNorm(kernel, bn, into)).toBe(into);
    expect(kernel.data).toEqual(expected.kernel.data);
    expect(() => foldBatchNorm(kernel, bn, { kernel: zeros([4, 1, 1, 1]), bias: new Float32Array(4) })).toThrow(/into/);
    expect(() => foldBatchNorm(kernel, randomBn(rng, 3))).toThrow(/channels/);
  });
});
