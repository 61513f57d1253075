import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { BlobReader, BlobWriter, TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { BlobSink, type ByteSink, CoalescingSink } from '../../../src/io/checkpoint/byte-sink.ts';
import { crc32 } from '../../../src/io/checkpoint/crc32.ts';
import { pickleStateDict } from '../../../src/io/checkpoint/pickle-writer.ts';
import { safetensorsHeader } from '../../../src/io/checkpoint/safetensors-writer.ts';
import { bytesOf, deployStateDictOutput } from '../../../src/io/checkpoint/state-dict-output.ts';
import { layoutStoredZip } from '../../../src/io/checkpoint/stored-zip.ts';
import { type WriteFormat, type WriteOptions, checkpointBlob, stateDictOutput } from '../../../src/io/checkpoint/write-checkpoint.ts';
import { createRng } from '../../../src/core/random.ts';
import { convertModel } from '../../../src/core/convert-model.ts';
import type { DeployModelWeights, TrainModelWeights } from '../../../src/core/model.ts';
import { maxAbsDiff, maxRelDiff } from '../../../src/core/tensor.ts';
import { createTrainWeights } from '../../../src/core/weights.ts';
import { PYTORCH, ROOT, TINY, fixtureBlob, logits, pythonWithTorch } from './helpers.ts';

const weights = createTrainWeights(TINY, 5);

function expectSameTrain(a: TrainModelWeights, b: TrainModelWeights): void {
  a.blocks.forEach((block, i) => {
    const other = b.blocks[i]!;
    expect(maxAbsDiff(block.dense.kernel, other.dense.kernel)).toBe(0);
    expect(maxAbsDiff(block.oneByOne.kernel, other.oneByOne.kernel)).toBe(0);
    for (const [x, y] of [
      [block.dense.bn, other.dense.bn],
      [block.oneByOne.bn, other.oneByOne.bn],
    ] as const) {
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
    (['train', 'deploy'] as const).flatMap((form) => (['official', 'timm'] as const).map((naming) => [format, form, naming] as const)),
  );

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
  it("is reproducible, 64-byte aligned, with torch.save's records", async () => {
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

/** The .pth as zip.js writes it (the writer this project used before the one-pass writer): the oracle for the bytes. */
async function zipJsPth(weights: TrainModelWeights | DeployModelWeights, options: WriteOptions & { archiveName: string }): Promise<Uint8Array> {
  const output = stateDictOutput(weights, options);
  const writer = new BlobWriter();
  const zip = new ZipWriter(writer, {
    useWebWorkers: false,
    level: 0,
    usdz: true,
    dataDescriptor: false,
    extendedTimestamp: false,
    lastModDate: new Date(2021, 0, 1),
  });
  const root = options.archiveName;
  await zip.add(`${root}/data.pkl`, new Uint8ArrayReader(pickleStateDict(output.entries)));
  await zip.add(`${root}/byteorder`, new TextReader('little'));
  const tensors: Uint8Array[][] = output.entries.map(() => []);
  for await (const { index, bytes } of output.chunks()) tensors[index]!.push(bytes.slice());
  for (const [n, parts] of tensors.entries()) await zip.add(`${root}/data/${n}`, new BlobReader(new Blob(parts as Uint8Array<ArrayBuffer>[])));
  await zip.add(`${root}/version`, new TextReader('3\n'));
  return new Uint8Array(await (await zip.close()).arrayBuffer());
}

const bytesOfBlob = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('the one-pass writers', () => {
  it.each([
    ['train', weights],
    ['deploy', weights],
    ['deploy', convertModel(weights)],
  ] as const)('.pth, %s form: the same bytes as zip.js writes', async (form, source) => {
    const options = { form, archiveName: 'tiny-ckpt' } as const;
    const ours = await bytesOfBlob(await checkpointBlob(source, 'pth', options));
    const theirs = await zipJsPth(source, options);
    expect(ours.length).toBe(theirs.length);
    expect(Buffer.compare(ours, theirs)).toBe(0);
  });

  it.each(['pth', 'safetensors'] as const)('%s: converting while writing, in chunks of any size, gives the bytes of converting first', async (format) => {
    const expected = await bytesOfBlob(await checkpointBlob(convertModel(weights), format, { form: 'deploy' }));
    for (const chunkFloats of [1, 100, 5000, undefined]) {
      const calls: number[] = [];
      const blob = await checkpointBlob(weights, format, {
        form: 'deploy',
        onConvert: (layer) => void calls.push(layer),
        ...(chunkFloats ? { chunkFloats } : {}),
      });
      expect(Buffer.compare(await bytesOfBlob(blob), expected), `chunks of ${chunkFloats}`).toBe(0);
      // One report for each layer's kernel and one for its bias, in layer order.
      expect(calls).toEqual(weights.blocks.flatMap((_, i) => [i, i]));
    }
  });

  it('a layer converted in chunks reaches the writer in several chunks of two buffers used in turn', async () => {
    const chunks = [];
    for await (const c of deployStateDictOutput(weights, 'official', { chunkFloats: 100 }).chunks()) chunks.push(c);
    const kernel0 = chunks.filter((c) => c.index === 0);
    // stage0: 8 output channels of 3·3·3 = 27 floats; 3 channels fit in 100 floats → chunks of 3, 3 and 2 channels.
    expect(kernel0.map((c) => c.bytes.length)).toEqual([3 * 27 * 4, 3 * 27 * 4, 2 * 27 * 4]);
    const kernels = chunks.filter((c) => c.index % 2 === 0 && c.index < 2 * weights.blocks.length);
    expect(new Set(kernels.map((c) => c.bytes.buffer)).size).toBe(2);
    kernels.forEach((c, i) => i >= 1 && expect(c.bytes.buffer, `chunk ${i}`).not.toBe(kernels[i - 1]!.bytes.buffer));
  });

  it('a deploy checkpoint of the wrong size is refused by name before anything is written', async () => {
    const deploy = convertModel(weights);
    const broken = { ...deploy, linear: { ...deploy.linear, bias: new Float32Array(3) } };
    await expect(checkpointBlob(broken, 'safetensors', { form: 'deploy' })).rejects.toThrow(
      /linear\.bias: the weights hold 3 values where 10 float32 are expected/,
    );
  });
});

describe('CRC-32, sinks and the zip layout', () => {
  it('crc32.ts equals zlib.crc32 for any length, alignment and continuation', () => {
    const data = createRng(3).fillUniform(new Float32Array(4099), -1, 1);
    const bytes = bytesOf(data);
    for (const start of [0, 1, 2, 3, 5]) {
      for (const length of [0, 1, 7, 8, 9, 63, 64, 1000, 16000]) {
        const part = bytes.subarray(start, start + length);
        expect(crc32(part), `${start}+${length}`).toBe(zlibCrc32(part));
        expect(crc32(part, 0x12345678), `${start}+${length} continued`).toBe(zlibCrc32(part, 0x12345678));
      }
    }
    expect(crc32(bytes.subarray(100), crc32(bytes.subarray(0, 100)))).toBe(zlibCrc32(bytes));
  });

  it('CoalescingSink gathers small consecutive writes; large ones and jumps pass through in order', async () => {
    const writes: [number, number][] = [];
    const inner: ByteSink = { write: (bytes, position) => void writes.push([position, bytes.length]) };
    const sink = new CoalescingSink(inner, 64);
    await sink.write(new Uint8Array(10), 0);
    await sink.write(new Uint8Array(10), 10); // follows: gathered
    await sink.write(new Uint8Array(40), 20); // large (over a quarter): flushes, then passes through
    await sink.write(new Uint8Array(5), 60);
    await sink.write(new Uint8Array(5), 200); // a jump: flushes what was gathered
    await sink.flush();
    expect(writes).toEqual([
      [0, 20],
      [20, 40],
      [60, 5],
      [200, 5],
    ]);
  });

  it('CoalescingSink: a small write after a large one waits until the sink has finished reading the large one', async () => {
    const log: string[] = [];
    const inner: ByteSink = { write: (bytes, position) => void log.push(`write ${position}+${bytes.length}`), drain: async () => void log.push('drain') };
    const sink = new CoalescingSink(inner, 64);
    await sink.write(new Uint8Array(40), 0); // large: passed through, may still be read
    await sink.write(new Uint8Array(4), 40); // returns at once, so the 40 bytes must be done with first
    await sink.write(new Uint8Array(4), 44); // nothing large in flight any more: no wait
    await sink.drain();
    expect(log).toEqual(['write 0+40', 'drain', 'write 40+8', 'drain']);
  });

  it('BlobSink puts the writes in place and refuses a gap', async () => {
    const sink = new BlobSink();
    sink.write(new Uint8Array([3, 4]), 2);
    sink.write(new Uint8Array([1, 2]), 0);
    expect([...(await bytesOfBlob(sink.blob()))]).toEqual([1, 2, 3, 4]);
    sink.write(new Uint8Array([9]), 10);
    expect(() => sink.blob()).toThrow(/a write at byte 10 where byte 4 was expected/);
  });

  it("the zip layout aligns every record's data to 64 bytes, and refuses what would need ZIP64", () => {
    const layout = layoutStoredZip([
      { name: 'a/data.pkl', size: 1 },
      { name: 'a/data/0', size: 1000 },
      { name: 'a/version', size: 2 },
    ]);
    expect(layout.records.map((r) => r.dataOffset % 64)).toEqual([0, 0, 0]);
    expect(layout.records[1]!.headerOffset).toBe(layout.records[0]!.dataOffset + 1);
    expect(() => layoutStoredZip([{ name: 'big', size: 2 ** 32 }])).toThrow(/needs ZIP64, which this writer does not write \(limits: 65,535 records, 4 GiB\)/);
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
      const run = spawnSync(python!, ['tools/fixtures/check_checkpoint.py', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(run.stderr).toBe('');
      const [train, deploy] = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Checked);
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
