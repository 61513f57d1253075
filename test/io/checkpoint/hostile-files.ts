import { crc32, deflateRawSync } from 'node:zlib';
import type { RepVGGSpec } from '../../../src/core/family.ts';
import { deployStateDict, trainStateDict } from '../../../src/core/state-dict.ts';

/**
 * Hostile checkpoints, built in memory (never committed): the hand-made files of issue 13 and
 * the pieces the fuzz generators assemble theirs from. Shared by test/io/checkpoint/hostile.test.ts,
 * test/io/checkpoint/fuzz.test.ts and tools/fuzz/checkpoints.ts.
 */

const encoder = new TextEncoder();
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** A pickle program written opcode by opcode (protocol 2, with the memo for repeated globals). */
export class PickleProgram {
  private readonly bytes: number[] = [0x80, 2];
  private readonly memo = new Map<string, number>();

  op(...bytes: number[]): this {
    for (const b of bytes) this.bytes.push(b);
    return this;
  }

  /** The same opcode `count` times (without spreading a huge array into a call). */
  repeat(op: number, count: number): this {
    for (let i = 0; i < count; i++) this.bytes.push(op);
    return this;
  }

  str(s: string): this {
    const b = encoder.encode(s);
    this.op(0x58, ...u32(b.length));
    for (const x of b) this.bytes.push(x);
    return this;
  }

  /** BININT for what fits in int32, else LONG1 (little-endian two's complement). */
  int(n: number | bigint): this {
    const v = BigInt(n);
    if (v >= -(2n ** 31n) && v < 2n ** 31n) return this.op(0x4a, ...u32(Number(v)));
    const out: number[] = [];
    let x = v;
    for (;;) {
      out.push(Number(x & 0xffn));
      x >>= 8n;
      if ((x === 0n && !(out[out.length - 1]! & 0x80)) || (x === -1n && out[out.length - 1]! & 0x80)) break;
    }
    return this.op(0x8a, out.length, ...out);
  }

  /** GLOBAL module.name, memoized: the second use is a BINGET. */
  global(module: string, name: string): this {
    const id = `${module}\n${name}`;
    const at = this.memo.get(id);
    if (at !== undefined) return at < 256 ? this.op(0x68, at) : this.op(0x6a, ...u32(at));
    this.op(0x63, ...encoder.encode(`${module}\n${name}\n`));
    const index = this.memo.size;
    this.memo.set(id, index);
    return index < 256 ? this.op(0x71, index) : this.op(0x72, ...u32(index));
  }

  ints(values: readonly (number | bigint)[]): this {
    this.op(0x28);
    for (const v of values) this.int(v);
    return this.op(0x74);
  }

  /** persistent id ('storage', torch.<type>, key, 'cpu', numel) */
  storage(key: string, numel: number | bigint, type = 'FloatStorage', module = 'torch'): this {
    this.op(0x28).str('storage').global(module, type).str(key).str('cpu').int(numel).op(0x74, 0x51);
    return this;
  }

  /** The argument tuple of _rebuild_tensor_v2 (without the callable). */
  tensorArgs(t: TensorSpec): this {
    this.op(0x28)
      .storage(t.storage, t.storageNumel, t.storageType, t.storageModule)
      .int(t.offset ?? 0)
      .ints(t.shape)
      .ints(t.stride ?? contiguous(t.shape))
      .op(0x89);
    this.global('collections', 'OrderedDict').op(0x29, 0x52);
    return this.op(0x74);
  }

  /** _rebuild_tensor_v2(...), as torch.save writes a plain tensor. */
  tensor(t: TensorSpec): this {
    return this.global('torch._utils', '_rebuild_tensor_v2').tensorArgs(t).op(0x52);
  }

  /**
   * A tensor rebuilt through `depth` nested _rebuild_from_type_v2 calls: 7 bytes a level, so
   * 10,000 levels make a data.pkl of about 70 KB.
   */
  nestedTensor(t: TensorSpec, depth: number): this {
    this.global('torch._tensor', '_rebuild_from_type_v2');
    for (let level = 0; level < depth; level++) {
      this.op(0x28);
      if (level < depth - 1) this.global('torch._tensor', '_rebuild_from_type_v2');
      else this.global('torch._utils', '_rebuild_tensor_v2');
      this.global('torch._tensor', 'Tensor');
    }
    this.tensorArgs(t);
    for (let level = 0; level < depth; level++) this.op(0x7d, 0x74);
    return this.op(0x52);
  }

