import type { BatchNormMode, ConvBn } from './block.ts';
import { batchNormEval, batchNormTrain } from './batch-norm.ts';
import { conv2d } from './conv2d.ts';
import { type KernelAndBias, foldBatchNorm } from './fold-batch-norm.ts';
import { add } from './ops.ts';
import type { Rng } from './random.ts';
import { type Tensor, tensor, zeros } from './tensor.ts';
import { type BlockShape, randomBatchNorm } from './weights.ts';

/**
 * ACB, the Asymmetric Convolution Block (Ding et al., ACNet, ICCV 2019), one of the variants the
 * RepVGG paper compares against in Table 7: a 3×3 conv, a 1×3 conv and a 3×1 conv, each followed by
 * its own BN, added. Like RepVGG's 1×1 branch, the asymmetric kernels fold into the 3×3 one:
 * fold each BN, place the 1×3 kernel on the middle row and the 3×1 kernel on the middle column of a
 * zero 3×3, add. Names follow the official ACNet code (`square_conv`, `hor_conv`, `ver_conv`,
 * `_add_to_square_kernel`).
 */
export interface AcbBlock {
  readonly stride: number;
  readonly groups: number;
  /** square_conv: 3×3, padding 1, + BN. */
  readonly square: ConvBn;
  /** hor_conv: 1×3, padding [0, 1], + BN; null where the branch is left out. */
  readonly hor: ConvBn | null;
  /** ver_conv: 3×1, padding [1, 0], + BN; null where the branch is left out. */
  readonly ver: ConvBn | null;
}

/** The padding that keeps a kh×kw kernel (odd sides) centred like the 3×3 conv with padding 1. */
export function centredPadding(kh: number, kw: number): [number, number] {
  if (kh % 2 !== 1 || kw % 2 !== 1 || kh > 3 || kw > 3) throw new RangeError(`centredPadding: a kernel of at most 3×3 with odd sides, got ${kh}×${kw}`);
  return [(kh - 1) / 2, (kw - 1) / 2];
}

/**
 * A kh×kw kernel [O, I, kh, kw] (odd sides, at most 3) written as a 3×3 kernel: its taps centred,
 * zeros around. 1×1 gives padTo3x3; 1×3 fills the middle row, 3×1 the middle column.
 */
export function padToSquare(kernel: Tensor): Tensor {
  const [o, i, kh, kw] = kernel.shape;
  if (kernel.shape.length !== 4 || o === undefined || i === undefined || kh === undefined || kw === undefined) {
    throw new RangeError(`padToSquare expects a kernel [O, I, kh, kw], got [${kernel.shape.join(', ')}]`);
  }
  return addToSquareKernel(zeros([o, i, 3, 3]), kernel);
}

/**
 * square + the asymmetric kernel centred on it (official `_add_to_square_kernel`), as a new tensor.
 * Both share [O, I]; the asymmetric kernel has odd sides no larger than 3.
 */
export function addToSquareKernel(square: Tensor, asym: Tensor): Tensor {
  const [o, i, sh, sw] = square.shape;
  const [ao, ai, kh, kw] = asym.shape;
  if (square.shape.length !== 4 || sh !== 3 || sw !== 3)
    throw new RangeError(`addToSquareKernel: square kernel must be [O, I, 3, 3], got [${square.shape.join(', ')}]`);
  if (asym.shape.length !== 4 || ao !== o || ai !== i || kh === undefined || kw === undefined) {
    throw new RangeError(`addToSquareKernel: kernels [${square.shape.join(', ')}] and [${asym.shape.join(', ')}] do not match`);
  }
  const [top, left] = [1 - (kh - 1) / 2, 1 - (kw - 1) / 2];
  centredPadding(kh, kw);
  const out = zeros(square.shape);
  out.data.set(square.data);
  for (let j = 0; j < o! * i!; j++) {
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) {
        const at = j * 9 + (top + y) * 3 + left + x;
        out.data[at] = out.data[at]! + asym.data[(j * kh + y) * kw + x]!;
      }
    }
  }
  return out;
}

/** One ACB branch as a folded 3×3 kernel and bias, with its name. */
export interface FoldedAcbBranch extends KernelAndBias {
  readonly name: 'square' | 'hor' | 'ver';
}

