/**
 * Chapter 2's computation, without any DOM: a 1×1 conv (padding 0) against the same weights
 * zero-padded to 3×3 (padding 1), at stride 1 or 2.
 */
import { conv2d } from '../../core/conv2d';
import { padTo3x3 } from '../../core/pad-to-3x3';
import { createRng } from '../../core/random';
import { type OutputComparison, type Tensor, compareOutputs, tensor } from '../../core/tensor';

export const CHANNELS = 2;
export const SIZE = 7;

/**
 * A 2-channel 7×7 feature map from a seed, rounded to one decimal so that the probe's arithmetic
 * (w · x + w · x) can be followed by hand.
 */
export function demoInput(seed: number): Tensor {
  const values = createRng(seed).fillNormal(new Float64Array(CHANNELS * SIZE * SIZE));
  return tensor(
    [1, CHANNELS, SIZE, SIZE],
    Array.from(values, (v) => Math.round(v * 10) / 10),
  );
}

/** The reader's 1×1 weights w[o][i] as a kernel [2, 2, 1, 1]. */
export function oneByOneKernel(weights: readonly (readonly number[])[]): Tensor {
  return tensor([CHANNELS, CHANNELS, 1, 1], weights.flat());
}

export interface PadResult extends OutputComparison {
  readonly padded: Tensor;
  /** conv 1×1, padding 0. */
  readonly oneByOne: Tensor;
  /** conv with the padded 3×3 kernel, padding 1. */
  readonly threeByThree: Tensor;
}

export function runPad(x: Tensor, kernel: Tensor, stride: number): PadResult {
  const padded = padTo3x3(kernel);
  const oneByOne = conv2d(x, kernel, { stride, padding: 0 });
  const threeByThree = conv2d(x, padded, { stride, padding: 1 });
  return { padded, oneByOne, threeByThree, ...compareOutputs(oneByOne, threeByThree) };
}

/** The input pixel output (row, col) is centred on: (stride·row, stride·col). */
export function centreOf(row: number, col: number, stride: number): { row: number; col: number } {
  return { row: row * stride, col: col * stride };
}
