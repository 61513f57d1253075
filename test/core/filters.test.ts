import { describe, expect, it } from 'vitest';
import { conv2d } from '../../src/core/conv2d.ts';
import { LUMA_WEIGHTS, SMOOTH_3X3, SOBEL_X_3X3, mixKernelBank } from '../../src/core/filters.ts';
import { at, tensor } from '../../src/core/tensor.ts';

describe('hand-made filters', () => {
  it('the blur sums to 1 and Sobel-x to 0 (flat regions: same brightness, no edge)', () => {
    expect(SMOOTH_3X3.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(SOBEL_X_3X3.reduce((a, b) => a + b)).toBe(0);
    expect(LUMA_WEIGHTS.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it('mixKernelBank puts channelWeights[c] · pattern[o] at K[o, c]', () => {
    const k = mixKernelBank([SMOOTH_3X3, SOBEL_X_3X3], LUMA_WEIGHTS);
    expect(k.shape).toEqual([2, 3, 3, 3]);
    expect(at(k, 0, 1, 1, 1)).toBeCloseTo(LUMA_WEIGHTS[1] * 0.25, 7);
    expect(at(k, 1, 2, 2, 0)).toBeCloseTo(-LUMA_WEIGHTS[2] * 0.25, 7);
    expect(() => mixKernelBank([[1, 2]], [1])).toThrow(/9 values/);
  });

  it('on a grey ramp rising to the right, the blur keeps the brightness and Sobel-x sees the slope', () => {
    // Three equal channels, value = column index: brightness = column, slope 1 per pixel.
    const plane = Array.from({ length: 25 }, (_, i) => i % 5);
    const x = tensor([1, 3, 5, 5], [...plane, ...plane, ...plane]);
    const y = conv2d(x, mixKernelBank([SMOOTH_3X3, SOBEL_X_3X3], LUMA_WEIGHTS));
    expect(at(y, 0, 0, 1, 1)).toBeCloseTo(2, 6); // centre column of the 3×3 window at column 2
    expect(at(y, 0, 1, 1, 1)).toBeCloseTo(2, 6); // (1 + 2 + 1)·(2 − 0)/4 = 2
  });
});
