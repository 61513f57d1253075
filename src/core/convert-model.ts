import type { DeployBlock, TrainBlock } from './block.ts';
import { type FoldedScale, foldedScale } from './fold-batch-norm.ts';
import type { DeployModelWeights, TrainModelWeights } from './model.ts';
import { checkBlock } from './reparameterize-block.ts';
import { reparamChannels } from './simd/reparam-channel.ts';
import { tensor } from './tensor.ts';

/**
 * Whole-model conversion, training-time → deploy. The arithmetic is reparameterizeBlock's, fused
 * into one pass per layer that reads each training weight once and writes each deploy weight once:
 * converting is memory-bound, so touching memory once is what makes it fast.
 */

/** A block's three BN layers folded to per-channel scale and shift: O(channels), computed once per block. */
export interface FoldedBlock {
  readonly outChannels: number;
  /** Input channels per group: the kernel is [outChannels, perGroup, 3, 3]. */
  readonly perGroup: number;
  readonly dense: FoldedScale;
  readonly oneByOne: FoldedScale;
  readonly identity: FoldedScale | null;
}

export function foldBlock(block: TrainBlock): FoldedBlock {
  checkBlock(block);
  const [outChannels, perGroup] = block.dense.kernel.shape as [number, number];
  return {
    outChannels,
    perGroup,
    dense: foldedScale(block.dense.bn),
    oneByOne: foldedScale(block.oneByOne.bn),
    identity: block.identity ? foldedScale(block.identity) : null,
  };
}

/**
 * The deploy kernel's output channels [first, end) into out[0 .. (end − first)·perGroup·9): a
 * writer can convert a layer a few channels at a time into one small reused buffer. The 3×3 and
 * 1×1 branches go through the WebAssembly SIMD kernel where the engine has one
 * (simd/reparam-channel.ts), else through scaleChannels below; the identity is one value per channel.
 */
export function kernelChannelsInto(
  block: TrainBlock,
  folded: FoldedBlock,
  first: number,
  end: number,
  out: Float32Array,
  options: { simd?: boolean } = {},
): void {
  const { perGroup, dense, oneByOne, identity } = folded;
  const perChannel = perGroup * 9;
  if (
    !(Number.isInteger(first) && Number.isInteger(end) && first >= 0 && first <= end && end <= folded.outChannels) ||
    out.length < (end - first) * perChannel
  ) {
    throw new RangeError(
      `kernelChannelsInto: channels [${first}, ${end}) of ${folded.outChannels} need ${(end - first) * perChannel} floats, the output holds ${out.length}`,
    );
  }
  const kernel = out.length === (end - first) * perChannel ? out : out.subarray(0, (end - first) * perChannel);
  const w3 = block.dense.kernel.data.subarray(first * perChannel, end * perChannel);
  const w1 = block.oneByOne.kernel.data.subarray(first * perGroup, end * perGroup);
  const t3 = dense.scale.subarray(first, end);
  const t1 = oneByOne.scale.subarray(first, end);
  const simd = options.simd === false ? null : reparamChannels();
  if (simd) simd.run(w3, w1, t3, t1, perGroup, kernel);
  else scaleChannels(w3, w1, t3, t1, perGroup, kernel);
  if (identity) {
    for (let o = first; o < end; o++) {
      const centre = ((o - first) * perGroup + (o % perGroup)) * 9 + 4;
      kernel[centre] = kernel[centre]! + identity.scale[o]!;
    }
  }
}

/** The deploy bias [O]: the three branches' shifts added, rounded to float32 after each. */
export function biasInto(folded: FoldedBlock, bias: Float32Array): void {
  const { outChannels, dense, oneByOne, identity } = folded;
  if (bias.length !== outChannels) throw new RangeError(`biasInto: ${outChannels} channels, the output holds ${bias.length}`);
  const f32 = Math.fround;
  for (let o = 0; o < outChannels; o++) {
    const b = f32(dense.shift[o]! + oneByOne.shift[o]!);
    bias[o] = identity ? f32(b + identity.shift[o]!) : b;
  }
}

/**
 * Re-parameterize one block straight into preallocated output arrays (kernel [O, I/g, 3, 3] and
 * bias [O]). Bit-for-bit the same result as reparameterizeBlock: the same float32 products, and
 * the same float32 rounding after each branch is added.
 */
