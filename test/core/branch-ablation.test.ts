import { describe, expect, it } from 'vitest';
import { batchNormEval } from '../../src/core/batch-norm.ts';
import { forwardDeployBlock, forwardTrainBlock } from '../../src/core/block.ts';
import { foldKeptBranches, forwardKeptBranches, keptBranches, sumKernels } from '../../src/core/branch-ablation.ts';
import { conv2d } from '../../src/core/conv2d.ts';
import { createRng } from '../../src/core/random.ts';
import { reparameterizeBlock } from '../../src/core/reparameterize-block.ts';
import { maxAbsDiff, maxRelDiff, tensor } from '../../src/core/tensor.ts';
import { randomTrainBlock } from '../../src/core/weights.ts';
import { randomTensor } from './helpers.ts';

const ALL = { oneByOne: true, identity: true };
const SELECTIONS = [{ oneByOne: false, identity: false }, { oneByOne: true, identity: false }, { oneByOne: false, identity: true }, ALL];

describe('branch ablation', () => {
  const rng = createRng(41);
  const block = randomTrainBlock(rng, { inChannels: 4, outChannels: 4, stride: 1, groups: 1 });
  const x = randomTensor(rng, [2, 4, 6, 5]);

  it('with every branch kept is the ordinary block and the ordinary conversion, bit for bit', () => {
    expect(maxAbsDiff(forwardKeptBranches(block, x, ALL), forwardTrainBlock(block, x))).toBe(0);
    const merged = sumKernels(foldKeptBranches(block, ALL));
    const reference = reparameterizeBlock(block);
    expect(maxAbsDiff(merged.kernel, reference.kernel)).toBe(0);
    expect(maxAbsDiff(merged.bias, reference.bias)).toBe(0);
  });

  it('every selection of branches still converts exactly (eval mode), and differs from the others', () => {
    const outputs = SELECTIONS.map((keep) => {
      const train = forwardKeptBranches(block, x, keep);
      const { kernel, bias } = sumKernels(foldKeptBranches(block, keep));
      const deploy = forwardDeployBlock({ stride: 1, groups: 1, kernel, bias }, x);
      expect(maxRelDiff(deploy, train)).toBeLessThan(1e-5);
      return train;
    });
    for (let i = 1; i < outputs.length; i++) expect(maxAbsDiff(outputs[i]!, outputs[0]!)).toBeGreaterThan(0.01);
  });

  it('in train mode the converted block does not match', () => {
    const { kernel, bias } = sumKernels(foldKeptBranches(block, ALL));
    const deploy = forwardDeployBlock({ stride: 1, groups: 1, kernel, bias }, x);
    expect(maxRelDiff(deploy, forwardKeptBranches(block, x, ALL, 'train'))).toBeGreaterThan(1e-2);
  });

  it('a removed branch is absent, not a zero kernel (its BN would still add a constant)', () => {
    const folded = foldKeptBranches(block, { oneByOne: false, identity: false });
    expect(folded.map((b) => b.name)).toEqual(['dense']);
    const alone = forwardKeptBranches(block, x, { oneByOne: false, identity: false });
    const zeroed = forwardTrainBlock({ ...block, oneByOne: { ...block.oneByOne, kernel: tensor([4, 4, 1, 1], new Float32Array(16)) }, identity: null }, x);
    expect(maxAbsDiff(alone, zeroed)).toBeGreaterThan(1e-3);
  });

  it('never invents an identity where the block cannot have one (stride 2)', () => {
    const strided = randomTrainBlock(rng, { inChannels: 4, outChannels: 4, stride: 2, groups: 2 });
    expect(keptBranches(strided, ALL)).toEqual(['dense', 'oneByOne']);
    const { kernel, bias } = sumKernels(foldKeptBranches(strided, ALL));
    expect(maxRelDiff(forwardDeployBlock({ stride: 2, groups: 2, kernel, bias }, x), forwardTrainBlock(strided, x))).toBeLessThan(1e-5);
  });

  it('each folded branch alone reproduces its own branch: BN(conv(x)) == conv(x, Ŵ) + b̂', () => {
    const [dense, oneByOne, identity] = foldKeptBranches(block, ALL);
    const cases = [
      [dense!, batchNormEval(conv2d(x, block.dense.kernel, { padding: 1 }), block.dense.bn)],
      [oneByOne!, batchNormEval(conv2d(x, block.oneByOne.kernel), block.oneByOne.bn)],
      [identity!, batchNormEval(x, block.identity!)],
    ] as const;
    for (const [folded, branch] of cases) {
      expect(maxRelDiff(conv2d(x, folded.kernel, { padding: 1, bias: folded.bias }), branch)).toBeLessThan(1e-5);
    }
  });

  it('sumKernels checks its inputs', () => {
    expect(() => sumKernels([])).toThrow(RangeError);
    const a = { kernel: tensor([1, 1, 3, 3], new Float32Array(9)), bias: new Float32Array(1) };
    const b = { kernel: tensor([2, 1, 3, 3], new Float32Array(18)), bias: new Float32Array(2) };
    expect(() => sumKernels([a, b])).toThrow(/one shape/);
  });
});