/** Each present branch with its BN folded in and padded to 3×3: Ŵ⁽³ˣ³⁾, pad(Ŵ⁽¹ˣ³⁾), pad(Ŵ⁽³ˣ¹⁾). */
export function foldAcbBranches(block: AcbBlock): FoldedAcbBranch[] {
  checkAcb(block);
  const out: FoldedAcbBranch[] = [{ name: 'square', ...foldBatchNorm(block.square.kernel, block.square.bn) }];
  for (const name of ['hor', 'ver'] as const) {
    const branch = block[name];
    if (branch) out.push({ name, ...foldBatchNorm(padToSquare(branch.kernel), branch.bn) });
  }
  return out;
}

/**
 * The deploy kernel and bias of an ACB (official `get_equivalent_kernel_bias`): the folded kernels
 * and biases summed, in the order square, hor, ver (float32 partial sums).
 */
export function foldAcb(block: AcbBlock): KernelAndBias {
  const parts = foldAcbBranches(block);
  const first = parts[0]!;
  const kernel = zeros(first.kernel.shape);
  const bias = new Float32Array(first.bias.length);
  for (const part of parts) {
    for (let j = 0; j < kernel.data.length; j++) kernel.data[j] = kernel.data[j]! + part.kernel.data[j]!;
    for (let c = 0; c < bias.length; c++) bias[c] = bias[c]! + part.bias[c]!;
  }
  return { kernel, bias };
}

/** The training-time ACB, branch by branch: BN(3×3(x)) + BN(1×3(x)) + BN(3×1(x)); no ReLU inside. */
export function forwardAcb(block: AcbBlock, x: Tensor, mode: BatchNormMode = 'eval'): Tensor {
  checkAcb(block);
  const batchNorm = mode === 'eval' ? batchNormEval : batchNormTrain;
  const { stride, groups } = block;
  const outputs = [batchNorm(conv2d(x, block.square.kernel, { stride, padding: 1, groups }), block.square.bn)];
  for (const branch of [block.hor, block.ver]) {
    if (!branch) continue;
    const [, , kh, kw] = branch.kernel.shape as [number, number, number, number];
    outputs.push(batchNorm(conv2d(x, branch.kernel, { stride, padding: centredPadding(kh, kw), groups }), branch.bn));
  }
  return add(...(outputs as [Tensor, ...Tensor[]]));
}

function checkAcb(block: AcbBlock): void {
  const [o, i, kh, kw] = block.square.kernel.shape;
  if (kh !== 3 || kw !== 3) throw new RangeError('ACB: the square kernel must be 3×3');
  const want = { hor: [1, 3], ver: [3, 1] } as const;
  for (const name of ['hor', 'ver'] as const) {
    const branch = block[name];
    if (!branch) continue;
    const [bo, bi, bh, bw] = branch.kernel.shape;
    if (bo !== o || bi !== i || bh !== want[name][0] || bw !== want[name][1]) {
      throw new RangeError(`ACB: the ${name} kernel must be [${o}, ${i}, ${want[name].join(', ')}], got [${branch.kernel.shape.join(', ')}]`);
    }
  }
}

/**
 * A random ACB with He-normal kernels and the notebook's random BN statistics. Draw order: 3×3
 * kernel, its BN, 1×3 kernel, its BN, 3×1 kernel, its BN (all drawn even when a branch is left
 * out, so switching a branch off changes nothing else).
 */
export function randomAcbBlock(rng: Rng, shape: BlockShape, keep: { hor: boolean; ver: boolean } = { hor: true, ver: true }): AcbBlock {
  const { inChannels, outChannels, stride, groups } = shape;
  if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new RangeError(`groups = ${groups} must divide ${inChannels} → ${outChannels} channels`);
  }
  const perGroup = inChannels / groups;
  const convBn = (kh: number, kw: number): ConvBn => {
    const fanIn = perGroup * kh * kw;
    const kernel = tensor([outChannels, perGroup, kh, kw], rng.fillNormal(new Float32Array(outChannels * fanIn), 0, Math.sqrt(2 / fanIn)));
    return { kernel, bn: randomBatchNorm(rng, outChannels) };
  };
  const square = convBn(3, 3);
  const hor = convBn(1, 3);
  const ver = convBn(3, 1);
  return { stride, groups, square, hor: keep.hor ? hor : null, ver: keep.ver ? ver : null };
}
