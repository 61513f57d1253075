import { type Tensor, zeros } from './tensor.ts';

/**
 * Classic hand-made 3×3 filters, so that a figure's feature maps look like something: chapter 1
 * convolves a photo with them instead of with random kernels.
 */

/** Luma weights of ITU-R BT.601: how much R, G and B contribute to perceived brightness. */
export const LUMA_WEIGHTS: readonly [number, number, number] = [0.299, 0.587, 0.114];

/** The binomial blur [1 2 1]ᵀ[1 2 1] / 16, row-major: a smooth "brightness" detector. */
export const SMOOTH_3X3: readonly number[] = [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16);

/** Sobel's horizontal derivative / 4, row-major: positive where the image gets brighter to the right. */
export const SOBEL_X_3X3: readonly number[] = [-1, 0, 1, -2, 0, 2, -1, 0, 1].map((v) => v / 4);

/**
 * A kernel bank [O, C, 3, 3] whose output channel o applies the spatial pattern patterns[o] to a
 * weighted mix of the input channels: K[o, c] = channelWeights[c] · patterns[o].
 */
export function mixKernelBank(patterns: readonly (readonly number[])[], channelWeights: readonly number[]): Tensor {
  const channels = channelWeights.length;
  const out = zeros([patterns.length, channels, 3, 3]);
  patterns.forEach((pattern, o) => {
    if (pattern.length !== 9) throw new RangeError(`pattern ${o} must have 9 values (3×3, row-major), got ${pattern.length}`);
    for (let c = 0; c < channels; c++) {
      for (let tap = 0; tap < 9; tap++) out.data[(o * channels + c) * 9 + tap] = channelWeights[c]! * pattern[tap]!;
    }
  });
  return out;
}
