/**
 * Chapter 4's computation, without any DOM: a whole training-time block (with the branches the
 * reader keeps) against the one 3×3 conv it converts to.
 */
import { forwardDeployBlock, type TrainBlock } from '../../core/block';
import { type FoldedBranch, foldKeptBranches, forwardKeptBranches, sumKernels } from '../../core/branch-ablation';
import type { KernelAndBias } from '../../core/fold-batch-norm';
import type { BranchSet } from '../../core/paths';
import { createRng } from '../../core/random';
import { type OutputComparison, type Tensor, compareOutputs, tensor } from '../../core/tensor';
import { randomTrainBlock } from '../../core/weights';

export const CHANNELS = 4;
export const SIZE = 8;

/** A block 4 → 4 channels, stride 1 (so it has an identity), and an input, from one seed. */
export function blockSetup(seed: number): { block: TrainBlock; x: Tensor } {
  const rng = createRng(seed);
  const block = randomTrainBlock(rng, { inChannels: CHANNELS, outChannels: CHANNELS, stride: 1, groups: 1 });
  const x = tensor([1, CHANNELS, SIZE, SIZE], rng.fillNormal(new Float32Array(CHANNELS * SIZE * SIZE)));
  return { block, x };
}

export interface MergeResult extends OutputComparison {
  /** The kept branches, each as a folded 3×3 kernel and bias. */
  readonly branches: readonly FoldedBranch[];
  /** W′ and b′: their sum. */
  readonly merged: KernelAndBias;
  /** ReLU(sum of the kept branches), BN in eval or train mode. */
  readonly reference: Tensor;
  /** ReLU(conv(x, W′) + b′). */
  readonly converted: Tensor;
}

export function runMerge(block: TrainBlock, x: Tensor, keep: BranchSet, train: boolean): MergeResult {
  const branches = foldKeptBranches(block, keep);
  const merged = sumKernels(branches);
  const reference = forwardKeptBranches(block, x, keep, train ? 'train' : 'eval');
  const converted = forwardDeployBlock({ stride: block.stride, groups: block.groups, ...merged }, x);
  return { branches, merged, reference, converted, ...compareOutputs(reference, converted) };
}
