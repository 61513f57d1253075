import type { BatchNormMode, TrainBlock } from './block.ts';
import { batchNormEval, batchNormTrain } from './batch-norm.ts';
import { conv2d } from './conv2d.ts';
import { type KernelAndBias, foldBatchNorm } from './fold-batch-norm.ts';
import { identityKernel } from './identity-kernel.ts';
import { add, relu } from './ops.ts';
import { padTo3x3 } from './pad-to-3x3.ts';
import type { BranchSet } from './paths.ts';
import { checkBlock } from './reparameterize-block.ts';
import { type Tensor, zeros } from './tensor.ts';

/**
 * Blocks with branches removed, as in the paper's ablation (Table 6: RepVGG-B0 trained with the
 * 3×3 branch alone, with 1×1, with identity, with both). A removed branch is absent, not zeroed:
 * BN of a zero conv would still add β − μγ/σ.
 */

export type BranchName = 'dense' | 'oneByOne' | 'identity';

/** One branch, folded into a 3×3 kernel and a bias, with its name. */
export interface FoldedBranch extends KernelAndBias {
  readonly name: BranchName;
}

/** Which branches a block really has once `keep` is applied (identity only where it can exist). */
export function keptBranches(block: TrainBlock, keep: BranchSet): BranchName[] {
  const names: BranchName[] = ['dense'];
  if (keep.oneByOne) names.push('oneByOne');
  if (keep.identity && block.identity) names.push('identity');
  return names;
}

/** The training-time block with only the kept branches: ReLU(sum of their outputs). */
export function forwardKeptBranches(block: TrainBlock, x: Tensor, keep: BranchSet, mode: BatchNormMode = 'eval'): Tensor {
  checkBlock(block);
  const batchNorm = mode === 'eval' ? batchNormEval : batchNormTrain;
  const { stride, groups } = block;
  const outputs = keptBranches(block, keep).map((name) => {
    if (name === 'dense') return batchNorm(conv2d(x, block.dense.kernel, { stride, padding: 1, groups }), block.dense.bn);
    if (name === 'oneByOne') return batchNorm(conv2d(x, block.oneByOne.kernel, { stride, padding: 0, groups }), block.oneByOne.bn);
    return batchNorm(x, block.identity!);
  });
  return relu(add(...(outputs as [Tensor, ...Tensor[]])));
}

/** Each kept branch as a 3×3 kernel with its BN folded in: Ŵ⁽³⁾, pad(Ŵ⁽¹⁾), Ŵ⁽⁰⁾ and their biases. */
export function foldKeptBranches(block: TrainBlock, keep: BranchSet): FoldedBranch[] {
  checkBlock(block);
  const channels = block.dense.kernel.shape[0]!;
  return keptBranches(block, keep).map((name) => {
    if (name === 'dense') return { name, ...foldBatchNorm(block.dense.kernel, block.dense.bn) };
    if (name === 'oneByOne') return { name, ...foldBatchNorm(padTo3x3(block.oneByOne.kernel), block.oneByOne.bn) };
    return { name, ...foldBatchNorm(identityKernel(channels, block.groups), block.identity!) };
  });
}

/** W' = sum of the kernels, b' = sum of the biases: the last step of the re-parameterization. */
export function sumKernels(parts: readonly KernelAndBias[]): KernelAndBias {
  const first = parts[0];
  if (!first) throw new RangeError('sumKernels needs at least one kernel');
  const kernel = zeros(first.kernel.shape);
  const bias = new Float32Array(first.bias.length);
  for (const part of parts) {
    if (part.kernel.data.length !== kernel.data.length || part.bias.length !== bias.length) {
      throw new RangeError('sumKernels: kernels and biases must have one shape');
    }
    // Float32Array stores round each partial sum to float32, the order reparameterizeBlock uses.
    for (let i = 0; i < kernel.data.length; i++) kernel.data[i] = kernel.data[i]! + part.kernel.data[i]!;
    for (let o = 0; o < bias.length; o++) bias[o] = bias[o]! + part.bias[o]!;
  }
  return { kernel, bias };
}
