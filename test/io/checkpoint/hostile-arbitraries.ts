import fc from 'fast-check';
import type { RepVGGSpec } from '../../../src/core/family.ts';
import {
  MICRO,
  PROTOTYPE_NAMES,
  PickleProgram,
  type TensorSpec,
  contiguous,
  floatEntries,
  plainPth,
  safetensorsBytes,
  stateDictPickle,
  torchZip,
} from './hostile-files.ts';

/**
 * fast-check generators for each class of hostile checkpoint in issue 13: deep nesting, prototype
 * names, long keys, large and deep safetensors headers, shared deflated storages, huge shapes.
 * Each case is a file to read whole (`file`) or a data.pkl for the unpickler alone (`pickle`);
 * its toString names its parameters, so a counterexample reads as a sentence.
 */
export interface HostileCase {
  readonly family: string;
  readonly target: 'file' | 'pickle';
  make(): Promise<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer>;
}

function hostileCase(
  family: string,
  target: 'file' | 'pickle',
  params: object,
  make: () => Promise<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer>,
): HostileCase {
  const shown = JSON.stringify(params, (_, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 60)}… (${v.length})` : v));
  return { family, target, make, toString: () => `${family} ${shown}` } as HostileCase;
}

const numelOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const storage4 = () => new Map([['0', new Uint8Array(16)]]);
const KEY = 'stage0.rbr_reparam.weight';
const TENSOR: TensorSpec = { storage: '0', storageNumel: 4, shape: [4] };

/** A depth that is small (as real files) or thousands deep (as hostile ones). */
const depth = fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 100, max: 20_000 }));

function nestedPickle(shape: string, d: number): Uint8Array<ArrayBuffer> {
  const p = new PickleProgram().op(0x7d).str(KEY);
  switch (shape) {
    case 'rebuild':
      return stateDictPickle([[KEY, TENSOR]], d);
    case 'list': // [[[…]]]
      p.repeat(0x5d, d).repeat(0x61, d - 1);
      break;
    case 'tuple': // ((((),),),)
      p.repeat(0x28, d).repeat(0x74, d);
      break;
    case 'dict': // {'k': {'k': …}}
      for (let i = 0; i < d; i++) p.op(0x7d).str('k');
      p.op(0x7d).repeat(0x73, d);
      break;
    case 'marks': // MARK after MARK, never closed
      p.repeat(0x28, d);
      break;
    case 'cycle': // a list that holds itself, d times over
      p.op(0x5d, 0x71, 0);
      for (let i = 0; i < d; i++) p.op(0x68, 0, 0x61);
      break;
    case 'tensor-in-list': // the tensor itself at the bottom of d lists
      p.repeat(0x5d, d).tensor(TENSOR).repeat(0x61, d);
      break;
  }
  return p.op(0x73).finish();
}

export const deepNesting: fc.Arbitrary<HostileCase> = fc
  .record({ shape: fc.constantFrom('rebuild', 'list', 'tuple', 'dict', 'marks', 'cycle', 'tensor-in-list'), depth, inZip: fc.boolean() })
  .map((params) =>
    hostileCase('deep nesting', params.inZip ? 'file' : 'pickle', params, () => {
      const pickle = nestedPickle(params.shape, params.depth);
      return params.inZip ? torchZip(pickle, storage4()) : pickle;
    }),
  );

const prototypeName = fc.constantFrom(...PROTOTYPE_NAMES, 'prototype', 'length', 'name', '__proto__.x', 'constructor.name');

export const prototypeNames: fc.Arbitrary<HostileCase> = fc
  .record({
    name: prototypeName,
    place: fc.constantFrom(
      'storage-type',
      'storage-module',
      'global-module',
      'global-name',
      'dtype',
      'key',
      'key-prefix',
      'wrapper',
      'storage-key',
      'safetensors-key',
      'metadata',
    ),
  })
  .map((params) =>
    hostileCase('prototype names', 'file', params, () => {
      const { name, place } = params;
      const storageKey = /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : '0';
      switch (place) {
        case 'storage-type':
          return torchZip(stateDictPickle([[KEY, { ...TENSOR, storageType: name }]]), storage4());
        case 'storage-module':
          return torchZip(stateDictPickle([[KEY, { ...TENSOR, storageModule: name, storageType: 'FloatStorage' }]]), storage4());
        case 'global-module':
          return torchZip(new PickleProgram().global(name, 'OrderedDict').op(0x29, 0x52).finish(), storage4());
        case 'global-name':
          return torchZip(
            new PickleProgram().op(0x7d).str(KEY).global('torch._utils', name).op(0x28).storage('0', 4).op(0x74, 0x52, 0x73).finish(),
            storage4(),
          );
        case 'dtype':
          return safetensorsBytes({ 'stem.reparam_conv.weight': { dtype: name, shape: [4], data_offsets: [0, 16] } }, 16);
        case 'key':
          return torchZip(stateDictPickle([[name, TENSOR]]), storage4());
        case 'key-prefix':
          return plainPth(MICRO, 'deploy', (k) => `${name}.${k}`);
        case 'wrapper': {
          const p = new PickleProgram().op(0x7d).str(name).op(0x7d).str(KEY).tensor(TENSOR).op(0x73, 0x73);
          return torchZip(p.finish(), storage4());
        }
        case 'storage-key':
          return torchZip(stateDictPickle([[KEY, { ...TENSOR, storage: storageKey }]]), new Map([[storageKey, new Uint8Array(16)]]));
        case 'safetensors-key':
          return safetensorsBytes(`{${JSON.stringify(name)}:{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}`, 16);
        default: // metadata
          return safetensorsBytes(`{"__metadata__":{${JSON.stringify(name)}:"x"},${JSON.stringify(name)}:{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, 4);
      }
    }),
  );

