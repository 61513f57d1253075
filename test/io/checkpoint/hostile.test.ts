import { describe, expect, it } from 'vitest';
import { CheckpointError, type CheckpointErrorCode } from '../../../src/io/checkpoint/errors.ts';
import { recognizeNaming, wrapperPrefixLength } from '../../../src/io/checkpoint/naming.ts';
import { PICKLE_LIMITS } from '../../../src/io/checkpoint/pickle.ts';
import { type LoadedCheckpoint, readCheckpoint } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { SAFETENSORS_HEADER_LIMITS, scanHeaderShape } from '../../../src/io/checkpoint/safetensors-reader.ts';
import { unpickleTorch } from '../../../src/io/checkpoint/torch-pickle.ts';
import {
  HAND_MADE,
  MICRO,
  PROTOTYPE_NAMES,
  PickleProgram,
  jsonBomb,
  plainPth,
  safetensorsBytes,
  sharedDeflatedPth,
  torchZip,
  stateDictPickle,
} from './hostile-files.ts';

/**
 * The hostile files of issue 13, built in the test: each ends in a CheckpointError with a message
 * that names real numbers (or in a valid result), never another exception; and the readers'
 * budgets (nesting, opcodes, header size, inflated bytes) are what refuse them, deterministically.
 */

/** Text a message from the readers never contains: it means a computation went wrong. */
const GARBLED = /undefined|NaN|Infinity|\[object |native code/;

async function outcome(bytes: Uint8Array<ArrayBuffer>): Promise<LoadedCheckpoint | CheckpointError> {
  try {
    return await readCheckpoint(new Blob([bytes]));
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    const e = error as CheckpointError;
    expect(e.cause, `a reader bug wrapped as a CheckpointError: ${String(e.cause)}`).toBeUndefined();
    expect(e.message).not.toMatch(GARBLED);
    expect(e.message.length).toBeLessThan(1000);
    return e;
  }
}

async function refused(bytes: Uint8Array<ArrayBuffer>, code: CheckpointErrorCode, pattern: RegExp): Promise<CheckpointError> {
  const result = await outcome(bytes);
  expect(result, 'the file should have been refused').toBeInstanceOf(CheckpointError);
  expect((result as CheckpointError).code).toBe(code);
  expect((result as CheckpointError).message).toMatch(pattern);
  return result as CheckpointError;
}

const build = (name: string) => {
  const found = HAND_MADE.find(([n]) => n === name);
  if (!found) throw new Error(`no hand-made file ${name}`);
  return found[1]();
};

describe('hand-made hostile files: a CheckpointError or a valid result, never anything else', () => {
  it.each(HAND_MADE.map(([name]) => [name]))('%s', async (name) => {
    await outcome(await build(name));
  });
});

describe('deep nesting', () => {
  it('_rebuild_from_type_v2 nested 10,000 deep is refused by the nesting limit, not a stack overflow', async () => {
    await refused(await build('rebuild nested 10,000 deep (.pth)'), 'corrupt', /more than 4 nested _rebuild_from_type_v2 calls/);
    await refused(await build('rebuild nested 10,000 deep, every tensor of a deploy model (.pth)'), 'corrupt', /more than 4 nested _rebuild_from_type_v2/);
  });

  it('nesting as torch.save writes it (one or two levels) is read', async () => {
    const key = 'stage0.rbr_reparam.weight';
    for (const depth of [1, 2, 4]) {
      const value = unpickleTorch(stateDictPickle([[key, { storage: '0', storageNumel: 4, shape: [4] }]], depth)) as {
        kind: 'dict';
        entries: Map<string, { kind: string }>;
      };
      expect(value.entries.get(key)?.kind).toBe('hosted');
    }
    expect(() => unpickleTorch(stateDictPickle([[key, { storage: '0', storageNumel: 4, shape: [4] }]], 5))).toThrow(/more than 4 nested/);
  });
});

describe("the unpickler's budget", () => {
  const expectBudget = (program: Uint8Array, pattern: RegExp) => {
    let error: unknown;
    try {
      unpickleTorch(program);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('unsupported');
    expect((error as CheckpointError).message).toMatch(pattern);
  };

  it('refuses a program that builds more containers than a state dict could need', () => {
    const p = new PickleProgram();
    p.repeat(0x7d, PICKLE_LIMITS.containers + 1); // EMPTY_DICT
    expectBudget(p.finish(), /builds more than 500,000 tuples, lists and dicts/);
  });

  it('refuses a stack taller than the limit', () => {
    const p = new PickleProgram();
    p.repeat(0x4e, PICKLE_LIMITS.stack + 1); // NONE
    expectBudget(p.finish(), /holds more than 1,000,000 values on its stack/);
  });

  it('refuses a program that runs more opcodes than the limit', () => {
    const ops = new Uint8Array(PICKLE_LIMITS.ops + 4);
    ops.set([0x80, 2]);
    for (let i = 2; i < ops.length - 1; i += 2) ops.set([0x4e, 0x30], i); // NONE, POP
    expectBudget(ops, /runs more than 8,000,000 opcodes/);
  });
});

describe('long keys', () => {
  it('strips `module.` ×30,000 in one pass and never echoes the whole key', async () => {
    const keys = [`${'module.'.repeat(30_000)}stage0.rbr_reparam.weight`];
    expect(wrapperPrefixLength(keys)).toBe(7 * 30_000);
    const error = await refused(await build('one key of `module.` ×30,000 (.safetensors)'), 'wrong-network', /none of the 1 tensors/);
    expect(error.message).toMatch(/… \(210,000 characters\)/);
    await refused(
      await build('a RepVGG key behind `module.` ×30,000 (.safetensors)'),
      'wrong-network',
      /the checkpoint has no (module\.){11}mod… \(210,0\d\d characters\): a RepVGG has five stages/,
    );
  });

  it('a whole model behind 3,000 wrapper prefixes is still read', async () => {
    const loaded = await outcome(await build('every key of a model behind `module.` ×3,000 (.pth)'));
    expect(loaded).not.toBeInstanceOf(CheckpointError);
    expect((loaded as LoadedCheckpoint).prefix).toBe('module.'.repeat(3_000));
    expect((loaded as LoadedCheckpoint).form).toBe('deploy');
  });

  it('mixed prefixes are stripped as far as every key shares them', () => {
    expect(recognizeNaming(['module._orig_mod.stage0.rbr_reparam.weight', 'module._orig_mod.linear.weight']).prefix).toBe('module._orig_mod.');
    expect(recognizeNaming(['module.stage0.rbr_reparam.weight', 'linear.weight']).prefix).toBe('');
  });
});

describe('compressed storages', () => {
  it('a storage shared by every tensor is inflated once: the kernels are views of one buffer', async () => {
    const loaded = await outcome(await build('shared deflated storage, deploy form (.pth)'));
    expect(loaded).not.toBeInstanceOf(CheckpointError);
    const { weights } = loaded as LoadedCheckpoint & { form: 'deploy' };
    const buffers = new Set(weights.blocks.map((b) => b.kernel.data.buffer));
    expect(buffers.size).toBe(1);
  });

  it('views that read the same bytes over and over are refused, with the numbers', async () => {
    await refused(
      await build('shared deflated storage, train form (.pth)'),
      'unsupported',
      /tensors would read [\d,]+ bytes out of storages that hold [\d,]+: their views overlap/,
    );
    const stored = await torchZip(
      stateDictPickle(Array.from({ length: 64 }, (_, i) => [`stage0.x${i}`, { storage: '0', storageNumel: 2 ** 18, shape: [2 ** 18] }] as const)),
      new Map([['0', new Uint8Array(2 ** 20)]]),
    );
    await refused(stored, 'unsupported', /the 64 tensors would read 67,108,864 bytes out of storages that hold 1,048,576/);
  });

  it('a storage that inflates far past what its tensors read is refused before inflating', async () => {
    await refused(
      await sharedDeflatedPth(MICRO, 'deploy', 2 ** 22),
      'unsupported',
      /inflate to 16,\d{3},\d{3} bytes \(16\.8 MB\) but the tensors in them use only [\d,]+ \(/,
    );
  });
});

describe('safetensors headers', () => {
  it('a 94 MB header is refused from its length alone', async () => {
    await refused(
      jsonBomb(94_000_000),
      'unsupported',
      /header claims 93,999,9\d\d bytes; a RepVGG checkpoint's header is a few KB, so this reader stops at 1\.0 MB/,
    );
  });

  it('nesting and value counts are refused by the byte scan before JSON.parse', async () => {
    await refused(jsonBomb(1_000_000), 'unsupported', /nests objects and arrays more than 4 deep \(at byte \d+ of 999,9\d\d\)/);
    await refused(await build('JSON header of 200,000 zeros in a shape (.safetensors)'), 'unsupported', /holds more than 100,000 values/);
    expect(SAFETENSORS_HEADER_LIMITS.depth).toBe(4);
  });

  it('the scan skips brackets and quotes inside strings', () => {
    expect(() =>
      scanHeaderShape(
        new TextEncoder().encode(JSON.stringify({ __metadata__: { note: '[[[[[[{{{{\\"]]' }, a: { dtype: 'F32', shape: [1, 2], data_offsets: [0, 8] } })),
      ),
    ).not.toThrow();
    expect(() => scanHeaderShape(new TextEncoder().encode('{"a":[[[[1]]]]}'))).toThrow(/more than 4 deep/);
  });

  it("the fixtures' real headers pass the limits with room to spare", async () => {
    const { fixtureBytes } = await import('./helpers.ts');
    for (const name of ['tiny-timm-train.safetensors', 'tiny-timm-deploy.safetensors', 'tiny-timm-train-bf16.safetensors']) {
      const bytes = fixtureBytes(name);
      const length = Number(new DataView(bytes.buffer).getBigUint64(0, true));
      expect(length).toBeLessThan(SAFETENSORS_HEADER_LIMITS.bytes / 20);
      expect(() => scanHeaderShape(bytes.subarray(8, 8 + length))).not.toThrow();
    }
  });
});

describe('prototype names', () => {
  it.each(PROTOTYPE_NAMES.map((n) => [n]))('%s is neither a storage type nor a dtype', async (name) => {
    await refused(
      await build(`GLOBAL torch ${name} as a storage type (.pth)`),
      'forbidden',
      new RegExp(`asks for torch\\.${name}, which a state dict never needs`),
    );
    await refused(
      await build(`"dtype": "${name}" (.safetensors)`),
      'unsupported',
      new RegExp(`has dtype "${name}", which this reader does not read \\(it reads F32, F16`),
    );
  });

  it('a tensor named __proto__ is a tensor like any other', async () => {
    await refused(await build('a tensor named __proto__ (.safetensors)'), 'wrong-network', /none of the 1 tensors belongs to a RepVGG block.*"__proto__"/);
  });
});

describe('messages name real numbers', () => {
  it('huge shapes: exact byte counts, never NaN or Infinity', async () => {
    const max = 2n ** 53n - 1n;
    const digits = (max ** 30n * 4n).toString();
    await refused(
      await build('huge shape (.safetensors)'),
      'corrupt',
      new RegExp(`needs ${digits[0]}\\.${digits.slice(1, 4)} × 10\\^${digits.length - 1} bytes but data_offsets give 4`),
    );
    await refused(await build('huge shape with a zero (.safetensors)'), 'corrupt', /needs 0 bytes but data_offsets give 4/);
    await refused(
      await build('huge shape (.pth)'),
      'corrupt',
      new RegExp(
        `\\(\\d\\.\\d{3} × 10\\^${(max ** 30n).toString().length - 1} elements, the last at element [\\d,]+\\) reaches past the end of its storage \\(4 elements\\)`,
      ),
    );
    await refused(
      await build('storage of 2^53 - 1 elements (.pth)'),
      'corrupt',
      /should hold 9,007,199,254,740,991 float32 values \(36,028,797,018,963,964 bytes\) but its entry has 16 bytes/,
    );
  });

  it('a 1-D stage-0 kernel: its shape, not "undefined input channels"', async () => {
    await refused(
      await build('1-D stage-0 kernel (.safetensors)'),
      'corrupt',
      /stem\.reparam_conv\.weight has shape \[2\], which is not a 3×3 kernel \[out, in, 3, 3\]/,
    );
  });

  it('a non-finite float from the file is shown as Python writes it', () => {
    const p = new PickleProgram()
      .op(0x7d)
      .str('stage0.x')
      .global('torch._utils', '_rebuild_tensor_v2')
      .op(0x28)
      .storage('0', 4)
      .op(0x47, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0);
    expect(() => unpickleTorch(p.op(0x74, 0x52, 0x73).finish())).toThrow(/a tensor offset should be a non-negative integer, found float nan/);
    expect(safetensorsBytes({}).length).toBe(10);
  });
});

/** The central directory records of a zip, by name: where each record is, and its local header offset. */
function centralRecords(zip: Uint8Array<ArrayBuffer>): Map<string, { at: number; local: number }> {
  const view = new DataView(zip.buffer);
  const end = zip.length - 22;
  let at = view.getUint32(end + 16, true);
  const records = new Map<string, { at: number; local: number }>();
  for (let n = view.getUint16(end + 10, true); n > 0; n--) {
    const nameLength = view.getUint16(at + 28, true);
    records.set(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), { at, local: view.getUint32(at + 42, true) });
    at += 46 + nameLength;
  }
  return records;
}

describe('stored storages: each local header is checked before its bytes are read', () => {
  const zipOf = async () => {
    const zip = await plainPth(MICRO, 'deploy');
    const records = centralRecords(zip);
    return { zip, view: new DataView(zip.buffer), data: (i: number) => records.get(`archive/data/${i}`)! };
  };

  it('two directory entries pointing at one local header (shared bytes) are refused', async () => {
    const { zip, view, data } = await zipOf();
    // Storages 0 and 2 are the same size (two stage-0 tensors would not be): give 2 the bytes of 0.
    view.setUint32(data(2).at + 42, data(0).local, true);
    await refused(zip, 'corrupt', /the zip entry archive\/data\/[02] overlaps another entry: no two entries of a zip archive share bytes/);
  });

  it("an entry whose local header puts its data past the next entry's header is refused", async () => {
    const { zip, view, data } = await zipOf();
    view.setUint16(data(1).local + 28, 64, true); // an extra field of 64 bytes that is not there
    await refused(zip, 'corrupt', /the zip entry archive\/data\/1 overlaps another entry/);
  });

  it('a directory entry that points at no local header is refused', async () => {
    const { zip, view, data } = await zipOf();
    view.setUint32(data(1).local, 0, true);
    await refused(zip, 'corrupt', /the zip entry archive\/data\/1 has no local header where the directory says/);
  });

  it('the untouched file reads', async () => {
    const { zip } = await zipOf();
    expect(await outcome(zip)).not.toBeInstanceOf(CheckpointError);
  });
});
