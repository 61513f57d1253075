import type { DeployBlock, TrainBlock } from './block.ts';
import { foldedScale } from './fold-batch-norm.ts';
import type { DeployModelWeights, TrainModelWeights } from './model.ts';
import { checkBlock } from './reparameterize-block.ts';
import { reparamChannels } from './simd/reparam-channel.ts';
import { tensor } from './tensor.ts';

/**
 * Whole-model conversion, training-time → deploy. The arithmetic is reparameterizeBlock's, fused
 * into one pass per layer that reads each training weight once and writes each deploy weight once:
 * converting is memory-bound, so touching memory once is what makes it fast.
 */

/**
 * Re-parameterize one block straight into preallocated output arrays (kernel [O, I/g, 3, 3] and
 * bias [O]). Bit-for-bit the same result as reparameterizeBlock: the same float32 products, and
 * the same float32 rounding after each branch is added. The 3×3 and 1×1 branches go through the
 * WebAssembly SIMD kernel where the engine has one (simd/reparam-channel.ts), else through
 * scaleChannels below; the identity and the biases are one value per channel, done here.
 */
export function reparameterizeBlockInto(block: TrainBlock, kernel: Float32Array, bias: Float32Array, options: { simd?: boolean } = {}): void {
  checkBlock(block);
  const [outChannels, perGroup] = block.dense.kernel.shape as [number, number];
  if (kernel.length !== block.dense.kernel.data.length || bias.length !== outChannels) {
    throw new RangeError('reparameterizeBlockInto: output arrays do not match the block');
  }
  const dense = foldedScale(block.dense.bn);
  const oneByOne = foldedScale(block.oneByOne.bn);
  const identity = block.identity ? foldedScale(block.identity) : null;
  const simd = options.simd === false ? null : reparamChannels();
  if (simd) simd.run(block.dense.kernel.data, block.oneByOne.kernel.data, dense.scale, oneByOne.scale, perGroup, kernel);
  else scaleChannels(block.dense.kernel.data, block.oneByOne.kernel.data, dense.scale, oneByOne.scale, perGroup, kernel);

  const f32 = Math.fround;
  for (let o = 0; o < outChannels; o++) {
    let b = f32(dense.shift[o]! + oneByOne.shift[o]!);
    if (identity) {
      const centre = (o * perGroup + (o % perGroup)) * 9 + 4;
      kernel[centre] = kernel[centre]! + identity.scale[o]!;
      b = f32(b + identity.shift[o]!);
    }
    bias[o] = b;
  }
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
