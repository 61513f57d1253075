import type { BatchNormParams } from './batch-norm.ts';
import { type Tensor, zeros } from './tensor.ts';

/**
 * BN after a bias-free conv is an affine map per output channel, so it folds into the conv:
 *   t = γ / √(σ² + ε),   W' = W · t (each output channel's kernel scaled),   b' = β − μ · t.
 * `scale` is t and `shift` is b'. Kept in float64 so every caller rounds only once, at the end.
 */
export interface FoldedScale {
  readonly scale: Float64Array;
  readonly shift: Float64Array;
}

export function foldedScale(bn: BatchNormParams): FoldedScale {
  const channels = bn.gamma.length;
  if (bn.beta.length !== channels || bn.mean.length !== channels || bn.variance.length !== channels) {
    throw new RangeError('batch norm γ, β, μ and σ² must have one value per channel');
  }
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const t = bn.gamma[c]! / Math.sqrt(bn.variance[c]! + bn.eps);
    scale[c] = t;
    shift[c] = bn.beta[c]! - bn.mean[c]! * t;
  }
  return { scale, shift };
}

export interface KernelAndBias {
  readonly kernel: Tensor;
  readonly bias: Float32Array;
}

/**
 * Fold a BN layer into the conv before it: conv(x, W) then BN  ==  conv(x, W') + b' (eval mode).
 * Pass `into` (same shape as the kernel, may be the kernel itself) to write W' without allocating.
 */
export function foldBatchNorm(kernel: Tensor, bn: BatchNormParams, into?: KernelAndBias): KernelAndBias {
  const outChannels = kernel.shape[0] ?? 0;
  if (bn.gamma.length !== outChannels) {
    throw new RangeError(`batch norm has ${bn.gamma.length} channels, kernel has ${outChannels} output channels`);
  }
  const result = into ?? { kernel: zeros(kernel.shape), bias: new Float32Array(outChannels) };
  if (result.kernel.data.length !== kernel.data.length || result.bias.length !== outChannels) {
    throw new RangeError('foldBatchNorm: `into` does not match the kernel');
  }
  const { scale, shift } = foldedScale(bn);
  const perChannel = kernel.data.length / outChannels;
  const w = kernel.data;
  const out = result.kernel.data;
  for (let o = 0; o < outChannels; o++) {
    const t = scale[o]!;
    const end = (o + 1) * perChannel;
    for (let i = o * perChannel; i < end; i++) out[i] = w[i]! * t;
    result.bias[o] = shift[o]!;
  }
  return result;
}
