import { describe, expect, it } from 'vitest';
import { type TrainBlock, forwardDeployBlock, forwardTrainBlock } from '../../src/core/block.ts';
import { type Rng, createRng } from '../../src/core/random.ts';
import { branchesAs3x3, reparameterizeBlock } from '../../src/core/reparameterize-block.ts';
import { maxRelDiff } from '../../src/core/tensor.ts';
import { pick, randomBn, randomInt, randomTensor } from './helpers.ts';

/** A block with random kernels and random BN statistics; identity iff in == out and stride 1. */
function randomBlock(rng: Rng, inChannels: number, outChannels: number, stride: number, groups: number): TrainBlock {
  const perGroup = inChannels / groups;
  return {
    stride,
    groups,
    dense: { kernel: randomTensor(rng, [outChannels, perGroup, 3, 3], 0.5), bn: randomBn(rng, outChannels) },
    oneByOne: { kernel: randomTensor(rng, [outChannels, perGroup, 1, 1], 0.5), bn: randomBn(rng, outChannels) },
    identity: inChannels === outChannels && stride === 1 ? randomBn(rng, outChannels) : null,
  };
}

/** Random shapes over strides 1 and 2 and groups 1, 2, 4, with and without an identity branch. */
function* randomCases(seed: number, count: number) {
  const rng = createRng(seed);
  for (let trial = 0; trial < count; trial++) {
    const groups = pick(rng, [1, 2, 4]);
    const stride = pick(rng, [1, 2]);
    const inChannels = groups * randomInt(rng, 1, 3);
    // Half the cases keep the channel count, so stride-1 ones get an identity branch.
    const outChannels = trial % 2 ? inChannels : groups * randomInt(rng, 1, 3);
    const block = randomBlock(rng, inChannels, outChannels, stride, groups);
    const x = randomTensor(rng, [randomInt(rng, 2, 3), inChannels, randomInt(rng, 3, 9), randomInt(rng, 3, 9)]);
    yield { block, x, label: `${inChannels}→${outChannels} stride ${stride} groups ${groups} input [${x.shape.join(', ')}]` };
  }
}

describe('reparameterizeBlock', () => {
  it('eval mode: the training-time block and its single 3×3 conv agree within 1e-5 relative', () => {
    let withIdentity = 0;
    for (const { block, x, label } of randomCases(31, 60)) {
      const deploy = reparameterizeBlock(block);
      const relative = maxRelDiff(forwardDeployBlock(deploy, x), forwardTrainBlock(block, x, 'eval'));
      expect(relative, label).toBeLessThan(1e-5);
      if (block.identity) withIdentity++;
    }
    expect(withIdentity).toBeGreaterThan(10); // the property covered blocks with all three branches
  });

  it('train mode (batch statistics): the converted block does NOT match', () => {
    for (const { block, x, label } of randomCases(32, 20)) {
      const deploy = reparameterizeBlock(block);
      const relative = maxRelDiff(forwardDeployBlock(deploy, x), forwardTrainBlock(block, x, 'train'));
      expect(relative, label).toBeGreaterThan(1e-2);
    }
  });

  it('a missing identity branch is simply absent from the branch list', () => {
    const rng = createRng(33);
    expect(branchesAs3x3(randomBlock(rng, 4, 4, 1, 2))).toHaveLength(3);
    expect(branchesAs3x3(randomBlock(rng, 4, 4, 2, 2))).toHaveLength(2);
    expect(branchesAs3x3(randomBlock(rng, 4, 8, 1, 1))).toHaveLength(2);
  });

  it('rejects blocks whose branches do not fit together', () => {
    const rng = createRng(34);
    const block = randomBlock(rng, 4, 4, 1, 1);
    expect(() => reparameterizeBlock({ ...block, stride: 2 })).toThrow(/identity/);
    expect(() => reparameterizeBlock({ ...block, oneByOne: { ...block.oneByOne, kernel: randomTensor(rng, [4, 2, 1, 1]) } })).toThrow(/1×1/);
    expect(() => reparameterizeBlock({ ...block, identity: randomBn(rng, 3) })).toThrow(/BN/);
  });
});
