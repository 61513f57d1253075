import fc from 'fast-check';
import { type WriteFormat, checkpointBlob } from '../../../src/io/checkpoint/write-checkpoint.ts';
import { createTrainWeights } from '../../../src/core/weights.ts';
import { fixtureBytes } from './helpers.ts';
import { MICRO, PROTOTYPE_NAMES } from './hostile-files.ts';

/**
 * The fuzz generators shared by test/io/checkpoint/fuzz.test.ts (a few thousand cases in CI) and
 * tools/fuzz/checkpoints.ts (`npm run fuzz`, 100,000): damaged copies of small seed files,
 * random pickle programs, random safetensors headers. The hostile classes of issue 13 are in
 * hostile-arbitraries.ts.
 */

/** Seeds: a micro RepVGG written by the project's writers in each format and form, and PyTorch-made files. */
export async function makeSeeds(): Promise<Map<string, Uint8Array<ArrayBuffer>>> {
  const seeds = new Map<string, Uint8Array<ArrayBuffer>>();
  const weights = createTrainWeights(MICRO, 1);
  for (const format of ['pth', 'safetensors'] as WriteFormat[]) {
    for (const form of ['train', 'deploy'] as const) {
      seeds.set(`${form}.${format}`, new Uint8Array(await (await checkpointBlob(weights, format, { form })).arrayBuffer()));
    }
  }
  for (const name of ['small-protocol4.pth', 'views.pth', 'unsafe-global.pth', 'legacy-format.pth', 'tiny-timm-deploy.safetensors'])
    seeds.set(name, fixtureBytes(name));
  return seeds;
}

export type Mutation =
  | { kind: 'flip'; bits: [number, number][] }
  | { kind: 'truncate'; at: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array }
  | { kind: 'tail'; back: number; bytes: Uint8Array }
  | { kind: 'number'; at: number; value: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), bits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  // The last bytes of a zip are its central directory and end record.
  fc.record({ kind: fc.constant('tail' as const), back: fc.integer({ min: 1, max: 400 }), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  // Sizes, counts and offsets: 0, small, just past a boundary, enormous.
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: fc.constantFrom(0, 1, 0xff, 0xffff, 0x7fffffff, 0xffffffff, 2 ** 40, 2 ** 53 - 1) }),
);

export function mutate(seed: Uint8Array<ArrayBuffer>, m: Mutation): Uint8Array<ArrayBuffer> {
  const out = seed.slice();
  switch (m.kind) {
    case 'flip':
      for (const [at, bit] of m.bits) out[at % out.length]! ^= 1 << bit;
      return out;
    case 'truncate':
      return out.slice(0, m.at % out.length);
    case 'overwrite':
      out.set(m.bytes.subarray(0, out.length - (m.at % out.length)), m.at % out.length);
      return out;
    case 'tail': {
      const at = Math.max(0, out.length - m.back);
      out.set(m.bytes.subarray(0, out.length - at), at);
      return out;
    }
    case 'number': {
      const at = m.at % Math.max(1, out.length - 8);
      new DataView(out.buffer).setBigUint64(at, BigInt(m.value), true);
      return out;
    }
  }
}

/** Opcodes with arguments, as a generator of small pickle programs for the restricted unpickler. */
export const text = (s: string) => [...new TextEncoder().encode(s)];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const name = fc.constantFrom(
  ...PROTOTYPE_NAMES,
  'collections',
  'OrderedDict',
  'torch',
  'torch._utils',
  '_rebuild_tensor_v2',
  '_rebuild_parameter',
  'FloatStorage',
  'HalfStorage',
  'LongStorage',
  'storage',
  'cpu',
  'os',
  'system',
  'builtins',
  'eval',
  'torch._tensor',
  '_rebuild_from_type_v2',
  'Tensor',
  '0',
  '1',
);
export const instruction: fc.Arbitrary<number[]> = fc.oneof(
  fc
    .constantFrom(
      0x28,
      0x29,
      0x74,
      0x85,
      0x86,
      0x87,
      0x5d,
      0x61,
      0x65,
      0x7d,
      0x73,
      0x75,
      0x52,
      0x62,
      0x51,
      0x4e,
      0x88,
      0x89,
      0x30,
      0x31,
      0x93,
      0x94,
      0x6c,
      0x64,
    )
    .map((op) => [op]),
  fc.integer({ min: 0, max: 255 }).map((n) => [0x4b, n]),
  fc.integer({ min: 0, max: 0xffff }).map((n) => [0x4d, n & 0xff, n >> 8]),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((n) => [0x4a, ...u32(n)]),
  fc.uint8Array({ maxLength: 12 }).map((b) => [0x8a, b.length, ...b]), // LONG1
  fc.integer({ min: 0, max: 8 }).map((n) => [0x71, n]),
  fc.integer({ min: 0, max: 8 }).map((n) => [0x68, n]),
  name.map((s) => [0x58, ...u32(text(s).length), ...text(s)]),
  name.map((s) => [0x8c, text(s).length, ...text(s)]),
  fc.tuple(name, name).map(([m, n]) => [0x63, ...text(`${m}\n${n}\n`)]),
  fc.uint8Array({ maxLength: 16 }).map((bytes) => [...bytes]), // raw garbage
);

/** Random safetensors headers: dtypes real and not, shapes and offsets negative, fractional, enormous. */
const dim = fc.oneof(fc.nat({ max: 6 }), fc.constantFrom(-1, 0.5, 2 ** 31, 2 ** 53, 1e300));
const entry = fc.record({
  dtype: fc.constantFrom('F32', 'F16', 'BF16', 'I64', 'F64', 'U8', 'C64', 'XX', 7, ...PROTOTYPE_NAMES),
  shape: fc.array(dim, { maxLength: 4 }),
  data_offsets: fc.tuple(fc.oneof(fc.nat({ max: 200 }), dim), fc.oneof(fc.nat({ max: 200 }), dim)),
});
export const safetensorsFile: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc
  .tuple(
    fc.dictionary(fc.constantFrom('stem.reparam_conv.weight', 'head.fc.bias', '__metadata__', 'x', '__proto__', 'constructor'), entry, { maxKeys: 4 }),
    fc.nat({ max: 256 }),
  )
  .map(([header, dataLength]) => {
    const json = new TextEncoder().encode(JSON.stringify(header));
    const bytes = new Uint8Array(8 + json.length + dataLength);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    return bytes;
  });

/** Random bytes, with and without the first bytes of each format. */
export const randomFile: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc
  .tuple(
    fc.constantFrom(
      new Uint8Array(0),
      Uint8Array.of(0x50, 0x4b, 0x03, 0x04),
      Uint8Array.of(0x50, 0x4b, 0x05, 0x06),
      Uint8Array.of(0x20, 0, 0, 0, 0, 0, 0, 0, 0x7b),
      Uint8Array.of(0x80, 0x02),
    ),
    fc.uint8Array({ maxLength: 2048 }),
  )
  .map(([head, tail]) => {
    const bytes = new Uint8Array(head.length + tail.length);
    bytes.set(head);
    bytes.set(tail, head.length);
    return bytes;
  });

/** A data.pkl of up to 40 random instructions. */
export const pickleProgram: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc
  .array(instruction, { maxLength: 40 })
  .map((program) => Uint8Array.from([0x80, 2, ...program.flat(), 0x2e]));