  finish(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from([...this.bytes, 0x2e]);
  }
}

export interface TensorSpec {
  readonly storage: string;
  readonly storageNumel: number | bigint;
  readonly storageType?: string;
  readonly storageModule?: string;
  readonly offset?: number;
  readonly shape: readonly (number | bigint)[];
  readonly stride?: readonly (number | bigint)[];
}

export function contiguous(shape: readonly (number | bigint)[]): (number | bigint)[] {
  const stride: bigint[] = [];
  let step = 1n;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    stride[axis] = step;
    step *= BigInt(shape[axis]!);
  }
  return stride.map((s) => (s <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(s) : s));
}

/** data.pkl of {key: tensor, ...}; `nest` rebuilds every tensor through that many _rebuild_from_type_v2 levels. */
export function stateDictPickle(tensors: readonly (readonly [string, TensorSpec])[], nest = 0): Uint8Array<ArrayBuffer> {
  const p = new PickleProgram().op(0x7d);
  for (const [key, t] of tensors) {
    p.str(key);
    if (nest > 0) p.nestedTensor(t, nest);
    else p.tensor(t);
    p.op(0x73);
  }
  return p.finish();
}

/**
 * A torch.save zip: archive/data.pkl, archive/data/<key> for each storage (deflated with
 * `deflate`, as a re-zipped archive has them), archive/version. Written here, with Node's zlib,
 * because a fuzz case must build in milliseconds.
 */
export function torchZip(pickle: Uint8Array, storages: ReadonlyMap<string, Uint8Array>, options: { deflate?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const records: { name: Uint8Array; data: Uint8Array; size: number; crc: number; method: number; offset: number }[] = [];
  const add = (name: string, bytes: Uint8Array, deflate: boolean) => {
    const data = deflate ? deflateZeros(bytes) : bytes;
    records.push({ name: encoder.encode(name), data, size: bytes.length, crc: crc32(bytes), method: deflate ? 8 : 0, offset: 0 });
  };
  add('archive/data.pkl', pickle, false);
  for (const [key, bytes] of storages) add(`archive/data/${key}`, bytes, options.deflate === true);
  add('archive/version', encoder.encode('3\n'), false);
  let size = 22;
  for (const r of records) size += 30 + r.name.length + r.data.length + 46 + r.name.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const r of records) {
    r.offset = at;
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 8, r.method, true);
    view.setUint32(at + 14, r.crc, true);
    view.setUint32(at + 18, r.data.length, true);
    view.setUint32(at + 22, r.size, true);
    view.setUint16(at + 26, r.name.length, true);
    out.set(r.name, at + 30);
    out.set(r.data, at + 30 + r.name.length);
    at += 30 + r.name.length + r.data.length;
  }
  const central = at;
  for (const r of records) {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 10, r.method, true);
    view.setUint32(at + 16, r.crc, true);
    view.setUint32(at + 20, r.data.length, true);
    view.setUint32(at + 24, r.size, true);
    view.setUint16(at + 28, r.name.length, true);
    view.setUint32(at + 42, r.offset, true);
    out.set(r.name, at + 46);
    at += 46 + r.name.length;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, records.length, true);
  view.setUint16(at + 10, records.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  return out;
}

/** Deflated bytes, cached for all-zero inputs (every fuzz storage is zeros; sizes repeat). */
const zeroDeflated = new Map<number, Uint8Array>();
function deflateZeros(bytes: Uint8Array): Uint8Array {
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(Buffer.alloc(bytes.length))) return deflateRawSync(bytes);
  let cached = zeroDeflated.get(bytes.length);
  if (!cached) {
    cached = deflateRawSync(bytes, { level: 9 });
    if (zeroDeflated.size > 64) zeroDeflated.clear();
    zeroDeflated.set(bytes.length, cached);
  }
  return cached;
}

/** An 8-byte length, a header (an object, or its JSON text as given), then `dataLength` zero bytes. */
export function safetensorsBytes(header: object | string, dataLength = 0): Uint8Array<ArrayBuffer> {
  const json = encoder.encode(typeof header === 'string' ? header : JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + dataLength);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  return bytes;
}

