import { describe, expect, it } from 'vitest';
import { readCheckpoint, deployWeightsOf } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { convertModel } from '../../../src/core/convert-model.ts';
import { planModel, stageWidths } from '../../../src/core/family.ts';
import { forwardDeploy, forwardTrain } from '../../../src/core/model.ts';
import { maxRelDiff } from '../../../src/core/tensor.ts';
import { INPUT, PYTORCH, TINY, fixtureBlob, logits } from './helpers.ts';

/**
 * Checkpoints written by real PyTorch (tools/fixtures/make_checkpoints.py) against the logits
 * PyTorch itself computed: reading, naming, architecture inference and conversion, end to end.
 */
const cases = [
  { file: 'tiny-official-train.pth', format: 'pth', naming: 'official', form: 'train', wrapper: null, prefix: '', reference: PYTORCH.trainEval },
  { file: 'tiny-wrapped-module.pth', format: 'pth', naming: 'official', form: 'train', wrapper: 'model', prefix: 'module.', reference: PYTORCH.trainEval },
  { file: 'tiny-official-train-legacy.pth', format: 'pth-legacy', naming: 'official', form: 'train', wrapper: null, prefix: '', reference: PYTORCH.trainEval },
  { file: 'tiny-official-train-f16.pth', format: 'pth', naming: 'official', form: 'train', wrapper: null, prefix: '', reference: PYTORCH.trainFloat16 },
  { file: 'tiny-official-deploy.pth', format: 'pth', naming: 'official', form: 'deploy', wrapper: null, prefix: '', reference: PYTORCH.deploy },
  { file: 'tiny-timm-train.safetensors', format: 'safetensors', naming: 'timm', form: 'train', wrapper: null, prefix: '', reference: PYTORCH.trainEval },
  {
    file: 'tiny-timm-train-bf16.safetensors',
    format: 'safetensors',
    naming: 'timm',
    form: 'train',
    wrapper: null,
    prefix: '',
    reference: PYTORCH.trainBfloat16,
  },
  { file: 'tiny-timm-deploy.safetensors', format: 'safetensors', naming: 'timm', form: 'deploy', wrapper: null, prefix: '', reference: PYTORCH.deploy },
] as const;

describe('checkpoints written by PyTorch', () => {
  it.each(cases.map((c) => [c.file, c] as const))('%s: recognized, architecture inferred, converted output == PyTorch within 1e-4', async (_, c) => {
    const loaded = await readCheckpoint(fixtureBlob(c.file), { inputSize: 32 });
    expect({ format: loaded.format, naming: loaded.naming, form: loaded.form, wrapper: loaded.wrapper, prefix: loaded.prefix }).toEqual({
      format: c.format,
      naming: c.naming,
      form: c.form,
      wrapper: c.wrapper,
      prefix: c.prefix,
    });
    // The architecture came from names and shapes alone: it must plan the same network.
    expect(loaded.spec.depths).toEqual(TINY.depths);
    expect(stageWidths(loaded.spec)).toEqual(stageWidths(TINY));
    expect(planModel(loaded.spec).map((l) => l.groups)).toEqual(planModel(TINY).map((l) => l.groups));
    expect(loaded.spec.numClasses).toBe(10);
    expect(loaded.variant).toBeNull();

    const reference = logits(c.reference);
    const deployed = forwardDeploy(deployWeightsOf(loaded), INPUT);
    expect(maxRelDiff(deployed, reference)).toBeLessThan(1e-4);
    if (loaded.form === 'train') expect(maxRelDiff(forwardTrain(loaded.weights, INPUT), reference)).toBeLessThan(1e-4);
  });

  it('the logits are not trivially equal: float16 rounding moves them more than the tolerance', () => {
    expect(maxRelDiff(logits(PYTORCH.trainFloat16), logits(PYTORCH.trainEval))).toBeGreaterThan(1e-4);
    expect(maxRelDiff(logits(PYTORCH.deploy), logits(PYTORCH.trainEval))).toBeLessThan(1e-5);
  });

  it("our conversion of the training-time weights gives PyTorch's deploy kernels and biases", async () => {
    const train = await readCheckpoint(fixtureBlob('tiny-official-train.pth'));
    const official = await readCheckpoint(fixtureBlob('tiny-official-deploy.pth'));
    if (train.form !== 'train' || official.form !== 'deploy') throw new Error('fixture forms');
    const ours = convertModel(train.weights);
    ours.blocks.forEach((block, i) => {
      expect(maxRelDiff(block.kernel, official.weights.blocks[i]!.kernel)).toBeLessThan(1e-6);
      expect(maxRelDiff(block.bias, official.weights.blocks[i]!.bias)).toBeLessThan(1e-6);
    });
  });

  it('float16 and bfloat16 weights are widened exactly: within their own rounding of the float32 weights', async () => {
    const f32 = await readCheckpoint(fixtureBlob('tiny-official-train.pth'));
    const f16 = await readCheckpoint(fixtureBlob('tiny-official-train-f16.pth'));
    const bf16 = await readCheckpoint(fixtureBlob('tiny-timm-train-bf16.safetensors'));
    if (f32.form !== 'train' || f16.form !== 'train' || bf16.form !== 'train') throw new Error('fixture forms');
    const kernel = (c: typeof f32) => (c.form === 'train' ? c.weights.blocks[3]!.dense.kernel : null)!;
    const rel = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.abs(b[i]!)));
    expect(rel(kernel(f16).data, kernel(f32).data)).toBeLessThanOrEqual(2 ** -11);
    expect(rel(kernel(bf16).data, kernel(f32).data)).toBeLessThanOrEqual(2 ** -8);
    expect(rel(kernel(bf16).data, kernel(f32).data)).toBeGreaterThan(0);
    expect(bf16.dtypes).toEqual(['bfloat16']);
    expect(f16.dtypes).toEqual(['float16']);
  });
});
