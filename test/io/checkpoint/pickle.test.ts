import { TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/io/checkpoint/errors.ts';
import { openLegacyPth } from '../../../src/io/checkpoint/legacy-reader.ts';
import { openPth } from '../../../src/io/checkpoint/pth-reader.ts';
import { type PickleHost, type PyValue, unpickle } from '../../../src/io/checkpoint/pickle.ts';
import { pickleStateDict } from '../../../src/io/checkpoint/pickle-writer.ts';
import { unpickleTorch } from '../../../src/io/checkpoint/torch-pickle.ts';
import { fixtureBlob } from './helpers.ts';

/** Assemble a pickle from opcodes (numbers) and text (latin1 bytes). */
function pickle(...parts: (number | string | number[])[]): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else if (typeof part === 'string') for (const c of part) bytes.push(c.charCodeAt(0));
    else bytes.push(...part);
  }
  return Uint8Array.from(bytes);
}
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const binunicode = (s: string) => [0x58, ...u32(s.length), ...[...s].map((c) => c.charCodeAt(0))];

/** A host that allows nothing: plain containers and scalars need no host at all. */
const refuseAll: PickleHost = {
  global: (m, n) => {
    throw new CheckpointError('forbidden', `${m}.${n}`);
  },
  call: () => {
    throw new CheckpointError('forbidden', 'call');
  },
  build: () => {
    throw new CheckpointError('forbidden', 'build');
  },
  persistentLoad: () => {
    throw new CheckpointError('forbidden', 'persistent');
  },
};

function expectError(run: () => unknown, code: string, pattern: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CheckpointError);
  expect((error as CheckpointError).code).toBe(code);
  expect((error as CheckpointError).message).toMatch(pattern);
}

describe('restricted unpickler', () => {
  it('builds dicts, lists, tuples and scalars, with the memo', () => {
    // {'a': [1, 300, 70000, -2, 2**70], 'b': (None, True, 1.5), 'c': <memo 0: 'a'>}
    const value = unpickle(
      pickle(
        0x80,
        2,
        0x7d,
        ...binunicode('a'),
        0x71,
        0,
        0x5d,
        0x28,
        0x4b,
        1,
        0x4d,
        44,
        1,
        0x4a,
        ...u32(70000),
        0x4a,
        ...u32(-2 >>> 0),
        0x8a,
        9,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0x40,
        0x65,
        0x73,
        ...binunicode('b'),
        0x4e,
        0x88,
        0x47,
        0x3f,
        0xf8,
        0,
        0,
        0,
        0,
        0,
        0,
        0x87,
        0x73,
        ...binunicode('c'),
        0x68,
        0,
        0x73,
        0x2e,
      ),
      refuseAll,
    ) as { kind: 'dict'; entries: Map<string, PyValue> };
    expect(value.kind).toBe('dict');
    expect(value.entries.get('a')).toEqual({ kind: 'list', items: [1, 300, 70000, -2, 2n ** 70n] });
    expect(value.entries.get('b')).toEqual({ kind: 'tuple', items: [null, true, 1.5] });
    expect(value.entries.get('c')).toBe('a');
  });

  it('refuses globals the host does not allow, naming them, before anything is called', () => {
    expectError(
      () => unpickleTorch(pickle(0x80, 2, 0x63, 'os\nsystem\n', 0x58, ...u32(2), 'ls', 0x85, 0x52, 0x2e)),
      'forbidden',
      /asks for os\.system.*malicious/,
    );
    expectError(() => unpickleTorch(pickle(0x80, 4, 0x8c, 8, 'builtins', 0x8c, 4, 'eval', 0x93, 0x2e)), 'forbidden', /builtins\.eval/);
    expectError(
      () => unpickleTorch(pickle(0x80, 2, 0x63, 'numpy.core.multiarray\nscalar\n', 0x2e)),
      'forbidden',
      /numpy\.core\.multiarray\.scalar.*stores more than weights/,
    );
  });

  it('refuses opcodes a state dict does not use (INST, OBJ, NEWOBJ, EXT1)', () => {
    for (const op of [0x69, 0x6f, 0x81, 0x82])
      expectError(() => unpickleTorch(pickle(0x80, 2, 0x28, op, 0x2e)), 'forbidden', /opcode 0x[0-9a-f]{2}.* not allowed/);
  });

  it('refuses allowed callables used in ways torch.save never uses them', () => {
    const orderedDict = [0x63, ...'collections\nOrderedDict\n'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c));
    expectError(() => unpickleTorch(pickle(0x80, 2, ...orderedDict, 0x4b, 1, 0x85, 0x52, 0x2e)), 'forbidden', /OrderedDict is called with arguments/);
    expectError(() => unpickleTorch(pickle(0x80, 2, 0x5d, 0x7d, 0x62, 0x2e)), 'forbidden', /sets the state of a list/);
  });

  it('reports a declared length past the end instead of allocating it', () => {
    expectError(() => unpickle(pickle(0x80, 2, 0x58, 0xff, 0xff, 0xff, 0xff, 'abc'), refuseAll), 'truncated', /declares 4294967295 bytes but only 3 follow/);
    expectError(() => unpickle(pickle(0x8e, 0, 0, 0, 0, 0, 0, 0, 0x10), refuseAll), 'truncated', /more bytes than any file holds/);
  });

  it('reports inconsistent pickles as corrupt', () => {
    expectError(() => unpickle(pickle(0x68, 7, 0x2e), refuseAll), 'corrupt', /memo entry 7 is read before/);
    expectError(() => unpickle(pickle(0x7d, 0x4b, 1, 0x61, 0x2e), refuseAll), 'corrupt', /APPEND to a dict/);
    expectError(() => unpickle(pickle(0x2e), refuseAll), 'corrupt', /empty stack/);
    expectError(() => unpickle(pickle(0x7d, 0x5d, 0x4b, 1, 0x73, 0x2e), refuseAll), 'corrupt', /dict key of type list/);
    expectError(() => unpickle(pickle(0x80, 2, 0x4b), refuseAll), 'truncated', /ends early/);
  });

  it('nests 200 000 lists deep without recursion (no stack overflow)', () => {
    const depth = 200_000;
    const bytes = new Uint8Array(3 * depth + 2);
    // EMPTY_LIST repeated, then APPEND repeated: each list is appended to the one below it.
    bytes.fill(0x5d, 0, depth + 1);
    bytes.fill(0x61, depth + 1, 2 * depth + 1);
    bytes[2 * depth + 1] = 0x2e;
    const value = unpickle(bytes.subarray(0, 2 * depth + 2), refuseAll) as { kind: 'list'; items: PyValue[] };
    expect(value.kind).toBe('list');
    expect(value.items).toHaveLength(1);
  });
});

