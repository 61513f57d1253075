import { existsSync, openAsBlob, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repvgg, scratchDir } from './run-cli.ts';
import { readCheckpointFile, writeCheckpoint } from '../../src/cli/checkpoint-files.ts';
import { readCheckpoint } from '../../src/io/checkpoint/read-checkpoint.ts';
import { forwardDeploy } from '../../src/core/model.ts';
import { countOps, decodeModel } from '../../src/io/onnx/inspect.ts';
import { maxRelDiff } from '../../src/core/tensor.ts';
import { FIXTURES, INPUT, PYTORCH, logits } from '../io/checkpoint/helpers.ts';
import { runOnnx } from '../io/onnx/run-onnx.ts';

const dir = scratchDir('convert');

describe('repvgg convert', () => {
  it.each([
    ['tiny-official-train.pth', 'deploy.pth', 'official'],
    ['tiny-wrapped-module.pth', 'deploy-from-wrapped.safetensors', 'official'],
    ['tiny-timm-train.safetensors', 'deploy-timm.safetensors', 'timm'],
    ['tiny-timm-train-bf16.safetensors', 'deploy-from-bf16.pth', 'official'],
  ])("%s -o %s: a deploy checkpoint whose outputs are PyTorch's", async (input, output, naming) => {
    const result = await repvgg('convert', FIXTURES + input, '-o', join(dir, output), '--naming', naming);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^read .*: a custom RepVGG \(depths 1-2-2-3-1, widths 8-8-16-32-64.*training-time/);
    expect(result.out).toMatch(/converted 9 blocks/);
    expect(result.out).toMatch(new RegExp(`wrote .*${output}: deploy model, ${naming === 'official' ? 'official rbr_reparam' : 'timm reparam_conv'} keys`));
    const written = await readCheckpoint(await openAsBlob(join(dir, output)));
    expect({ form: written.form, naming: written.naming }).toEqual({ form: 'deploy', naming });
    if (written.form !== 'deploy') return;
    const reference = input.includes('bf16') ? PYTORCH.trainBfloat16 : PYTORCH.deploy;
    expect(maxRelDiff(forwardDeploy(written.weights, INPUT), logits(reference))).toBeLessThan(1e-4);
  });

  it('a deploy checkpoint as input is rewritten as it is', async () => {
    const result = await repvgg('convert', `${FIXTURES}tiny-official-deploy.pth`, '-o', join(dir, 'rewritten.safetensors'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/already in deploy form/);
  });

  it('-a checks the variant and names the first mismatch (exit 1)', async () => {
    const result = await repvgg('convert', `${FIXTURES}tiny-official-train.pth`, '-a', 'A0', '-o', join(dir, 'never.pth'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^repvgg convert: stage0\.rbr_dense\.conv\.weight has shape \[8, 3, 3, 3\]; RepVGG-A0 expects \[48, 3, 3, 3\]/);
    expect(existsSync(join(dir, 'never.pth'))).toBe(false);
  });

  it('bad files get their message and exit 1, with no output file left behind', async () => {
    for (const [input, pattern] of [
      ['resnet-like.pth', /looks like a ResNet checkpoint, not RepVGG/],
      ['unsafe-global.pth', /posix\.system/],
      ['not-a-checkpoint.zip', /not a PyTorch checkpoint/],
      ['does-not-exist.pth', /cannot open .*: no such file/],
    ] as const) {
      const result = await repvgg('convert', FIXTURES + input, '-o', join(dir, 'bad.pth'));
      expect(result.code, input).toBe(1);
      expect(result.err).toMatch(pattern);
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('bad'))).toEqual([]);
  });

  it.each([
    ['tiny-official-train.pth', PYTORCH.trainEval],
    ['tiny-timm-train.safetensors', PYTORCH.trainEval],
    ['tiny-official-deploy.pth', PYTORCH.deploy],
  ])("%s -o model.onnx: the deploy graph runs in onnxruntime-node and gives PyTorch's logits within 1e-4", async (input, reference) => {
    const file = join(dir, `${input}.onnx`);
    const result = await repvgg('convert', FIXTURES + input, '-o', file, '--input-size', '32');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/deploy model, ONNX graph for 32×32 px inputs/);
    const model = decodeModel(readFileSync(file));
    expect(countOps(model)).toEqual({ Conv: 9, Relu: 9, GlobalAveragePool: 1, Flatten: 1, Gemm: 1 });
    const out = await runOnnx(file, INPUT);
    expect(out.dims).toEqual(PYTORCH.logitsShape);
    expect(maxRelDiff(out.data, logits(reference).data)).toBeLessThan(1e-4);
    // The comparison can fail: PyTorch's float16 model differs by more than the tolerance.
    expect(maxRelDiff(out.data, logits(PYTORCH.trainFloat16).data)).toBeGreaterThan(1e-4);
  });

  it('.onnx output declares 224×224 inputs unless --input-size says otherwise; --input-size is refused for checkpoints', async () => {
    const file = join(dir, 'default-size.onnx');
    expect((await repvgg('convert', `${FIXTURES}tiny-official-train.pth`, '-o', file)).code).toBe(0);
    const dims = decodeModel(readFileSync(file)).graph.input[0]!.type.tensor_type.shape.dim.map((d) => d.dim_value ?? d.dim_param);
    expect(dims).toEqual(['batch', 3, 224, 224]);
    const refused = await repvgg('convert', `${FIXTURES}tiny-official-train.pth`, '-o', join(dir, 'sized.pth'), '--input-size', '32');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--input-size is for \.onnx output only/);
  });

  it('usage errors exit 2: no -o, an unknown extension, an unknown variant, a bad naming, overwriting the input', async () => {
    const input = `${FIXTURES}tiny-official-train.pth`;
    for (const [args, pattern] of [
      [[input], /missing -o OUT/],
      [[input, '-o', join(dir, 'x.bin')], /cannot tell the output format/],
      [[input, '-a', 'C9', '-o', join(dir, 'x.pth')], /unknown model "C9"; known: A0, A1, .*, tiny/],
      [[input, '--naming', 'keras', '-o', join(dir, 'x.pth')], /--naming must be official or timm/],
      [[input, '-o', input], /is the input file .*: writing it would destroy the input/],
      [[], /missing the input checkpoint/],
    ] as const) {
      const result = await repvgg('convert', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toMatch(pattern);
      expect(result.err).toMatch(/usage: repvgg convert/);
    }
  });
});

