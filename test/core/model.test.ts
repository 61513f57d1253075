import { describe, expect, it } from 'vitest';
import { convertBlock, convertLayers, convertModel } from '../../src/core/convert-model.ts';
import { countModel } from '../../src/core/count.ts';
import { DEPTHS_A, type RepVGGSpec, getVariant } from '../../src/core/family.ts';
import { forwardDeploy, forwardTrain } from '../../src/core/model.ts';
import { createRng } from '../../src/core/random.ts';
import { reparameterizeBlock } from '../../src/core/reparameterize-block.ts';
import { maxAbsDiff, maxRelDiff } from '../../src/core/tensor.ts';
import { createTrainWeights } from '../../src/core/weights.ts';
import { randomTensor } from './helpers.ts';

/** Teaching-size models: widths 4 to 16, 16×16 or 32×32 images, 10 classes. */
const tinyGrouped: RepVGGSpec = {
  name: 'tiny-g2',
  depths: [1, 2, 3, 2, 1],
  widthMultiplier: [1 / 16, 1 / 64],
  groups: { 2: 2, 4: 2, 6: 4 },
  numClasses: 10,
  inputSize: 16,
};
const tinyA: RepVGGSpec = { name: 'tiny-A', depths: DEPTHS_A, widthMultiplier: [1 / 8, 1 / 32], groups: {}, numClasses: 10, inputSize: 32 };

const images = (spec: RepVGGSpec, n: number, seed: number) => randomTensor(createRng(seed), [n, 3, spec.inputSize, spec.inputSize]);

describe('whole model, end to end', () => {
  it.each([tinyGrouped, tinyA].map((s) => [s.name, s] as const))('%s: forwardTrain (eval) == forwardDeploy(convertModel(weights))', (_, spec) => {
    const weights = createTrainWeights(spec, 1);
    const deploy = convertModel(weights);
    const x = images(spec, 3, 2);
    const train = forwardTrain(weights, x);
    const logits = forwardDeploy(deploy, x);
    expect(logits.shape).toEqual([3, 10]);
    expect(maxRelDiff(logits, train)).toBeLessThan(1e-5);
    // and the logits are not trivially equal because everything vanished
    expect(
      maxAbsDiff(
        logits,
        logits.data.map(() => 0),
      ),
    ).toBeGreaterThan(1e-3);
    // With batch statistics the training-time model is a different function.
    expect(maxRelDiff(logits, forwardTrain(weights, x, { mode: 'train' }))).toBeGreaterThan(1e-2);
  });

  it('RepVGG-A0 at full width (32×32 input, to stay fast): training-time == deploy', () => {
    const spec = { ...getVariant('A0'), inputSize: 32 };
    const weights = createTrainWeights(spec, 7);
    const x = images(spec, 1, 8);
    expect(maxRelDiff(forwardDeploy(convertModel(weights), x), forwardTrain(weights, x))).toBeLessThan(1e-5);
  });
});

describe('createTrainWeights', () => {
  const weights = createTrainWeights(tinyGrouped, 3);

  it('is reproducible: same spec and seed, same bits; another seed, other weights', () => {
    const again = createTrainWeights(tinyGrouped, 3);
    expect(again.blocks[3]!.dense.kernel.data).toEqual(weights.blocks[3]!.dense.kernel.data);
    expect(again.blocks[2]!.identity!.variance).toEqual(weights.blocks[2]!.identity!.variance);
    expect(again.linear.weight.data).toEqual(weights.linear.weight.data);
    expect(createTrainWeights(tinyGrouped, 4).linear.weight.data).not.toEqual(weights.linear.weight.data);
  });

  it('draws BN statistics far from the identity, so folding changes every value', () => {
    for (const block of weights.blocks) {
      for (const bn of [block.dense.bn, block.oneByOne.bn, ...(block.identity ? [block.identity] : [])]) {
        expect(bn.gamma.every((g) => g !== 1 && g > 0)).toBe(true);
        expect(bn.beta.every((b) => b !== 0)).toBe(true);
        expect(bn.mean.every((m) => m !== 0)).toBe(true);
        expect(bn.variance.every((v) => v !== 1 && v > 0)).toBe(true);
      }
    }
  });

  it('holds exactly as many values as the counts say, and the deploy model too', () => {
    const counts = countModel(tinyGrouped);
    let train = weights.linear.weight.data.length + weights.linear.bias.length;
    let stats = 0;
    for (const b of weights.blocks) {
      for (const bn of [b.dense.bn, b.oneByOne.bn, ...(b.identity ? [b.identity] : [])]) {
        train += bn.gamma.length + bn.beta.length;
        stats += bn.mean.length + bn.variance.length;
      }
      train += b.dense.kernel.data.length + b.oneByOne.kernel.data.length;
    }
    expect(train).toBe(counts.trainParams);
    expect(stats).toBe(counts.bnBuffers);
    const deploy = convertModel(weights);
    const deployValues =
      deploy.blocks.reduce((s, b) => s + b.kernel.data.length + b.bias.length, 0) + deploy.linear.weight.data.length + deploy.linear.bias.length;
    expect(deployValues).toBe(counts.deployParams);
  });
});

describe('convertModel', () => {
  const weights = createTrainWeights(tinyA, 5);

  it('the fused one-pass conversion equals the readable reparameterizeBlock bit for bit', () => {
    for (const block of weights.blocks) {
      const fast = convertBlock(block);
      const reference = reparameterizeBlock(block);
      expect(maxAbsDiff(fast.kernel, reference.kernel)).toBe(0);
      expect(maxAbsDiff(fast.bias, reference.bias)).toBe(0);
    }
  });

  it('reports progress per layer, converts layer by layer, and shares no arrays with its input', () => {
    const seen: string[] = [];
    const deploy = convertModel(weights, { onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(weights.blocks.map((_, i) => `${i + 1}/22`));
    expect([...convertLayers(weights)]).toHaveLength(22);
    expect(deploy.linear.weight.data).toEqual(weights.linear.weight.data);
    expect(deploy.linear.weight.data.buffer).not.toBe(weights.linear.weight.data.buffer);
    expect(deploy.blocks.map((b) => [b.stride, b.groups])).toEqual(weights.blocks.map((b) => [b.stride, b.groups]));
  });

  it('converts into a preallocated deploy model, overwriting every value', () => {
    const fresh = convertModel(weights);
    const into = convertModel(createTrainWeights(tinyA, 6));
    expect(convertModel(weights, { into })).toBe(into);
    into.blocks.forEach((b, i) => {
      expect(maxAbsDiff(b.kernel, fresh.blocks[i]!.kernel)).toBe(0);
      expect(maxAbsDiff(b.bias, fresh.blocks[i]!.bias)).toBe(0);
    });
    expect(into.linear.weight.data).toEqual(weights.linear.weight.data);
    expect(() => convertModel(weights, { into: convertModel(createTrainWeights(tinyGrouped, 1)) })).toThrow(/same network/);
  });
});
