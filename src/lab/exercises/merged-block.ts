/** Chapter 4: the merged bias of a block, and the number of paths through a stack of blocks. */
import { countPaths } from '../../core/paths.ts';
import type { Rng } from '../../core/random.ts';
import { reparameterizeBlock } from '../../core/reparameterize-block.ts';
import { zeros } from '../../core/tensor.ts';
import { formatInteger, formatNumber } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { decimalBetween, intBetween } from '../session.ts';
import { channelBn, drawGamma, drawVariance } from './bn-folding.ts';

function drawBn(rng: Rng) {
  return channelBn(drawGamma(rng), decimalBetween(rng, -1, 1, 2), decimalBetween(rng, -1.5, 1.5, 2), drawVariance(rng));
}

const bnRows = (name: string, bn: ReturnType<typeof drawBn>): string[] => [
  name,
  formatNumber(bn.gamma[0]!, 1),
  formatNumber(bn.beta[0]!, 2),
  formatNumber(bn.mean[0]!, 2),
  formatNumber(bn.variance[0]!, 2),
];

export const mergedBias = numericExercise('merged-bias', 'merged-block', 'The merged bias of a block', (rng) => {
  // A third of the blocks open a stage (stride 2): no identity branch, which then adds nothing.
  const withIdentity = intBetween(rng, 0, 2) !== 0;
  const dense = drawBn(rng);
  const oneByOne = drawBn(rng);
  const identity = withIdentity ? drawBn(rng) : null;
  // One channel is enough for a bias; the kernels do not enter it, so they are zero.
  const block = {
    stride: withIdentity ? 1 : 2,
    groups: 1,
    dense: { kernel: zeros([1, 1, 3, 3]), bn: dense },
    oneByOne: { kernel: zeros([1, 1, 1, 1]), bn: oneByOne },
    identity,
  };
  const bias = reparameterizeBlock(block).bias[0]!;
  const rows = [bnRows('3×3 branch', dense), bnRows('1×1 branch', oneByOne), ...(identity ? [bnRows('identity', identity)] : [])];
  return {
    prompt: {
      text: withIdentity
        ? 'A RepVGG block with stride 1 and as many output as input channels has all three branches, each with its own batch norm (ε = 10⁻⁵). Here is output channel 0 of each BN.'
        : 'A RepVGG block that opens a stage (stride 2, more output than input channels) has a 3×3 and a 1×1 branch only, each with its own batch norm (ε = 10⁻⁵). Here is output channel 0 of each BN.',
      table: { caption: 'Batch norm of each branch, channel 0', columns: ['branch', 'γ', 'β', 'μ', 'σ²'], rows },
      ask: 'What is the bias b′ of channel 0 of the merged 3×3 convolution?',
    },
    expected: bias,
    tolerance: 2e-3,
    integer: false,
    toleranceText: '±0.002',
    hint: 'Fold each branch’s BN on its own, b′ = β − μγ / √(σ² + ε), then add the folded biases; a missing branch adds zero.',
    answerText: `b′ = ${formatNumber(bias, 4)}`,
  };
});

export const pathCount = numericExercise('paths', 'merged-block', 'Paths through a stack of blocks', (rng) => {
  const depths = Array.from({ length: intBetween(rng, 2, 3) }, () => intBetween(rng, 1, 4));
  // The first block of each stage has two branches (no identity), the others three.
  const branches = depths.flatMap((d) => Array.from({ length: d }, (_, i) => (i === 0 ? 2 : 3)));
  const paths = Number(countPaths(branches));
  const twos = depths.length;
  const threes = branches.length - twos;
  return {
    prompt: {
      text: `A training-time network has ${depths.length} stages of RepVGG blocks with ${depths.join(', ')} blocks. The first block of each stage has stride 2 (whether or not it changes the width), so it has no identity branch; every other block has all three branches (3×3, 1×1, identity).`,
      ask: 'How many distinct paths lead from the input to the output (picking one branch in every block)?',
    },
    expected: paths,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'A block with k branches multiplies the number of paths by k.',
    answerText: `2^${twos} · 3^${threes} = ${formatInteger(paths)} paths`,
  };
});