describe('writeCheckpoint (for repvgg export)', () => {
  it('writes training-time or deploy, official or timm, by extension; refuses training-time .onnx and unknown extensions', async () => {
    const loaded = await readCheckpointFile(`${FIXTURES}tiny-official-train.pth`);
    const train = join(dir, 'train-timm.safetensors');
    expect(await writeCheckpoint(loaded.weights, train, { form: 'train', naming: 'timm' })).toBeGreaterThan(0);
    expect(await readCheckpointFile(train)).toMatchObject({ form: 'train', naming: 'timm', format: 'safetensors' });
    await expect(writeCheckpoint(loaded.weights, join(dir, 'x.onnx'), { form: 'train' })).rejects.toThrow(/deploy graph only/);
    await expect(writeCheckpoint(loaded.weights, join(dir, 'x.npz'), { form: 'deploy' })).rejects.toThrow(/cannot tell the output format/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('.onnx: training-time weights are converted first; the file is the deploy graph', async () => {
    const loaded = await readCheckpointFile(`${FIXTURES}tiny-official-train.pth`, { inputSize: 32 });
    const file = join(dir, 'via-write.onnx');
    await writeCheckpoint(loaded.weights, file, { form: 'deploy' });
    expect(maxRelDiff((await runOnnx(file, INPUT)).data, logits(PYTORCH.deploy).data)).toBeLessThan(1e-4);
  });
});
