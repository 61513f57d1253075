import type { DeployBlock, TrainBlock } from './block.ts';
import { foldedScale } from './fold-batch-norm.ts';
import type { DeployModelWeights, TrainModelWeights } from './model.ts';
import { checkBlock } from './reparameterize-block.ts';
import { tensor } from './tensor.ts';

/**
 * Whole-model conversion, training-time → deploy. The arithmetic is reparameterizeBlock's, fused
 * into one pass per layer that reads each training weight once and writes each deploy weight once:
 * converting is memory-bound, so touching memory once is what makes it fast.
 */

/**
 * Re-parameterize one block straight into preallocated output arrays (kernel [O, I/g, 3, 3] and
 * bias [O]). Bit-for-bit the same result as reparameterizeBlock: same float64 products, and the
 * same float32 rounding after each branch is added (Math.fround at the centre taps).
 */
export function reparameterizeBlockInto(block: TrainBlock, kernel: Float32Array, bias: Float32Array): void {
  checkBlock(block);
  const [outChannels, perGroup] = block.dense.kernel.shape as [number, number];
  if (kernel.length !== block.dense.kernel.data.length || bias.length !== outChannels) {
    throw new RangeError('reparameterizeBlockInto: output arrays do not match the block');
  }
  const dense = foldedScale(block.dense.bn);
  const oneByOne = foldedScale(block.oneByOne.bn);
  const identity = block.identity ? foldedScale(block.identity) : null;
  const w3 = block.dense.kernel.data;
  const w1 = block.oneByOne.kernel.data;
  const perOutput = perGroup * 9;

  for (let o = 0; o < outChannels; o++) {
    // 3×3 branch, folded: W'[o] = W[o] · t[o]. This loop is nearly all of the work.
    const t3 = dense.scale[o]!;
    const start = o * perOutput;
    const end = start + perOutput;
    for (let j = start; j < end; j++) kernel[j] = w3[j]! * t3;

    // 1×1 branch, folded and padded to 3×3: it only adds to the centre tap (index 4 of 9).
    const t1 = oneByOne.scale[o]!;
    for (let i = 0, centre = start + 4; i < perGroup; i++, centre += 9) {
      kernel[centre] = kernel[centre]! + Math.fround(w1[o * perGroup + i]! * t1);
    }
    let b = Math.fround(Math.fround(dense.shift[o]!) + Math.fround(oneByOne.shift[o]!));

    // Identity branch, folded: t[o] at K[o, o mod (C/g), 1, 1].
    if (identity) {
      const centre = start + (o % perGroup) * 9 + 4;
      kernel[centre] = kernel[centre]! + Math.fround(identity.scale[o]!);
      b = Math.fround(b + Math.fround(identity.shift[o]!));
    }
    bias[o] = b;
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
}

/**
 * The whole deploy model. Extra memory beyond input and output: O(channels) per layer for the
 * folded scales. The classifier is copied, so the two models share no arrays.
 */
export function convertModel(weights: TrainModelWeights, options: ConvertOptions = {}): DeployModelWeights {
  const total = weights.blocks.length;
  const blocks: DeployBlock[] = [];
  for (const block of convertLayers(weights)) {
    blocks.push(block);
    options.onProgress?.(blocks.length, total);
  }
  const { weight, bias } = weights.linear;
  return {
    spec: weights.spec,
    blocks,
    linear: { weight: tensor(weight.shape, weight.data.slice()), bias: bias.slice() },
  };
}
