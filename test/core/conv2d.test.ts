import { describe, expect, it } from 'vitest';
import { conv2d, conv2dOutputSize } from '../../src/core/conv2d.ts';
import { createRng } from '../../src/core/random.ts';
import { maxRelDiff, tensor } from '../../src/core/tensor.ts';
import { naiveConv2d, pick, randomInt, randomTensor } from './helpers.ts';

describe('conv2d', () => {
  it('matches the textbook loop on random shapes, strides, paddings, groups and biases', () => {
    const rng = createRng(101);
    for (let trial = 0; trial < 60; trial++) {
      const groups = pick(rng, [1, 2, 4]);
      const c = groups * randomInt(rng, 1, 3);
      const o = groups * randomInt(rng, 1, 3);
      const k = pick(rng, [1, 3, 5]);
      const padding = randomInt(rng, 0, 2);
      const stride = pick(rng, [1, 2, 3]);
      const h = randomInt(rng, Math.max(1, k - 2 * padding), 9);
      const w = randomInt(rng, Math.max(1, k - 2 * padding), 9);
      const x = randomTensor(rng, [randomInt(rng, 1, 2), c, h, w]);
      const kernel = randomTensor(rng, [o, c / groups, k, k]);
      const bias = trial % 2 ? rng.fillNormal(new Float32Array(o)) : null;
      const options = { stride, padding, groups, bias };
      const got = conv2d(x, kernel, options);
      const want = naiveConv2d(x, kernel, options);
      expect(got.shape).toEqual(want.shape);
      expect(maxRelDiff(got, want)).toBeLessThan(1e-6);
    }
  });

  it('computes a hand-checked example', () => {
    // 3×3 input, 2×2 kernel of ones, stride 1, no padding: sums of 2×2 windows, plus bias 1.
    const x = tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const k = tensor([1, 1, 2, 2], [1, 1, 1, 1]);
    expect(Array.from(conv2d(x, k, { bias: new Float32Array([1]) }).data)).toEqual([13, 17, 25, 29]);
    // padding 1, stride 2 on the same input with a centre-only 3×3 kernel picks pixels (0,0),(0,2),(2,0),(2,2).
    const centre = tensor([1, 1, 3, 3], [0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(conv2d(x, centre, { stride: 2, padding: 1 }).data)).toEqual([1, 3, 7, 9]);
  });

  it('uses PyTorch output sizes and rejects inconsistent arguments', () => {
    expect(conv2dOutputSize(224, 3, 2, 1)).toBe(112);
    expect(conv2dOutputSize(7, 3, 2, 1)).toBe(4);
    expect(conv2dOutputSize(7, 1, 2, 0)).toBe(4);
    const rng = createRng(1);
    const x = randomTensor(rng, [1, 4, 5, 5]);
    expect(() => conv2d(x, randomTensor(rng, [2, 4, 3, 3]), { groups: 2 })).toThrow(/per group/);
    expect(() => conv2d(x, randomTensor(rng, [3, 2, 3, 3]), { groups: 2 })).toThrow(/groups/);
    expect(() => conv2d(x, randomTensor(rng, [2, 4, 7, 7]))).toThrow(/does not fit/);
    expect(() => conv2d(x, randomTensor(rng, [2, 4, 3, 3]), { bias: new Float32Array(3) })).toThrow(/bias/);
  });
});