export const longKeys: fc.Arbitrary<HostileCase> = fc
  .record({
    piece: fc.constantFrom('module.', '_orig_mod.', 'module._orig_mod.', 'a', 'stage0.', '.', 'modul'),
    repeat: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1_000, max: 40_000 })),
    suffix: fc.constantFrom('', 'stem.reparam_conv.weight', 'stage0.rbr_reparam.weight', 'module.'),
    format: fc.constantFrom('safetensors', 'pth', 'whole-model'),
  })
  .map((params) =>
    hostileCase('long keys', 'file', params, () => {
      const key = params.piece.repeat(params.repeat) + params.suffix;
      if (params.format === 'safetensors')
        return safetensorsBytes(
          { [key]: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, 'stem.reparam_conv.bias': { dtype: 'F32', shape: [1], data_offsets: [4, 8] } },
          8,
        );
      if (params.format === 'pth') return torchZip(stateDictPickle([[key, TENSOR]]), storage4());
      const prefix = params.piece.repeat(Math.min(params.repeat, 4_000));
      return plainPth(MICRO, 'deploy', (k) => prefix + k);
    }),
  );

function headerText(shape: string, n: number, where: string): string {
  let value: string;
  switch (shape) {
    case 'arrays':
      value = '['.repeat(n) + ']'.repeat(n);
      break;
    case 'objects':
      value = `${'{"a":'.repeat(n)}0${'}'.repeat(n)}`;
      break;
    case 'mixed':
      value = `${'[{"a":'.repeat(n)}0${'}]'.repeat(n)}`;
      break;
    case 'wide-array':
      value = `[${'0,'.repeat(n)}0]`;
      break;
    case 'wide-object':
      value = `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`;
      break;
    default:
      value = JSON.stringify(`[{"\\${'x'.repeat(n)}`);
      break; // brackets, quotes and escapes inside one string
  }
  if (where === '__metadata__') return `{"__metadata__":${value}}`;
  if (where === 'shape') return `{"stem.reparam_conv.weight":{"dtype":"F32","shape":${value},"data_offsets":[0,4]}}`;
  if (where === 'data_offsets') return `{"stem.reparam_conv.weight":{"dtype":"F32","shape":[1],"data_offsets":${value}}}`;
  return `{"stem.reparam_conv.weight":${value}}`;
}

