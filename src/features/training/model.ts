/**
 * The ACB figure's computation, without any DOM: an Asymmetric Convolution Block (3×3, 1×3 and
 * 3×1 convs, each with BN) against the one 3×3 conv it folds into.
 */
import { type AcbBlock, type FoldedAcbBranch, foldAcb, foldAcbBranches, forwardAcb, randomAcbBlock } from '../../core/acb';
import { conv2d } from '../../core/conv2d';
import type { KernelAndBias } from '../../core/fold-batch-norm';
import { createRng } from '../../core/random';
import { type OutputComparison, type Tensor, compareOutputs, tensor } from '../../core/tensor';

export const CHANNELS = 2;
export const SIZE = 7;
export const STRIDES = ['1', '2'] as const;

export interface AcbKeep {
  readonly hor: boolean;
  readonly ver: boolean;
}

/** A 2 → 2 channel ACB with every branch, and an input, from one seed (stride set per run). */
export function acbSetup(seed: number): { block: AcbBlock; x: Tensor } {
  const rng = createRng(seed);
  const block = randomAcbBlock(rng, { inChannels: CHANNELS, outChannels: CHANNELS, stride: 1, groups: 1 });
  const x = tensor([1, CHANNELS, SIZE, SIZE], rng.fillNormal(new Float32Array(CHANNELS * SIZE * SIZE)));
  return { block, x };
}

/** The block with the reader's branches and stride (the weights of a kept branch never change). */
export function withChoices(block: AcbBlock, keep: AcbKeep, stride: number): AcbBlock {
  return { ...block, stride, hor: keep.hor ? block.hor : null, ver: keep.ver ? block.ver : null };
}

export interface AcbResult extends OutputComparison {
  /** Each kept branch, BN folded in and padded to 3×3. */
  readonly branches: readonly FoldedAcbBranch[];
  /** W′ and b′: their sum. */
  readonly merged: KernelAndBias;
  /** BN(3×3(x)) + BN(1×3(x)) + BN(3×1(x)), each conv with its own kernel shape and padding. */
  readonly reference: Tensor;
  /** conv(x, W′, padding 1) + b′. */
  readonly converted: Tensor;
  /** Output side length (7 at stride 1, 4 at stride 2). */
  readonly outSize: number;
}

export function runAcb(block: AcbBlock, x: Tensor): AcbResult {
  const branches = foldAcbBranches(block);
  const merged = foldAcb(block);
  const reference = forwardAcb(block, x);
  const converted = conv2d(x, merged.kernel, { stride: block.stride, padding: 1, bias: merged.bias });
  return { branches, merged, reference, converted, ...compareOutputs(reference, converted), outSize: reference.shape[2]! };
}

/** Which of the 9 taps of W′ each branch touches: the corners only the 3×3, the centre all three. */
export function tapsTouched(keep: AcbKeep): number[][] {
  return Array.from({ length: 3 }, (_, y) => Array.from({ length: 3 }, (_, x) => 1 + (keep.hor && y === 1 ? 1 : 0) + (keep.ver && x === 1 ? 1 : 0)));
}
