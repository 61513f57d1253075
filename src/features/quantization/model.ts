/**
 * The quantization chapter's computation, without any DOM: a seeded RepVGG block whose BN
 * statistics the reader edits (one channel's running variance σ²), its three folded branches and
 * the merged kernel W′, W′ quantized to INT8 with one scale per tensor and with one per output
 * channel, and the block run on the sample photo with float W′ against each quantized W′.
 */
import type { BatchNormParams } from '../../core/batch-norm';
import { type DeployBlock, type TrainBlock, forwardDeployBlock } from '../../core/block';
import { type BranchName, type FoldedBranch, foldKeptBranches, sumKernels } from '../../core/branch-ablation';
import type { KernelAndBias } from '../../core/fold-batch-norm';
import {
  type ChannelRange,
  type Histogram,
  type QuantizedTensor,
  type RoundTripError,
  type ScaleMode,
  INT8_MAX,
  channelRanges,
  dequantize,
  histogram,
  levelsUsed,
  quantizeSymmetric,
  roundTripError,
  roundTripErrorByChannel,
  toFloat16,
} from '../../core/quantize';
import { createRng } from '../../core/random';
import { reparameterizeBlock } from '../../core/reparameterize-block';
import type { Tensor } from '../../core/tensor';
import { randomTrainBlock } from '../../core/weights';

/** Channels of the block under study (in = out, stride 1, so it has all three branches). */
export const CHANNELS = 8;
/** The output channel whose running variance the reader shrinks. */
export const SHRUNK_CHANNEL = 0;
/** Bounds of the σ² control: down to far below ε = 1e-5, up to the generator's usual range. */
export const VARIANCE_MIN = 1e-7;
export const VARIANCE_MAX = 2;
export const BRANCHES: readonly BranchName[] = ['dense', 'oneByOne', 'identity'];
export const MODES: readonly ScaleMode[] = ['per-tensor', 'per-channel'];

export interface QuantSetup {
  /** The float first layer 3 → CHANNELS that turns the photo into the block's input. */
  readonly stem: DeployBlock;
  /** The block under study, with the generator's BN statistics. */
  readonly block: TrainBlock;
  /** The stem's output on the photo: [1, CHANNELS, H, W]. */
  readonly x: Tensor;
}

/**
 * From one seed: a float stem (a seeded RepVGG block 3 → 16, stride 1, converted) and the block
 * 16 → 16 under study; the photo through the stem is the block's input, as a layer inside a
 * network sees the previous layer's output.
 */
export function quantSetup(seed: number, photo: Tensor): QuantSetup {
  const rng = createRng(seed);
  const stem = reparameterizeBlock(randomTrainBlock(rng, { inChannels: photo.shape[1]!, outChannels: CHANNELS, stride: 1, groups: 1 }));
  const block = randomTrainBlock(rng, { inChannels: CHANNELS, outChannels: CHANNELS, stride: 1, groups: 1 });
  return { stem, block, x: forwardDeployBlock(stem, photo) };
}

/** The block with one channel's running variance in one branch's BN set to `variance`. */
export function withShrunkVariance(block: TrainBlock, branch: BranchName, variance: number): TrainBlock {
  const shrink = (bn: BatchNormParams): BatchNormParams => {
    const v = Float32Array.from(bn.variance);
    v[SHRUNK_CHANNEL] = variance;
    return { ...bn, variance: v };
  };
  if (branch === 'dense') return { ...block, dense: { ...block.dense, bn: shrink(block.dense.bn) } };
  if (branch === 'oneByOne') return { ...block, oneByOne: { ...block.oneByOne, bn: shrink(block.oneByOne.bn) } };
  if (!block.identity) throw new RangeError('this block has no identity branch');
  return { ...block, identity: shrink(block.identity) };
}

/** INT8 with either scale, or plain float16 for comparison. */
export type Scheme = ScaleMode | 'fp16';
export const SCHEMES: readonly Scheme[] = ['per-tensor', 'per-channel', 'fp16'];

export interface SchemeResult {
  readonly scheme: Scheme;
  /** W′ as the deployed model computes with it: codes · scales, or W′ rounded to float16. */
  readonly restored: Tensor;
  /** Round-trip error of W′ over the whole kernel and per output channel. */
  readonly weightError: RoundTripError;
  readonly weightErrorByChannel: readonly RoundTripError[];
  /** The block's output with the rounded W′ (float activations). */
  readonly output: Tensor;
  readonly outputError: RoundTripError;
  readonly outputErrorByChannel: readonly RoundTripError[];
  /** Mean over output channels of the per-channel relative output error. */
  readonly meanChannelRelative: number;
  /** The output channel with the largest relative error, and that error. */
  readonly worstChannel: number;
  readonly worstRelative: number;
}

