import { type BatchNormParams, batchNormEval, batchNormTrain } from './batch-norm.ts';
import { conv2d } from './conv2d.ts';
import { add, relu } from './ops.ts';
import type { Tensor } from './tensor.ts';

/** A bias-free conv followed by BN: one branch of a training-time block (official `conv_bn`). */
export interface ConvBn {
  /** [O, I/groups, k, k] */
  readonly kernel: Tensor;
  readonly bn: BatchNormParams;
}

/**
 * A training-time RepVGG block: out = ReLU( BN(conv3×3(x)) + BN(conv1×1(x)) + BN(x) ).
 * Field names follow the official repvgg.py: rbr_dense, rbr_1x1, rbr_identity.
 */
export interface TrainBlock {
  readonly stride: number;
  readonly groups: number;
  /** rbr_dense: 3×3 conv (padding 1) + BN. */
  readonly dense: ConvBn;
  /** rbr_1x1: 1×1 conv (padding 0, same stride and groups) + BN. */
  readonly oneByOne: ConvBn;
  /** rbr_identity: a BN alone; null where it cannot exist (channels change, or stride 2). */
  readonly identity: BatchNormParams | null;
}

/** An inference-time block: out = ReLU(conv3×3(x) + bias) (official `rbr_reparam`). */
export interface DeployBlock {
  readonly stride: number;
  readonly groups: number;
  /** [O, I/groups, 3, 3] */
  readonly kernel: Tensor;
  /** [O] */
  readonly bias: Float32Array;
}

export type BatchNormMode = 'eval' | 'train';

/**
 * The training-time block, branch by branch. In 'eval' mode BN uses its running statistics (the
 * only mode in which re-parameterization is exact); in 'train' mode it uses the batch's own.
 */
export function forwardTrainBlock(block: TrainBlock, x: Tensor, mode: BatchNormMode = 'eval'): Tensor {
  const batchNorm = mode === 'eval' ? batchNormEval : batchNormTrain;
  const { stride, groups } = block;
  const branches = [
    batchNorm(conv2d(x, block.dense.kernel, { stride, padding: 1, groups }), block.dense.bn),
    batchNorm(conv2d(x, block.oneByOne.kernel, { stride, padding: 0, groups }), block.oneByOne.bn),
  ];
  if (block.identity) branches.push(batchNorm(x, block.identity));
  return relu(add(...(branches as [Tensor, ...Tensor[]])));
}

export function forwardDeployBlock(block: DeployBlock, x: Tensor): Tensor {
  const { stride, groups, bias } = block;
  return relu(conv2d(x, block.kernel, { stride, padding: 1, groups, bias }));
}
