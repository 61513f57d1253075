import type { BatchNormParams } from './batch-norm.ts';
import type { ConvBn, DeployBlock, TrainBlock } from './block.ts';
import { foldBatchNorm } from './fold-batch-norm.ts';
import { identityKernel } from './identity-kernel.ts';
import { padTo3x3 } from './pad-to-3x3.ts';
import { zeros } from './tensor.ts';

/**
 * Every branch of a block as (3×3 kernel, BN): the 3×3 branch as it is, the 1×1 kernel padded to
 * 3×3, and the identity as an identity kernel. A branch the block does not have is simply not in
 * the list, so it contributes zero to the sum below.
 */
export function branchesAs3x3(block: TrainBlock): ConvBn[] {
  checkBlock(block);
  const channels = block.dense.kernel.shape[0]!;
  const identity: ConvBn[] = block.identity ? [{ kernel: identityKernel(channels, block.groups), bn: block.identity }] : [];
  return [block.dense, { kernel: padTo3x3(block.oneByOne.kernel), bn: block.oneByOne.bn }, ...identity];
}

/**
 * The paper's re-parameterization of one block (eval mode): fold each branch's BN into its 3×3
 * kernel, then add the kernels and the biases. Readable reference version; the whole-model
 * converter does the same arithmetic in one fused pass (reparameterizeBlockInto), and the tests
 * check the two agree bit for bit.
 */
export function reparameterizeBlock(block: TrainBlock): DeployBlock {
  const folded = branchesAs3x3(block).map(({ kernel, bn }) => foldBatchNorm(kernel, bn));
  const kernel = zeros(block.dense.kernel.shape);
  const bias = new Float32Array(kernel.shape[0]!);
  for (const branch of folded) {
    for (let i = 0; i < kernel.data.length; i++) kernel.data[i] = kernel.data[i]! + branch.kernel.data[i]!;
    for (let o = 0; o < bias.length; o++) bias[o] = bias[o]! + branch.bias[o]!;
  }
  return { stride: block.stride, groups: block.groups, kernel, bias };
}

/** Throws unless the branches fit together as a RepVGG block. */
export function checkBlock(block: TrainBlock): void {
  const [o, perGroup, kh, kw] = block.dense.kernel.shape;
  const one = block.oneByOne.kernel.shape;
  if (block.dense.kernel.shape.length !== 4 || kh !== 3 || kw !== 3 || o === undefined || perGroup === undefined) {
    throw new RangeError(`3×3 branch kernel must be [O, I/g, 3, 3], got [${block.dense.kernel.shape.join(', ')}]`);
  }
  if (one.length !== 4 || one[0] !== o || one[1] !== perGroup || one[2] !== 1 || one[3] !== 1) {
    throw new RangeError(`1×1 branch kernel must be [${o}, ${perGroup}, 1, 1], got [${one.join(', ')}]`);
  }
  if (!Number.isInteger(block.groups) || block.groups < 1 || o % block.groups !== 0) {
    throw new RangeError(`groups = ${block.groups} must divide ${o} output channels`);
  }
  checkBn(block.dense.bn, o, '3×3 branch');
  checkBn(block.oneByOne.bn, o, '1×1 branch');
  if (block.identity) {
    // The identity exists only where the block maps C channels to C channels at stride 1.
    if (block.stride !== 1 || perGroup * block.groups !== o) {
      throw new RangeError('an identity branch needs stride 1 and as many input as output channels');
    }
    checkBn(block.identity, o, 'identity branch');
  }
}

function checkBn(bn: BatchNormParams, channels: number, what: string): void {
  for (const [name, values] of Object.entries({ gamma: bn.gamma, beta: bn.beta, mean: bn.mean, variance: bn.variance })) {
    if (values.length !== channels) throw new RangeError(`${what}: BN ${name} has ${values.length} values for ${channels} channels`);
  }
}
