import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repvgg, scratchDir } from './run-cli.ts';
import { readCheckpointFile } from '../../src/cli/checkpoint-files.ts';
import { sameArchitecture } from '../../src/io/checkpoint/infer.ts';
import { convertModel, countModel, createRng, createTrainWeights, maxRelDiff, tensor } from '../../src/core/index.ts';
import { countOps, decodeModel, deployOnnxModel, encodeModel, trainOnnxModel } from '../../src/io/onnx/index.ts';
import { TINY_SPEC } from '../../src/core/catalog.ts';
import { runOnnx } from '../io/onnx/run-onnx.ts';

const dir = scratchDir('export');

describe('repvgg export', () => {
  it.each(['train', 'deploy'] as const)('--form %s writes the same bytes the library encodes for that seed', async (form) => {
    const file = join(dir, `tiny-${form}.onnx`);
    const result = await repvgg('export', '-a', 'tiny', '--form', form, '--seed', '3', '--input-size', '32', '-o', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`wrote ${file}`);
    const weights = createTrainWeights({ ...TINY_SPEC, inputSize: 32 }, 3);
    const expected = encodeModel(form === 'train' ? trainOnnxModel(weights, { seed: 3 }) : deployOnnxModel(convertModel(weights), { seed: 3 }));
    const written = readFileSync(file);
    expect(written.equals(Buffer.from(expected))).toBe(true);
    expect(countOps(decodeModel(written))['BatchNormalization'] ?? 0).toBe(form === 'train' ? countModel(TINY_SPEC).bnLayers : 0);
  });

  it.each([
    [['-a', 'A9', '--form', 'train', '-o', 'x.onnx'], /unknown model "A9"/],
    [['-a', 'A0', '--form', 'eval', '-o', 'x.onnx'], /--form must be train or deploy/],
    [['-a', 'A0', '--form', 'train'], /missing -o/],
    [['-a', 'A0', '--form', 'train', '--seed=-1', '-o', 'x.onnx'], /--seed must be an integer/],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await repvgg('export', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});

describe('repvgg export to checkpoints (seeded checkpoints of any size, for tests)', () => {
  const spec = { ...TINY_SPEC, inputSize: 224 };
  const seeded = createTrainWeights(spec, 11);

  it("--form train -o x.pth: the official training-time layout, the seed's weights bit for bit", async () => {
    const file = join(dir, 'tiny-train.pth');
    const result = await repvgg('export', '-a', 'tiny', '--form', 'train', '--seed', '11', '-o', file);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/wrote .*tiny-train\.pth: RepVGG-tiny training-time state dict .*official naming, seed 11/);
    const loaded = await readCheckpointFile(file);
    expect({ form: loaded.form, naming: loaded.naming, format: loaded.format }).toEqual({ form: 'train', naming: 'official', format: 'pth' });
    if (loaded.form !== 'train') return;
    expect(sameArchitecture(loaded.spec, spec)).toBe(true);
    loaded.weights.blocks.forEach((block, i) => {
      expect(block.dense.kernel.data).toEqual(seeded.blocks[i]!.dense.kernel.data);
      expect(block.oneByOne.bn.variance).toEqual(seeded.blocks[i]!.oneByOne.bn.variance);
    });
  });

  it('--form deploy -o x.safetensors --naming timm: the converted weights, timm fused names', async () => {
    const file = join(dir, 'tiny-deploy.safetensors');
    expect((await repvgg('export', '-a', 'tiny', '--form', 'deploy', '--seed', '11', '--naming', 'timm', '-o', file)).code).toBe(0);
    const loaded = await readCheckpointFile(file);
    expect({ form: loaded.form, naming: loaded.naming, format: loaded.format }).toEqual({ form: 'deploy', naming: 'timm', format: 'safetensors' });
    if (loaded.form !== 'deploy') return;
    const expected = convertModel(seeded);
    loaded.weights.blocks.forEach((block, i) => expect(block.kernel.data).toEqual(expected.blocks[i]!.kernel.data));
  });

  it('export --form train .pth, then convert to .onnx: the same function as export --form deploy .onnx', async () => {
    const pth = join(dir, 'roundtrip-train.pth');
    const converted = join(dir, 'roundtrip-deploy.onnx');
    const direct = join(dir, 'direct-deploy.onnx');
    expect((await repvgg('export', '-a', 'tiny', '--form', 'train', '--seed', '4', '-o', pth)).code).toBe(0);
    expect((await repvgg('convert', pth, '--input-size', '32', '-o', converted)).code).toBe(0);
    expect((await repvgg('export', '-a', 'tiny', '--form', 'deploy', '--seed', '4', '--input-size', '32', '-o', direct)).code).toBe(0);
    const x = tensor([1, 3, 32, 32], createRng(5).fillNormal(new Float32Array(3 * 32 * 32)));
    const a = await runOnnx(converted, x);
    const b = await runOnnx(direct, x);
    expect(a.dims).toEqual([1, 1000]);
    expect(maxRelDiff(a.data, b.data)).toBeLessThan(1e-6);
  });

  it.each([
    [['-a', 'tiny', '--form', 'train', '--naming', 'timm', '-o', 'x.onnx'], /--naming is for \.pth and \.safetensors/],
    [['-a', 'tiny', '--form', 'train', '--input-size', '32', '-o', 'x.pth'], /--input-size is for \.onnx output only/],
    [['-a', 'tiny', '--form', 'train', '--naming', 'keras', '-o', 'x.pth'], /--naming must be official or timm/],
    [['-a', 'tiny', '--form', 'train', '-o', 'x.npz'], /cannot tell the output format/],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await repvgg('export', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});