describe('torch.save structures', () => {
  it('tensors that are views of one storage: offsets, a transpose, a column, an int64 scalar', async () => {
    const file = await openPth(fixtureBlob('views.pth'));
    const read = async (key: string) => [...((await file.tensors.get(key)!.read()) as Float32Array)];
    const base = Array.from({ length: 12 }, (_, i) => i);
    expect(await read('base')).toEqual(base);
    expect(file.tensors.get('transposed')!.shape).toEqual([4, 3]);
    expect(await read('transposed')).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    expect(await read('row')).toEqual([4, 5, 6, 7]);
    expect(await read('column')).toEqual([2, 6, 10]);
    expect(file.tensors.get('count')!.dtype).toBe('int64');
    expect([...(await file.tensors.get('count')!.read())]).toEqual([5n]);
  });

  it('pickle protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL, SHORT_BINUNICODE) reads like protocol 2', async () => {
    const p4 = await openPth(fixtureBlob('small-protocol4.pth'));
    const p2 = await openPth(fixtureBlob('tiny-official-train.pth'));
    for (const [key, record] of p4.tensors) {
      expect(record.shape).toEqual(p2.tensors.get(key)!.shape);
      expect(await record.read()).toEqual(await p2.tensors.get(key)!.read());
    }
    expect(p4.tensors.size).toBe(2);
  });

  it('the legacy format (before PyTorch 1.6): five pickles, then the storages; a wrapped dict', async () => {
    const legacy = await openLegacyPth(fixtureBlob('legacy-format.pth'));
    const zip = await openPth(fixtureBlob('small-protocol4.pth'));
    expect(legacy).toMatchObject({ format: 'pth-legacy', wrapper: 'state_dict' });
    expect([...legacy.tensors.keys()]).toEqual([...zip.tensors.keys()]);
    for (const [key, record] of legacy.tensors) expect(await record.read()).toEqual(await zip.tensors.get(key)!.read());
  });

  it('reads a big-endian archive (byteorder "big") into the right values', async () => {
    const values = Float32Array.of(1.5, -2, 3.25);
    const bigEndian = new Uint8Array(12);
    values.forEach((v, i) => new DataView(bigEndian.buffer).setFloat32(4 * i, v, false));
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const blob = new Response(readable).blob();
    const zip = new ZipWriter(writable, { useWebWorkers: false, level: 0 });
    await zip.add('be/data.pkl', new Uint8ArrayReader(pickleStateDict([{ key: 'w', dtype: 'float32', shape: [3] }])));
    await zip.add('be/byteorder', new TextReader('big'));
    await zip.add('be/data/0', new Uint8ArrayReader(bigEndian));
    await zip.close();
    const file = await openPth(await blob);
    expect(await file.tensors.get('w')!.read()).toEqual(values);
  });

  it('an expanded view (stride 0) is refused: a one-element storage cannot become a million-element tensor', () => {
    const str = (s: string) => binunicode(s);
    // _rebuild_tensor_v2(('storage', torch.FloatStorage, '0', 'cpu', 1), 0, (1000000,), (0,), False, None)
    const expanded = pickle(
      0x80,
      2,
      0x63,
      'torch._utils\n_rebuild_tensor_v2\n',
      0x28,
      0x28,
      ...str('storage'),
      0x63,
      'torch\nFloatStorage\n',
      ...str('0'),
      ...str('cpu'),
      0x4b,
      1,
      0x74,
      0x51,
      0x4b,
      0,
      0x4a,
      ...u32(1_000_000),
      0x85,
      0x4b,
      0,
      0x85,
      0x89,
      0x4e,
      0x74,
      0x52,
      0x2e,
    );
    expectError(() => unpickleTorch(expanded), 'unsupported', /size \[1000000\] repeats elements of its storage \(1 elements\)/);
  });

  it('a view reaching past its storage is refused before any read', () => {
    // _rebuild_tensor_v2(('storage', FloatStorage, '0', 'cpu', 4), 0, (5,), (1,), False, OrderedDict())
    const bytes = pickleStateDict([{ key: 'w', dtype: 'float32', shape: [5] }]);
    const numelAt = bytes.indexOf(0x4b, bytes.indexOf(0x58, bytes.lastIndexOf(0x63)) + 1); // the BININT1 of numel after 'cpu'
    const patched = bytes.slice();
    patched[numelAt + 1] = 4; // the storage now holds 4 elements, the view still needs 5
    expectError(() => unpickleTorch(patched), 'corrupt', /reaches past the end of its storage \(4 elements\)/);
  });
});
