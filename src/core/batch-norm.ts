import { type Tensor, zeros } from './tensor.ts';

/** PyTorch's default BatchNorm2d eps, used by RepVGG. */
export const BN_EPS = 1e-5;

/**
 * One BatchNorm2d layer, one entry per channel: γ (gamma, weight), β (beta, bias), and the
 * running statistics μ (mean) and σ² (variance) that eval mode normalizes with.
 */
export interface BatchNormParams {
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
  readonly mean: Float32Array;
  readonly variance: Float32Array;
  readonly eps: number;
}

/** Per-channel mean and biased variance (divide by N·H·W) over a batch [N, C, H, W]. */
export interface BatchStatistics {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
}

/** Eval mode: y = γ · (x − μ) / √(σ² + ε) + β with the running statistics. */
export function batchNormEval(x: Tensor, bn: BatchNormParams): Tensor {
  return normalize(x, bn, bn.mean, bn.variance);
}

/**
 * Train mode: the same formula with the batch's own mean and biased variance (what PyTorch
 * normalizes with; it uses the unbiased variance only to update running_var). The running
 * statistics are not updated: this is a pure function, for showing why the equivalence needs
 * eval mode.
 */
export function batchNormTrain(x: Tensor, bn: BatchNormParams): Tensor {
  const stats = batchStatistics(x);
  return normalize(x, bn, stats.mean, stats.variance);
}

export function batchStatistics(x: Tensor): BatchStatistics {
  const [n, c, h, w] = channelDims(x, x.shape[1] ?? 0);
  const plane = h * w;
  const count = n * plane;
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * plane;
      for (let i = 0; i < plane; i++) sum += x.data[base + i]!;
    }
    const m = sum / count;
    let squares = 0; // two passes: the textbook E[x²] − m² loses digits when |m| ≫ σ
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * plane;
      for (let i = 0; i < plane; i++) squares += (x.data[base + i]! - m) ** 2;
    }
    mean[ch] = m;
    variance[ch] = squares / count;
  }
  return { mean, variance };
}

function normalize(x: Tensor, bn: BatchNormParams, mean: ArrayLike<number>, variance: ArrayLike<number>): Tensor {
  const [n, c, h, w] = channelDims(x, bn.gamma.length);
  const plane = h * w;
  const out = zeros(x.shape);
  for (let ch = 0; ch < c; ch++) {
    const scale = bn.gamma[ch]! / Math.sqrt(variance[ch]! + bn.eps);
    const m = mean[ch]!;
    const shift = bn.beta[ch]!;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * plane;
      for (let i = 0; i < plane; i++) out.data[base + i] = (x.data[base + i]! - m) * scale + shift;
    }
  }
  return out;
}

function channelDims(x: Tensor, channels: number): [number, number, number, number] {
  if (x.shape.length !== 4) throw new RangeError(`batch norm expects [N, C, H, W], got [${x.shape.join(', ')}]`);
  const dims = x.shape as [number, number, number, number];
  if (dims[1] !== channels) throw new RangeError(`batch norm has ${channels} channels, input has ${dims[1]}`);
  return dims;
}