export interface ModeResult extends SchemeResult {
  readonly scheme: ScaleMode;
  readonly quantized: QuantizedTensor;
  readonly levels: number;
  /** Counts of each code −127 … 127 (255 bins of width 1). */
  readonly codeHistogram: Histogram;
}

export interface QuantResult {
  readonly branches: readonly FoldedBranch[];
  readonly merged: KernelAndBias;
  /** Per output channel ranges of each branch and of W′. */
  readonly ranges: Readonly<Record<BranchName | 'merged', readonly ChannelRange[]>>;
  /** t = γ / √(σ² + ε) of the shrunk channel in the edited branch. */
  readonly shrunkScale: number;
  /** Histogram of W′'s entries over ±max|W′|. */
  readonly weightHistogram: Histogram;
  /** The block's float output on the photo: ReLU(W′ * x + b′). */
  readonly reference: Tensor;
  readonly modes: Readonly<Record<ScaleMode, ModeResult>>;
  /** W′ cast to float16 instead: the README's "fp16 works fine", measured the same way. */
  readonly half: SchemeResult;
}

/** One way of storing W′'s result: an INT8 mode's, or float16's. */
export function schemeResult(r: QuantResult, scheme: Scheme): SchemeResult {
  return scheme === 'fp16' ? r.half : r.modes[scheme];
}

export const WEIGHT_BINS = 41;

export function runQuant(setup: QuantSetup, branch: BranchName, variance: number): QuantResult {
  const block = withShrunkVariance(setup.block, branch, variance);
  const branches = foldKeptBranches(block, { oneByOne: true, identity: true });
  const merged = sumKernels(branches);
  const ranges = Object.fromEntries([
    ...branches.map((b) => [b.name, channelRanges(b.kernel)] as const),
    ['merged', channelRanges(merged.kernel)] as const,
  ]) as Record<BranchName | 'merged', ChannelRange[]>;
  const bn = branch === 'dense' ? block.dense.bn : branch === 'oneByOne' ? block.oneByOne.bn : block.identity!;
  const shrunkScale = bn.gamma[SHRUNK_CHANNEL]! / Math.sqrt(bn.variance[SHRUNK_CHANNEL]! + bn.eps);
  const maxAbs = Math.max(...ranges.merged.map((r) => r.maxAbs));
  const weightHistogram = histogram(merged.kernel.data, WEIGHT_BINS, -maxAbs, maxAbs || 1);
  const deploy = (kernel: Tensor): Tensor => forwardDeployBlock({ stride: 1, groups: 1, kernel, bias: merged.bias }, setup.x);
  const reference = deploy(merged.kernel);

  const compare = (scheme: Scheme, restored: Tensor): SchemeResult => {
    const output = deploy(restored);
    const outputErrorByChannel = roundTripErrorByChannel(reference, output, 1);
    let worstChannel = 0;
    let sum = 0;
    outputErrorByChannel.forEach((e, c) => {
      sum += e.relative;
      if (e.relative > outputErrorByChannel[worstChannel]!.relative) worstChannel = c;
    });
    return {
      scheme,
      restored,
      weightError: roundTripError(merged.kernel.data, restored.data),
      weightErrorByChannel: roundTripErrorByChannel(merged.kernel, restored, 0),
      output,
      outputError: roundTripError(reference.data, output.data),
      outputErrorByChannel,
      meanChannelRelative: sum / outputErrorByChannel.length,
      worstChannel,
      worstRelative: outputErrorByChannel[worstChannel]!.relative,
    };
  };
  const int8 = (mode: ScaleMode): ModeResult => {
    const quantized = quantizeSymmetric(merged.kernel, mode);
    return {
      ...compare(mode, dequantize(quantized)),
      scheme: mode,
      quantized,
      levels: levelsUsed(quantized.codes),
      codeHistogram: histogram(quantized.codes, 2 * INT8_MAX + 1, -INT8_MAX - 0.5, INT8_MAX + 0.5),
    };
  };
  return {
    branches,
    merged,
    ranges,
    shrunkScale,
    weightHistogram,
    reference,
    modes: { 'per-tensor': int8('per-tensor'), 'per-channel': int8('per-channel') },
    half: compare('fp16', toFloat16(merged.kernel)),
  };
}

/** The slider's log scale: σ² ↔ log₁₀ σ². */
export const varianceToSlider = (v: number): number => Math.log10(v);
export const sliderToVariance = (p: number): number => Number((10 ** p).toPrecision(3));