export function reparameterizeBlockInto(block: TrainBlock, kernel: Float32Array, bias: Float32Array, options: { simd?: boolean } = {}): void {
  const folded = foldBlock(block);
  if (kernel.length !== block.dense.kernel.data.length || bias.length !== folded.outChannels) {
    throw new RangeError('reparameterizeBlockInto: output arrays do not match the block');
  }
  kernelChannelsInto(block, folded, 0, folded.outChannels, kernel, options);
  biasInto(folded, bias);
}

/**
 * The scalar form of the SIMD kernel: kernel[o] = t3[o]·w3[o] with t1[o]·w1[o][i] added on each
 * centre tap. The inner loop handles one 3×3 kernel (9 values) per iteration, written out: in V8
 * that runs about three times faster than a plain loop over all values.
 */
export function scaleChannels(w3: Float32Array, w1: Float32Array, t3s: Float32Array, t1s: Float32Array, perGroup: number, kernel: Float32Array): void {
  const f32 = Math.fround;
  for (let o = 0; o < t3s.length; o++) {
    const t3 = t3s[o]!;
    const t1 = t1s[o]!;
    for (let i = 0, k = o * perGroup * 9, one = o * perGroup; i < perGroup; i++, k += 9, one++) {
      kernel[k] = w3[k]! * t3;
      kernel[k + 1] = w3[k + 1]! * t3;
      kernel[k + 2] = w3[k + 2]! * t3;
      kernel[k + 3] = w3[k + 3]! * t3;
      kernel[k + 4] = f32(w3[k + 4]! * t3) + f32(w1[one]! * t1);
      kernel[k + 5] = w3[k + 5]! * t3;
      kernel[k + 6] = w3[k + 6]! * t3;
      kernel[k + 7] = w3[k + 7]! * t3;
      kernel[k + 8] = w3[k + 8]! * t3;
    }
  }
}

/** Convert one block into newly allocated deploy arrays. */
export function convertBlock(block: TrainBlock): DeployBlock {
  const shape = block.dense.kernel.shape;
  const kernel = new Float32Array(block.dense.kernel.data.length);
  const bias = new Float32Array(shape[0] ?? 0);
  reparameterizeBlockInto(block, kernel, bias);
  return { stride: block.stride, groups: block.groups, kernel: tensor(shape, kernel), bias };
}

/**
 * Layer by layer: yields each deploy block as soon as it is made, so a caller can write it out,
 * transfer it from a worker, or report progress without holding a second whole model.
 */
export function* convertLayers(weights: TrainModelWeights): Generator<DeployBlock, void, undefined> {
  for (const block of weights.blocks) yield convertBlock(block);
}

export interface ConvertOptions {
  /** Called after each layer: (layers done, layers in all). Cheap; a worker can post it. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Write into this deploy model's arrays instead of allocating new ones (it must have the same
   * spec), e.g. to reconvert after editing BN statistics without touching fresh memory.
   */
  readonly into?: DeployModelWeights;
}

/**
 * The whole deploy model. Extra memory beyond input and output: the folded scales, O(channels)
 * per layer. The classifier is copied, so the two models share no arrays.
 */
export function convertModel(weights: TrainModelWeights, options: ConvertOptions = {}): DeployModelWeights {
  const { onProgress, into } = options;
  const total = weights.blocks.length;
  if (into && (into.blocks.length !== total || into.linear.weight.data.length !== weights.linear.weight.data.length)) {
    throw new RangeError('convertModel: `into` is not a deploy model of the same network');
  }
  const blocks: DeployBlock[] = [];
  weights.blocks.forEach((block, i) => {
    const target = into?.blocks[i];
    if (target) reparameterizeBlockInto(block, target.kernel.data, target.bias);
    blocks.push(target ?? convertBlock(block));
    onProgress?.(i + 1, total);
  });
  const { weight, bias } = weights.linear;
  const linear = into?.linear ?? { weight: tensor(weight.shape, new Float32Array(weight.data.length)), bias: new Float32Array(bias.length) };
  linear.weight.data.set(weight.data);
  linear.bias.set(bias);
  return into ?? { spec: weights.spec, blocks, linear };
}
