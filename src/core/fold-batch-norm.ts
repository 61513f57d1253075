import type { BatchNormParams } from './batch-norm.ts';
import { type Tensor, zeros } from './tensor.ts';

/**
 * BN after a bias-free conv is an affine map per output channel, so it folds into the conv:
 *   t = γ / √(σ² + ε),   W' = W · t (each output channel's kernel scaled),   b' = β − μ · γ / √(σ² + ε).
 * `scale` is t and `shift` is b'.
 *
 * Computed in float32 at every step, in the order of the official _fuse_bn_tensor
 * (std = (running_var + eps).sqrt(); t = gamma / std; bias = beta - running_mean * gamma / std).
 * Float32 +, −, ×, ÷ and √ are correctly rounded in IEEE 754, and a double result rounded once
 * to float32 equals the float32 operation, so this should give the official script's values to
 * the bit. (Reasoned, not checked against PyTorch: it is not available to these tests.)
 */
export interface FoldedScale {
  readonly scale: Float32Array;
  readonly shift: Float32Array;
}

export function foldedScale(bn: BatchNormParams): FoldedScale {
  const channels = bn.gamma.length;
  if (bn.beta.length !== channels || bn.mean.length !== channels || bn.variance.length !== channels) {
    throw new RangeError('batch norm γ, β, μ and σ² must have one value per channel');
  }
  const f32 = Math.fround;
  const eps = f32(bn.eps);
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const std = f32(Math.sqrt(f32(bn.variance[c]! + eps)));
    scale[c] = bn.gamma[c]! / std; // stored as float32: the rounding of a float32 division
    shift[c] = bn.beta[c]! - f32(f32(bn.mean[c]! * bn.gamma[c]!) / std);
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
