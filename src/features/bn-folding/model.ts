/**
 * Chapter 1's computation, without any DOM: a conv then BN on a photo, against the conv with BN
 * folded in. Every number the widget shows comes from here, and here from src/core.
 */
import { type BatchNormParams, type BatchStatistics, batchNormEval, batchNormTrain, batchStatistics } from '../../core/batch-norm';
import { conv2d } from '../../core/conv2d';
import { LUMA_WEIGHTS, SMOOTH_3X3, SOBEL_X_3X3, mixKernelBank } from '../../core/filters';
import { type KernelAndBias, foldBatchNorm, foldedScale } from '../../core/fold-batch-norm';
import { type OutputComparison, type Tensor, compareOutputs } from '../../core/tensor';

/** The reader's BN settings: one value per output channel, one ε for the layer (as in BatchNorm2d). */
export interface BnSettings {
  readonly gamma: readonly number[];
  readonly beta: readonly number[];
  readonly mean: readonly number[];
  readonly variance: readonly number[];
  readonly eps: number;
  /** Train mode: BN normalizes with the batch's statistics instead of the running ones. */
  readonly train: boolean;
}

export interface BnFoldResult extends OutputComparison {
  readonly bn: BatchNormParams;
  /** t = γ / √(σ² + ε), per output channel, as the fold computes it (float32). */
  readonly t: Float32Array;
  /** W′ and b′. */
  readonly folded: KernelAndBias;
  /** conv then BN (in the chosen mode): what the trained network computes. */
  readonly reference: Tensor;
  /** conv with W′ and b′: what the converted network computes. */
  readonly converted: Tensor;
  /** The conv output's own per-channel statistics: what train-mode BN uses. */
  readonly batch: BatchStatistics;
}

/** Two output channels the reader can recognise: a blurred brightness map and vertical edges. */
export function demoKernel(): Tensor {
  return mixKernelBank([SMOOTH_3X3, SOBEL_X_3X3], LUMA_WEIGHTS);
}

export const CHANNEL_NAMES = ['brightness', 'vertical edges'] as const;

export function bnParams(settings: BnSettings): BatchNormParams {
  return {
    gamma: Float32Array.from(settings.gamma),
    beta: Float32Array.from(settings.beta),
    mean: Float32Array.from(settings.mean),
    variance: Float32Array.from(settings.variance),
    eps: settings.eps,
  };
}

export function runBnFold(x: Tensor, kernel: Tensor, settings: BnSettings): BnFoldResult {
  const bn = bnParams(settings);
  // padding 1, as in RepVGG's 3×3 branch: the map keeps its size.
  const z = conv2d(x, kernel, { padding: 1 });
  const reference = settings.train ? batchNormTrain(z, bn) : batchNormEval(z, bn);
  const folded = foldBatchNorm(kernel, bn);
  const converted = conv2d(x, folded.kernel, { padding: 1, bias: folded.bias });
  return {
    bn,
    t: foldedScale(bn).scale,
    folded,
    reference,
    converted,
    ...compareOutputs(reference, converted),
    batch: batchStatistics(z),
  };
}
