import { describe, expect, it } from 'vitest';
import { batchNormEval, batchNormTrain, batchStatistics } from '../../src/core/batch-norm.ts';
import { createRng } from '../../src/core/random.ts';
import { at } from '../../src/core/tensor.ts';
import { randomBn, randomTensor } from './helpers.ts';

describe('batch norm', () => {
  const rng = createRng(5);
  const x = randomTensor(rng, [3, 4, 5, 5], 2);
  const bn = randomBn(rng, 4);

  it('eval mode applies γ(x − μ)/√(σ² + ε) + β with the running statistics', () => {
    const y = batchNormEval(x, bn);
    for (const [b, c, i, j] of [
      [0, 0, 0, 0],
      [2, 3, 4, 1],
      [1, 2, 2, 2],
    ] as const) {
      const want = (bn.gamma[c]! * (at(x, b, c, i, j) - bn.mean[c]!)) / Math.sqrt(bn.variance[c]! + bn.eps) + bn.beta[c]!;
      expect(at(y, b, c, i, j)).toBeCloseTo(want, 5);
    }
  });

  it('train mode normalizes with the batch mean and biased variance', () => {
    const y = batchNormTrain(x, bn);
    const stats = batchStatistics(y);
    for (let c = 0; c < 4; c++) {
      // After normalization each channel has mean β and (biased) variance γ²·v/(v + ε) ≈ γ².
      const v = batchStatistics(x).variance[c]!;
      expect(stats.mean[c]).toBeCloseTo(bn.beta[c]!, 5);
      expect(stats.variance[c]).toBeCloseTo((bn.gamma[c]! ** 2 * v) / (v + bn.eps), 5);
    }
    expect(Array.from(y.data)).not.toEqual(Array.from(batchNormEval(x, bn).data));
  });

  it('batchStatistics divides by N·H·W (biased), as PyTorch normalizes', () => {
    const t = { shape: [2, 1, 1, 2], data: new Float32Array([1, 2, 3, 6]) };
    const { mean, variance } = batchStatistics(t);
    expect(mean[0]).toBe(3);
    expect(variance[0]).toBe((4 + 1 + 0 + 9) / 4);
  });

  it('rejects a channel mismatch', () => {
    expect(() => batchNormEval(randomTensor(rng, [1, 3, 2, 2]), bn)).toThrow(/channels/);
  });
});
