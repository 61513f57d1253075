import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { type RepVGGSpec, convertModel, createRng, createTrainWeights, forwardTrain, getVariant, maxRelDiff, tensor } from '../../../src/core/index.ts';
import { deployOnnxModel, encodeModel, trainOnnxModel } from '../../../src/io/onnx/index.ts';

/**
 * The exported files run in ONNX Runtime (the Node build of the runtime the page uses) and
 * compute what the TypeScript reference forward computes, both forms, within 1e-4 relative.
 * Reduced inputs keep the reference forward fast; the graphs do not depend on the input size.
 */

const sessions: ort.InferenceSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.release();
});

async function run(bytes: Uint8Array, x: { shape: readonly number[]; data: Float32Array }, level: 'disabled' | 'all'): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: level });
  sessions.push(session);
  const out = await session.run({ input: new ort.Tensor('float32', x.data, [...x.shape]) });
  expect(out['logits']!.dims).toEqual([x.shape[0], 1000]);
  return out['logits']!.data as Float32Array;
}

const cases: [string, RepVGGSpec, number][] = [
  ['RepVGG-A0 at 64 px, batch 2', { ...getVariant('A0'), inputSize: 64 }, 2],
  ['RepVGG-B1g2 (grouped) at 32 px, batch 1', { ...getVariant('B1g2'), inputSize: 32 }, 1],
];

describe.each(cases)('%s', (_, spec, batch) => {
  const weights = createTrainWeights(spec, 5);
  const side = spec.inputSize;
  const x = tensor([batch, 3, side, side], createRng(99).fillNormal(new Float32Array(batch * 3 * side * side)));
  const reference = forwardTrain(weights, x).data;
  const trainBytes = encodeModel(trainOnnxModel(weights, { seed: 5 }));
  const deployBytes = encodeModel(deployOnnxModel(convertModel(weights), { seed: 5 }));

  it('training-time file, optimizations disabled (BN and branches as written) = reference', async () => {
    expect(maxRelDiff(await run(trainBytes, x, 'disabled'), reference)).toBeLessThan(1e-4);
  });

  it('training-time file, default optimizations (Conv+BN folded by ONNX Runtime) = reference', async () => {
    expect(maxRelDiff(await run(trainBytes, x, 'all'), reference)).toBeLessThan(1e-4);
  });

  it('deploy file = reference = training-time file', async () => {
    const deploy = await run(deployBytes, x, 'all');
    expect(maxRelDiff(deploy, reference)).toBeLessThan(1e-4);
    expect(maxRelDiff(deploy, await run(trainBytes, x, 'disabled'))).toBeLessThan(1e-4);
  });

  it("a conversion that forgot one layer's 1×1 BN shift would be caught (the comparison can fail)", async () => {
    const deploy = convertModel(weights);
    const bn = weights.blocks[1]!.oneByOne.bn;
    deploy.blocks[1]!.bias.forEach((_, o, bias) => {
      bias[o]! -= bn.beta[o]! - (bn.mean[o]! * bn.gamma[o]!) / Math.sqrt(bn.variance[o]! + bn.eps);
    });
    expect(maxRelDiff(await run(encodeModel(deployOnnxModel(deploy)), x, 'all'), reference)).toBeGreaterThan(1e-3);
  });
});
