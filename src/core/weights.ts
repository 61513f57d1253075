import { BN_EPS, type BatchNormParams } from './batch-norm.ts';
import type { TrainBlock } from './block.ts';
import { type RepVGGSpec, featureChannels, planModel } from './family.ts';
import type { TrainModelWeights } from './model.ts';
import { type Rng, createRng } from './random.ts';
import { tensor } from './tensor.ts';

/**
 * Reproducible training-time weights, for any spec, from a seed. Not trained: drawn so that
 * folding visibly changes things and the equivalence tests mean something, yet activations stay
 * of order one through a deep stack.
 *
 * Draw order (part of the reproducibility contract): for each layer, 3×3 kernel, its BN
 * (γ, β, μ, σ²), 1×1 kernel, its BN, then the identity BN if the layer has one; at the end
 * the linear weight and bias.
 */

/** What a block's shape depends on; a LayerPlan from planModel fits. */
export interface BlockShape {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride: number;
  readonly groups: number;
}

/**
 * BN with statistics nothing like the identity: γ in [0.4, 0.8) (three branches are summed, so
 * each is scaled down), β ~ N(0, 0.1²), μ ~ N(0, 0.1²), σ² in [0.5, 2).
 */
export function randomBatchNorm(rng: Rng, channels: number): BatchNormParams {
  return {
    gamma: rng.fillUniform(new Float32Array(channels), 0.4, 0.8),
    beta: rng.fillNormal(new Float32Array(channels), 0, 0.1),
    mean: rng.fillNormal(new Float32Array(channels), 0, 0.1),
    variance: rng.fillUniform(new Float32Array(channels), 0.5, 2),
    eps: BN_EPS,
  };
}

/** He-normal kernel [O, I/g, k, k]: std √(2 / fan-in), fan-in = (I/g)·k². */
function heKernel(rng: Rng, shape: BlockShape, k: number): Float32Array {
  const fanIn = (shape.inChannels / shape.groups) * k * k;
  const size = shape.outChannels * fanIn;
  return rng.fillNormal(new Float32Array(size), 0, Math.sqrt(2 / fanIn));
}

/** A random training-time block; the identity branch exists iff in == out channels and stride 1. */
export function randomTrainBlock(rng: Rng, shape: BlockShape): TrainBlock {
  const { inChannels, outChannels, stride, groups } = shape;
  if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new RangeError(`groups = ${groups} must divide ${inChannels} → ${outChannels} channels`);
  }
  const perGroup = inChannels / groups;
  const denseKernel = tensor([outChannels, perGroup, 3, 3], heKernel(rng, shape, 3));
  const denseBn = randomBatchNorm(rng, outChannels);
  const oneByOneKernel = tensor([outChannels, perGroup, 1, 1], heKernel(rng, shape, 1));
  const oneByOneBn = randomBatchNorm(rng, outChannels);
  const identity = inChannels === outChannels && stride === 1 ? randomBatchNorm(rng, outChannels) : null;
  return {
    stride,
    groups,
    dense: { kernel: denseKernel, bn: denseBn },
    oneByOne: { kernel: oneByOneKernel, bn: oneByOneBn },
    identity,
  };
}

export interface CreateWeightsOptions {
  /** Called after each layer: (layers done, layers in all). Big models take seconds; a worker can post it. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Training-time weights for a whole network; the same (spec, seed) gives the same bits everywhere. */
export function createTrainWeights(spec: RepVGGSpec, seed: number, options: CreateWeightsOptions = {}): TrainModelWeights {
  const rng = createRng(seed);
  const plan = planModel(spec);
  const blocks = plan.map((layer, i) => {
    const block = randomTrainBlock(rng, layer);
    options.onProgress?.(i + 1, plan.length);
    return block;
  });
  const features = featureChannels(spec);
  // PyTorch's default Linear init: uniform in ±1/√fan-in for weight and bias.
  const bound = 1 / Math.sqrt(features);
  const weight = rng.fillUniform(new Float32Array(spec.numClasses * features), -bound, bound);
  const bias = rng.fillUniform(new Float32Array(spec.numClasses), -bound, bound);
  return { spec, blocks, linear: { weight: tensor([spec.numClasses, features], weight), bias } };
}
