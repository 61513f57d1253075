/**
 * Chapter 3's computation, without any DOM: the identity branch (a BN alone) against the identity
 * kernel with that BN folded in, run as a grouped 3×3 conv.
 */
import { type BatchNormParams, batchNormEval, batchNormTrain } from '../../core/batch-norm';
import { conv2d } from '../../core/conv2d';
import { type KernelAndBias, foldBatchNorm, foldedScale } from '../../core/fold-batch-norm';
import { identityKernel } from '../../core/identity-kernel';
import { createRng } from '../../core/random';
import { type OutputComparison, type Tensor, compareOutputs, tensor } from '../../core/tensor';
import { randomBatchNorm } from '../../core/weights';

export const CHANNELS = 4;
export const SIZE = 6;
export const GROUPS = ['1', '2', '4'] as const;

/** A seeded input [1, 4, 6, 6] and identity BN (drawn as the model weights are, see weights.ts). */
export function identitySetup(seed: number): { x: Tensor; bn: BatchNormParams } {
  const rng = createRng(seed);
  const bn = randomBatchNorm(rng, CHANNELS);
  const x = tensor([1, CHANNELS, SIZE, SIZE], rng.fillNormal(new Float32Array(CHANNELS * SIZE * SIZE)));
  return { x, bn };
}

export interface IdentityResult extends OutputComparison {
  /** K: [C, C/g, 3, 3], one-hot centres. */
  readonly kernel: Tensor;
  /** t per channel, and Ŵ⁽⁰⁾ = t·K with b̂⁽⁰⁾. */
  readonly t: Float32Array;
  readonly folded: KernelAndBias;
  /** BN(x): the identity branch as trained (eval or train mode). */
  readonly reference: Tensor;
  /** conv(x, Ŵ⁽⁰⁾, groups g) + b̂⁽⁰⁾. */
  readonly converted: Tensor;
}

export function runIdentity(x: Tensor, bn: BatchNormParams, groups: number, train: boolean): IdentityResult {
  const kernel = identityKernel(CHANNELS, groups);
  const folded = foldBatchNorm(kernel, bn);
  const reference = train ? batchNormTrain(x, bn) : batchNormEval(x, bn);
  const converted = conv2d(x, folded.kernel, { padding: 1, groups, bias: folded.bias });
  return { kernel, t: foldedScale(bn).scale, folded, reference, converted, ...compareOutputs(reference, converted) };
}

/**
 * For the connection table, read off the kernel itself: for output channel o and input channel j
 * (counted over all C), 'none' if j is outside o's group (the grouped conv never reads it), else
 * the centre tap K[o, j − group start, 1, 1]: 'identity' where it is 1, 'group' where it is 0.
 */
export function connection(kernel: Tensor, o: number, j: number, groups: number): 'identity' | 'group' | 'none' {
  const perGroup = CHANNELS / groups;
  const start = Math.floor(o / perGroup) * perGroup;
  if (j < start || j >= start + perGroup) return 'none';
  return kernel.data[(o * perGroup + (j - start)) * 9 + 4] === 1 ? 'identity' : 'group';
}