/** The float tensors of a state dict for `spec` (num_batches_tracked left out: nothing reads it). */
export function floatEntries(spec: RepVGGSpec, form: 'train' | 'deploy'): { key: string; shape: readonly number[] }[] {
  return (form === 'train' ? trainStateDict(spec) : deployStateDict(spec)).filter((e) => e.dtype === 'float32');
}

const numelOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Every tensor of a valid RepVGG state dict is a view of one storage of zeros, deflated: the file
 * is tiny, the storage large. `extraElements` pads the storage past what any tensor reads.
 */
export async function sharedDeflatedPth(spec: RepVGGSpec, form: 'train' | 'deploy', extraElements = 0): Promise<Uint8Array<ArrayBuffer>> {
  const entries = floatEntries(spec, form);
  const numel = Math.max(...entries.map((e) => numelOf(e.shape))) + extraElements;
  const pickle = stateDictPickle(entries.map((e) => [e.key, { storage: '0', storageNumel: numel, shape: e.shape }] as const));
  return torchZip(pickle, new Map([['0', new Uint8Array(numel * 4)]]), { deflate: true });
}

/** Every tensor in its own storage, stored (as torch.save writes), all zeros. */
export async function plainPth(spec: RepVGGSpec, form: 'train' | 'deploy', rename: (key: string) => string = (k) => k): Promise<Uint8Array<ArrayBuffer>> {
  const entries = floatEntries(spec, form);
  const pickle = stateDictPickle(entries.map((e, i) => [rename(e.key), { storage: String(i), storageNumel: numelOf(e.shape), shape: e.shape }] as const));
  return torchZip(pickle, new Map(entries.map((e, i) => [String(i), new Uint8Array(numelOf(e.shape) * 4)])));
}

/** A tiny RepVGG: big enough to have every kind of block, small enough to build per fuzz case. */
export const MICRO: RepVGGSpec = { name: 'micro', depths: [1, 1, 1, 2, 1], widthMultiplier: [1 / 32, 1 / 256], groups: { 4: 2 }, numClasses: 3, inputSize: 8 };