export const largeHeaders: fc.Arbitrary<HostileCase> = fc
  .record({
    shape: fc.constantFrom('arrays', 'objects', 'mixed', 'wide-array', 'wide-object', 'string'),
    n: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1_000, max: 300_000 })),
    where: fc.constantFrom('__metadata__', 'shape', 'data_offsets', 'entry'),
    declared: fc.constantFrom('exact', 'exact', 'one-less', 'one-more', '2^32', '2^53', '2^64-1'),
  })
  .map((params) =>
    hostileCase('large headers', 'file', params, () => {
      const bytes = safetensorsBytes(headerText(params.shape, params.n, params.where), 4);
      const view = new DataView(bytes.buffer);
      const exact = view.getBigUint64(0, true);
      const declared = { exact, 'one-less': exact - 1n, 'one-more': exact + 1n, '2^32': 2n ** 32n, '2^53': 2n ** 53n, '2^64-1': 2n ** 64n - 1n }[
        params.declared
      ]!;
      view.setBigUint64(0, declared, true);
      return bytes;
    }),
  );

/** Small RepVGGs whose largest tensor is at most a few MB, so a case builds in milliseconds. */
const smallSpec: fc.Arbitrary<RepVGGSpec> = fc
  .record({ a: fc.constantFrom(1 / 32, 0.25, 0.5), b: fc.constantFrom(1 / 256, 0.125, 0.25), deep: fc.boolean() })
  .map(({ a, b, deep }) => ({ ...MICRO, depths: deep ? [1, 2, 4, 6, 1] : MICRO.depths, widthMultiplier: [a, b] as [number, number] }));

export const sharedStorages: fc.Arbitrary<HostileCase> = fc
  .record({
    spec: smallSpec,
    form: fc.constantFrom('train', 'deploy'),
    /** Elements past the largest tensor: none, a few, about the slack, well past it. */
    extra: fc.constantFrom(0, 0, 1_000, 2 ** 18 + 1_000),
    deflate: fc.boolean(),
    /** Which tensors share storage 0: all, every other one, or just the kernels. */
    sharing: fc.constantFrom('all', 'alternate', 'kernels'),
    offset: fc.constantFrom(0, 0, 1, 7),
  })
  .map((params) =>
    hostileCase('shared deflated storages', 'file', params, async () => {
      const entries = floatEntries(params.spec, params.form as 'train' | 'deploy');
      const shared = (i: number, key: string) =>
        params.sharing === 'all' || (params.sharing === 'alternate' ? i % 2 === 0 : key.endsWith('conv.weight') || key.endsWith('reparam.weight'));
      const sharedNumel = Math.max(...entries.map((e) => numelOf(e.shape))) + params.offset + params.extra;
      const storages = new Map<string, Uint8Array>([['0', new Uint8Array(sharedNumel * 4)]]);
      const tensors = entries.map((e, i): [string, TensorSpec] => {
        if (shared(i, e.key)) return [e.key, { storage: '0', storageNumel: sharedNumel, offset: params.offset, shape: e.shape }];
        storages.set(String(i + 1), new Uint8Array(numelOf(e.shape) * 4));
        return [e.key, { storage: String(i + 1), storageNumel: numelOf(e.shape), shape: e.shape }];
      });
      return torchZip(stateDictPickle(tensors), storages, { deflate: params.deflate });
    }),
  );

const hugeDim = fc.constantFrom(0, 1, 3, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 1, 2 ** 53 - 1);

export const hugeShapes: fc.Arbitrary<HostileCase> = fc
  .record({
    shape: fc.array(hugeDim, { minLength: 0, maxLength: 33 }),
    format: fc.constantFrom('safetensors', 'pth', 'pth-contiguous'),
    end: fc.constantFrom(0, 4, 2 ** 53 - 1),
  })
  .map((params) =>
    hostileCase('huge shapes', 'file', params, () => {
      if (params.format === 'safetensors')
        return safetensorsBytes({ 'stem.reparam_conv.weight': { dtype: 'F32', shape: params.shape, data_offsets: [0, params.end] } }, Math.min(params.end, 4));
      const stride = params.format === 'pth' ? params.shape.map(() => 1) : contiguous(params.shape);
      return torchZip(stateDictPickle([[KEY, { storage: '0', storageNumel: params.end, shape: params.shape, stride }]]), storage4());
    }),
  );

/** Every class, for the long run. */
export const HOSTILE_FAMILIES: readonly (readonly [name: string, arbitrary: fc.Arbitrary<HostileCase>])[] = [
  ['deep nesting', deepNesting],
  ['prototype names', prototypeNames],
  ['long keys', longKeys],
  ['large headers', largeHeaders],
  ['shared deflated storages', sharedStorages],
  ['huge shapes', hugeShapes],
];
