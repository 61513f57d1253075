import { type BatchNormMode, type DeployBlock, type TrainBlock, forwardDeployBlock, forwardTrainBlock } from './block.ts';
import type { RepVGGSpec } from './family.ts';
import { globalAveragePool, linear } from './ops.ts';
import type { Tensor } from './tensor.ts';

/** The classifier: weight [numClasses, features], bias [numClasses]. */
export interface LinearWeights {
  readonly weight: Tensor;
  readonly bias: Float32Array;
}

/** A whole training-time RepVGG: one TrainBlock per layer of planModel(spec), then the linear layer. */
export interface TrainModelWeights {
  readonly spec: RepVGGSpec;
  readonly blocks: readonly TrainBlock[];
  readonly linear: LinearWeights;
}

/** The same network after re-parameterization: one 3×3 conv with bias per layer. */
export interface DeployModelWeights {
  readonly spec: RepVGGSpec;
  readonly blocks: readonly DeployBlock[];
  readonly linear: LinearWeights;
}

export interface ForwardOptions {
  /** 'eval' (default): BN with running statistics. 'train': BN with batch statistics, not updated. */
  readonly mode?: BatchNormMode;
}

/** Reference forward of the training-time model: images [N, C, H, W] → logits [N, numClasses]. */
export function forwardTrain(weights: TrainModelWeights, x: Tensor, options: ForwardOptions = {}): Tensor {
  let features = x;
  for (const block of weights.blocks) features = forwardTrainBlock(block, features, options.mode ?? 'eval');
  return classify(weights.linear, features);
}

/** Reference forward of the deploy model: a plain stack of 3×3 conv + ReLU, then the classifier. */
export function forwardDeploy(weights: DeployModelWeights, x: Tensor): Tensor {
  let features = x;
  for (const block of weights.blocks) features = forwardDeployBlock(block, features);
  return classify(weights.linear, features);
}

function classify(head: LinearWeights, features: Tensor): Tensor {
  return linear(globalAveragePool(features), head.weight, head.bias);
}