/** Object.prototype's names: none may pass an allowlist. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  '__lookupGetter__',
  'propertyIsEnumerable',
  'toLocaleString',
] as const;

/** The hand-made files, by name: each builds its bytes on demand. */
export const HAND_MADE: readonly (readonly [name: string, build: () => Promise<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer>])[] = [
  [
    'rebuild nested 10,000 deep (.pth)',
    () =>
      torchZip(stateDictPickle([['stage0.rbr_reparam.weight', { storage: '0', storageNumel: 4, shape: [4] }]], 10_000), new Map([['0', new Uint8Array(16)]])),
  ],
  [
    'rebuild nested 10,000 deep, every tensor of a deploy model (.pth)',
    async () => {
      const entries = floatEntries(MICRO, 'deploy');
      const pickle = stateDictPickle(
        entries.map((e, i) => [e.key, { storage: String(i), storageNumel: numelOf(e.shape), shape: e.shape }] as const),
        10_000,
      );
      return torchZip(pickle, new Map(entries.map((e, i) => [String(i), new Uint8Array(numelOf(e.shape) * 4)])));
    },
  ],
  [
    'one key of `module.` ×30,000 (.safetensors)',
    () => safetensorsBytes({ ['module.'.repeat(30_000)]: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 4),
  ],
  [
    'a RepVGG key behind `module.` ×30,000 (.safetensors)',
    () => safetensorsBytes({ [`${'module.'.repeat(30_000)}stem.reparam_conv.weight`]: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 4),
  ],
  ['every key of a model behind `module.` ×3,000 (.pth)', () => plainPth(MICRO, 'deploy', (k) => 'module.'.repeat(3_000) + k)],
  ['shared deflated storage, deploy form (.pth)', () => sharedDeflatedPth({ ...MICRO, widthMultiplier: [2.5, 2] }, 'deploy')],
  ['shared deflated storage, train form (.pth)', () => sharedDeflatedPth({ ...MICRO, depths: [1, 2, 4, 6, 1], widthMultiplier: [1.5, 2] }, 'train')],
  ['deflated storage far larger than its tensors (.pth)', () => sharedDeflatedPth(MICRO, 'deploy', 2 ** 22)],
  ['JSON bomb: 94 MB of [[[…]]] in __metadata__ (.safetensors)', () => jsonBomb(94_000_000)],
  ['JSON bomb within 1 MiB: 500,000 deep (.safetensors)', () => jsonBomb(1_000_000)],
  [
    'JSON header of 200,000 zeros in a shape (.safetensors)',
    () => safetensorsBytes(`{"stem.reparam_conv.weight":{"dtype":"F32","shape":[${'0,'.repeat(199_999)}0],"data_offsets":[0,0]}}`),
  ],
  ...PROTOTYPE_NAMES.map(
    (name) =>
      [
        `GLOBAL torch ${name} as a storage type (.pth)`,
        () =>
          torchZip(
            stateDictPickle([['stage0.rbr_reparam.weight', { storage: '0', storageNumel: 4, storageType: name, shape: [4] }]]),
            new Map([['0', new Uint8Array(16)]]),
          ),
      ] as const,
  ),
  ...PROTOTYPE_NAMES.map(
    (name) =>
      [
        `"dtype": "${name}" (.safetensors)`,
        () => safetensorsBytes({ 'stem.reparam_conv.weight': { dtype: name, shape: [4], data_offsets: [0, 16] } }, 16),
      ] as const,
  ),
  ['a tensor named __proto__ (.safetensors)', () => safetensorsBytes('{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 4)],
  [
    'huge shape (.safetensors)',
    () => safetensorsBytes({ 'stem.reparam_conv.weight': { dtype: 'F32', shape: Array(30).fill(2 ** 53 - 1), data_offsets: [0, 4] } }, 4),
  ],
  [
    'huge shape with a zero (.safetensors)',
    () => safetensorsBytes({ 'stem.reparam_conv.weight': { dtype: 'F32', shape: [...Array(30).fill(2 ** 53 - 1), 0], data_offsets: [0, 4] } }, 4),
  ],
  [
    'huge shape (.pth)',
    () =>
      torchZip(
        stateDictPickle([['stage0.rbr_reparam.weight', { storage: '0', storageNumel: 4, shape: Array(30).fill(2 ** 53 - 1), stride: Array(30).fill(1) }]]),
        new Map([['0', new Uint8Array(16)]]),
      ),
  ],
  [
    'storage of 2^53 - 1 elements (.pth)',
    () =>
      torchZip(stateDictPickle([['stage0.rbr_reparam.weight', { storage: '0', storageNumel: 2 ** 53 - 1, shape: [4] }]]), new Map([['0', new Uint8Array(16)]])),
  ],
  ['1-D stage-0 kernel (.safetensors)', () => oneDimensionalStem()],
];

/** `{"__metadata__": [[[…]]]}` filling `size` bytes of header (declared; only a bomb that small is built whole). */
export function jsonBomb(size: number): Uint8Array<ArrayBuffer> {
  const depth = Math.floor((size - 20) / 2);
  const head = '{"__metadata__":';
  const bytes = new Uint8Array(8 + head.length + 2 * depth + 1);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(bytes.length - 8), true);
  bytes.set(encoder.encode(head), 8);
  bytes.fill(0x5b, 8 + head.length, 8 + head.length + depth);
  bytes.fill(0x5d, 8 + head.length + depth, bytes.length - 1);
  bytes[bytes.length - 1] = 0x7d;
  return bytes;
}

/** A deploy safetensors of MICRO whose stem kernel is 1-D ([8] instead of [8, 3, 3, 3]). */
function oneDimensionalStem(): Uint8Array<ArrayBuffer> {
  const header: Record<string, unknown> = {};
  let at = 0;
  for (const { key, shape } of floatEntries(MICRO, 'deploy')) {
    const s = key === 'stage0.rbr_reparam.weight' ? [shape[0]!] : shape;
    const bytes = numelOf(s) * 4;
    header[
      key
        .replace(/^stage0\.rbr_reparam\./, 'stem.reparam_conv.')
        .replace(/^stage(\d)\.(\d+)\.rbr_reparam\./, (_, st: string, b: string) => `stages.${Number(st) - 1}.${b}.reparam_conv.`)
        .replace(/^linear\./, 'head.fc.')
    ] = { dtype: 'F32', shape: s, data_offsets: [at, at + bytes] };
    at += bytes;
  }
  return safetensorsBytes(header, at);
}
