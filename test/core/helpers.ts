import { BN_EPS, type BatchNormParams } from '../../src/core/batch-norm.ts';
import type { Rng } from '../../src/core/random.ts';
import { type Tensor, sizeOf, tensor } from '../../src/core/tensor.ts';

export function randomTensor(rng: Rng, shape: number[], std = 1): Tensor {
  return tensor(shape, rng.fillNormal(new Float32Array(sizeOf(shape)), 0, std));
}

/**
 * Random BN statistics for property tests, wider than the model generator's: γ of either sign,
 * |β| and |μ| up to ~1, σ² from 0.01 to 4, and sometimes a non-default ε.
 */
export function randomBn(rng: Rng, channels: number): BatchNormParams {
  const values = (f: () => number) => Float32Array.from({ length: channels }, f);
  return {
    gamma: values(() => rng.normal()),
    beta: values(() => rng.normal() * 0.5),
    mean: values(() => rng.normal() * 0.5),
    variance: values(() => 0.01 + 4 * rng.uniform()),
    eps: rng.uniform() < 0.5 ? BN_EPS : 1e-3,
  };
}

/** An integer in [low, high]. */
export function randomInt(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng.uniform() * (high - low + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[randomInt(rng, 0, items.length - 1)]!;
}

/**
 * The textbook convolution, one output element at a time with explicit bounds checks: slow and
 * obviously right, the yardstick for the tap-by-tap conv2d.
 */
export function naiveConv2d(x: Tensor, k: Tensor, { stride = 1, padding = 0, groups = 1, bias = null as Float32Array | null } = {}): Tensor {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [o, cg, kh, kw] = k.shape as [number, number, number, number];
  const ho = Math.floor((h + 2 * padding - kh) / stride) + 1;
  const wo = Math.floor((w + 2 * padding - kw) / stride) + 1;
  const out = new Float32Array(n * o * ho * wo);
  const og = o / groups;
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++)
      for (let oy = 0; oy < ho; oy++)
        for (let ox = 0; ox < wo; ox++) {
          let sum = bias ? bias[oc]! : 0;
          const g = Math.floor(oc / og);
          for (let ic = 0; ic < cg; ic++)
            for (let dy = 0; dy < kh; dy++)
              for (let dx = 0; dx < kw; dx++) {
                const iy = oy * stride - padding + dy;
                const ix = ox * stride - padding + dx;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                const xv = x.data[((b * c + g * cg + ic) * h + iy) * w + ix]!;
                sum += xv * k.data[((oc * cg + ic) * kh + dy) * kw + dx]!;
              }
          out[((b * o + oc) * ho + oy) * wo + ox] = sum;
        }
  return tensor([n, o, ho, wo], out);
}
