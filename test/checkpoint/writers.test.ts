import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/math/checkpoint/read-checkpoint.ts';
import { safetensorsHeader } from '../../src/math/checkpoint/safetensors-writer.ts';
import { deployStateDictOutput } from '../../src/math/checkpoint/state-dict-output.ts';
import { type WriteFormat, checkpointBlob } from '../../src/math/checkpoint/write-checkpoint.ts';
import { convertModel } from '../../src/math/convert-model.ts';
import type { DeployModelWeights, TrainModelWeights } from '../../src/math/model.ts';
import { maxAbsDiff, maxRelDiff } from '../../src/math/tensor.ts';
import { createTrainWeights } from '../../src/math/weights.ts';
import { PYTORCH, ROOT, TINY, fixtureBlob, logits, pythonWithTorch } from './helpers.ts';

const weights = createTrainWeights(TINY, 5);

function expectSameTrain(a: TrainModelWeights, b: TrainModelWeights): void {
  a.blocks.forEach((block, i) => {
    const other = b.blocks[i]!;
    expect(maxAbsDiff(block.dense.kernel, other.dense.kernel)).toBe(0);
    expect(maxAbsDiff(block.oneByOne.kernel, other.oneByOne.kernel)).toBe(0);
    for (const [x, y] of [[block.dense.bn, other.dense.bn], [block.oneByOne.bn, other.oneByOne.bn]] as const) {
      expect([x.gamma, x.beta, x.mean, x.variance]).toEqual([y.gamma, y.beta, y.mean, y.variance]);
    }
    expect(block.identity?.variance).toEqual(other.identity?.variance);
  });
  expect(a.linear.weight.data).toEqual(b.linear.weight.data);
}

function expectSameDeploy(a: DeployModelWeights, b: DeployModelWeights): void {
  a.blocks.forEach((block, i) => {
    expect(maxAbsDiff(block.kernel, b.blocks[i]!.kernel)).toBe(0);
    expect(maxAbsDiff(block.bias, b.blocks[i]!.bias)).toBe(0);
  });
  expect(a.linear.bias).toEqual(b.linear.bias);
}

describe('writers round-trip through the readers, bit for bit', () => {
  const combos = (['pth', 'safetensors'] as const).flatMap((format) =>
    (['train', 'deploy'] as const).flatMap((form) => (['official', 'timm'] as const).map((naming) => [format, form, naming] as const)));

  it.each(combos)('%s, %s form, %s naming', async (format: WriteFormat, form, naming) => {
    const blob = await checkpointBlob(weights, format, { form, naming });
    const loaded = await readCheckpoint(blob, { inputSize: TINY.inputSize });
    expect({ format: loaded.format, form: loaded.form, naming: loaded.naming }).toEqual({ format, form, naming });
    if (loaded.form === 'train') expectSameTrain(loaded.weights, weights);
    else expectSameDeploy(loaded.weights, convertModel(weights));
  });

  it('deploy weights write as deploy; asking for the training-time form of deploy weights is an error', async () => {
    const deploy = convertModel(weights);
    const loaded = await readCheckpoint(await checkpointBlob(deploy, 'safetensors', { form: 'deploy' }));
    if (loaded.form !== 'deploy') throw new Error('form');
    expectSameDeploy(loaded.weights, deploy);
    await expect(checkpointBlob(deploy, 'pth', { form: 'train' })).rejects.toThrow(/training-time weights/);
  });
});

describe('the .pth layout', () => {
  it('is reproducible, 64-byte aligned, with torch.save\'s records', async () => {
    const bytes = async () => new Uint8Array(await (await checkpointBlob(weights, 'pth', { form: 'deploy', archiveName: 'repvgg' })).arrayBuffer());
    const first = await bytes();
    expect(Buffer.compare(first, await bytes())).toBe(0); // (toEqual walks 160 KB element by element: slow)
    const entries = await new ZipReader(new BlobReader(new Blob([first]))).getEntries();
    const names = entries.map((e) => e.filename);
    expect(names.slice(0, 3)).toEqual(['repvgg/data.pkl', 'repvgg/byteorder', 'repvgg/data/0']);
    expect(names.at(-1)).toBe('repvgg/version');
    for (const entry of entries) {
      expect(entry.compressionMethod).toBe(0);
      if (entry.directory) continue;
      await entry.getData(new Uint8ArrayWriter(), { checkOverlappingEntryOnly: true });
      expect(entry.localDirectory!.dataOffset % 64, entry.filename).toBe(0);
    }
  });
});

describe('the safetensors layout', () => {
  it('pads the JSON header to 8 bytes with spaces and declares the format as "pt"', () => {
    const header = safetensorsHeader(deployStateDictOutput(weights, 'timm'));
    const length = Number(new DataView(header.buffer).getBigUint64(0, true));
    expect(length % 8).toBe(0);
    expect(header.length).toBe(8 + length);
    const json = JSON.parse(new TextDecoder().decode(header.subarray(8))) as Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>;
    expect(json['__metadata__']).toEqual({ format: 'pt' });
    expect(json['stem.reparam_conv.weight']).toEqual({ dtype: 'F32', shape: [8, 3, 3, 3], data_offsets: [0, 8 * 27 * 4] });
  });
});

const python = pythonWithTorch();
describe.skipIf(!python)(`real PyTorch reads what we write${python ? '' : ' (skipped: PyTorch is not installed)'}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'repvgg-pth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Checked = { type: string; keys: string[]; dtypes: string[]; deploy: boolean; logits: number[]; dataPklMatchesTorchSave: boolean };
  let checked: Promise<Record<'train' | 'deploy', Checked>> | undefined;
  /** Write both forms from the PyTorch-made fixture, then ask one Python process about both (importing torch takes seconds). */
  async function checkInPyTorch(form: 'train' | 'deploy'): Promise<Checked> {
    checked ??= (async () => {
      const source = await readCheckpoint(fixtureBlob('tiny-official-train.pth'));
      const files = ['train', 'deploy'].map((f) => join(dir, `tiny-${f}.pth`));
      for (const [i, f] of (['train', 'deploy'] as const).entries()) {
        writeFileSync(files[i]!, new Uint8Array(await (await checkpointBlob(source.weights, 'pth', { form: f })).arrayBuffer()));
      }
      const run = spawnSync(python!, ['scripts/fixtures/check_checkpoint.py', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(run.stderr).toBe('');
      const [train, deploy] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Checked);
      return { train: train!, deploy: deploy! };
    })();
    return (await checked)[form];
  }

  it('a deploy .pth: torch.load(weights_only=True), strict load_state_dict into the official deploy structure, same logits', async () => {
    const result = await checkInPyTorch('deploy');
    expect(result).toMatchObject({ type: 'OrderedDict', deploy: true, dtypes: ['torch.float32'], dataPklMatchesTorchSave: true });
    expect(result.keys.slice(0, 3)).toEqual(['stage0.rbr_reparam.weight', 'stage0.rbr_reparam.bias', 'stage1.0.rbr_reparam.weight']);
    expect(maxRelDiff(logits(result.logits), logits(PYTORCH.deploy))).toBeLessThan(1e-4);
  });

  it('a training-time .pth in the official naming loads into the training-time model', async () => {
    const result = await checkInPyTorch('train');
    expect(result).toMatchObject({ type: 'OrderedDict', deploy: false, dtypes: ['torch.float32', 'torch.int64'], dataPklMatchesTorchSave: true });
    expect(maxRelDiff(logits(result.logits), logits(PYTORCH.trainEval))).toBeLessThan(1e-4);
  });
});
