import type { DType } from './dtype.ts';
import { CheckpointError, formatCount, formatName, formatShape } from './errors.ts';
import { type PickleHost, type PyTuple, type PyValue, describeValue, typeName, unpickle } from './pickle.ts';

/**
 * The allowlist for torch.save's pickle: what a state dict (or a dict wrapping one) needs and
 * nothing more, as in PyTorch's own weights_only unpickler. Storages and tensors are built as
 * references (which zip entry, which elements); no tensor bytes are read here.
 */

/** One storage of the archive: the entry `<archive>/data/<key>` holds `numel` elements of `dtype`. */
export interface StorageRef {
  readonly type: 'storage';
  readonly key: string;
  readonly dtype: DType;
  readonly numel: number;
}

/** A tensor as torch.save describes it: a strided view into a storage. */
export interface TensorRef {
  readonly type: 'tensor';
  readonly storage: StorageRef;
  /** In elements, like the strides. */
  readonly offset: number;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
}

/** A Map, not an object literal: `constructor` or `__proto__` must not pass for a storage type. */
const STORAGE_TYPES: ReadonlyMap<string, DType> = new Map([
  ['FloatStorage', 'float32'],
  ['HalfStorage', 'float16'],
  ['BFloat16Storage', 'bfloat16'],
  ['DoubleStorage', 'float64'],
  ['LongStorage', 'int64'],
  ['IntStorage', 'int32'],
  ['ShortStorage', 'int16'],
  ['CharStorage', 'int8'],
  ['ByteStorage', 'uint8'],
  ['BoolStorage', 'bool'],
]);

/** Callables the host implements, by their Python names. */
const CALLABLES = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch._tensor._rebuild_from_type_v2',
]);
/** Classes that may appear only as markers (the type a tensor is rebuilt as). */
const TENSOR_TYPES = new Set(['torch._tensor.Tensor', 'torch.Tensor', 'torch.nn.parameter.Parameter']);

const MAX_DIMS = 32;
/**
 * _rebuild_from_type_v2(func, type, args, state) calls func(*args): torch.save nests it once
 * (a Parameter or Tensor subclass around _rebuild_tensor_v2). Deeper nesting is no real file.
 */
const MAX_REBUILD_NESTING = 4;

const hosted = (value: StorageRef | TensorRef): PyValue => ({ kind: 'hosted', value });

export function isTensorRef(value: PyValue | undefined): value is { kind: 'hosted'; value: TensorRef } {
  return value != null && typeof value === 'object' && 'kind' in value && value.kind === 'hosted' && (value.value as TensorRef).type === 'tensor';
}

function isTuple(value: PyValue | undefined): value is PyTuple {
  return value != null && typeof value === 'object' && 'kind' in value && value.kind === 'tuple';
}

/** Modules whose functions run code or touch the system: named in the message as the danger they are. */
const DANGEROUS = /^(os|posix|nt|subprocess|sys|shutil|socket|importlib|runpy|pickle|marshal|ctypes|webbrowser|code|pty|builtins|__builtin__)$/;

function refuseGlobal(module: string, name: string): never {
  const full = formatName(`${module}.${name}`);
  const advice = DANGEROUS.test(module.split('.')[0]!)
    ? 'This is how a malicious checkpoint runs code: do not open it in Python with weights_only=False unless you trust its source.'
    : 'The file stores more than weights (a whole model object, training arguments, NumPy values...). If you trust its source, ' +
      "keep only the weights in Python: ckpt = torch.load(f, weights_only=False); torch.save(ckpt.get('model', ckpt), 'weights.pth').";
  throw new CheckpointError(
    'forbidden',
    `the checkpoint asks for ${full}, which a state dict never needs, so it was refused (nothing in the file was run). ${advice}`,
  );
}

function nonNegativeInt(value: PyValue | undefined, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new CheckpointError('corrupt', `${what} should be a non-negative integer, found ${describeValue(value)}`);
  }
  return value;
}

function intTuple(value: PyValue | undefined, what: string): number[] {
  if (!isTuple(value) || value.items.length > MAX_DIMS) throw new CheckpointError('corrupt', `${what} should be a tuple of at most ${MAX_DIMS} integers`);
  return value.items.map((item, i) => nonNegativeInt(item, `${what}[${i}]`));
}

function storageOf(value: PyValue | undefined): StorageRef {
  const storage = value != null && typeof value === 'object' && 'kind' in value && value.kind === 'hosted' ? (value.value as StorageRef) : undefined;
  if (storage?.type !== 'storage') throw new CheckpointError('corrupt', 'a tensor is rebuilt from something that is not a storage');
  return storage;
}

/**
 * _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]):
 * check that every element the view can reach lies inside the storage, so reading it later can
 * never go past the storage's bytes.
 */
function rebuildTensor(args: readonly PyValue[]): PyValue {
  const storage = storageOf(args[0]);
  const offset = nonNegativeInt(args[1], 'a tensor offset');
  const shape = intTuple(args[2], 'a tensor size');
  const stride = intTuple(args[3], 'a tensor stride');
  if (shape.length !== stride.length) throw new CheckpointError('corrupt', `a tensor has size ${formatShape(shape)} but stride ${formatShape(stride)}`);
  // Exact (BigInt): shapes from a hostile file overflow doubles, and a message must not say NaN.
  let numel = 1n;
  let last = BigInt(offset);
  for (let axis = 0; axis < shape.length; axis++) {
    numel *= BigInt(shape[axis]!);
    last += BigInt(shape[axis]! - 1) * BigInt(stride[axis]!);
  }
  if (numel > 0n && !(last < BigInt(storage.numel))) {
    throw new CheckpointError(
      'corrupt',
      `a tensor of size ${formatShape(shape)} (${formatCount(numel)} elements, the last at element ${formatCount(last)}) reaches past the end of its storage (${formatCount(storage.numel)} elements)`,
    );
  }
  // A view with zero strides (an expanded tensor) can repeat one stored element a billion times;
  // a state dict never holds one, and refusing it keeps every tensor no bigger than the file.
  if (numel > BigInt(storage.numel)) {
    throw new CheckpointError(
      'unsupported',
      `a tensor of size ${formatShape(shape)} repeats elements of its storage (${formatCount(storage.numel)} elements); state dicts do not hold expanded tensors`,
    );
  }
  return hosted({ type: 'tensor', storage, offset, shape, stride });
}

function globalName(value: PyValue): string {
  return value !== null && typeof value === 'object' && 'kind' in value && value.kind === 'global' ? `${value.module}.${value.name}` : '';
}

/** One call of an allowed function other than _rebuild_from_type_v2 (which torchHost.call unwraps). */
function callOnce(name: string, callable: PyValue, items: readonly PyValue[]): PyValue {
  switch (name) {
    case 'collections.OrderedDict':
      if (items.length) throw new CheckpointError('forbidden', 'collections.OrderedDict is called with arguments; torch.save never does that');
      return { kind: 'dict', entries: new Map(), ordered: true };
    case 'torch._utils._rebuild_tensor':
    case 'torch._utils._rebuild_tensor_v2':
      return rebuildTensor(items);
    case 'torch._utils._rebuild_parameter':
    case 'torch._utils._rebuild_parameter_with_state':
      if (!isTensorRef(items[0])) throw new CheckpointError('corrupt', 'a Parameter is rebuilt from something that is not a tensor');
      return items[0];
    default:
      throw new CheckpointError(
        'forbidden',
        `the checkpoint calls ${name ? formatName(name) : `a ${formatName(typeName(callable))}`}, which a state dict never needs, so it was refused (nothing in the file was run)`,
      );
  }
}

export const torchHost: PickleHost = {
  global(module, name) {
    const full = `${module}.${name}`;
    if (module === 'torch' && STORAGE_TYPES.has(name)) return { kind: 'global', module, name };
    if (CALLABLES.has(full) || TENSOR_TYPES.has(full)) return { kind: 'global', module, name };
    return refuseGlobal(module, name);
  },

  call(callable, args) {
    // _rebuild_from_type_v2 is unwrapped in a loop, never by recursion: a file nesting it 10,000
    // levels deep gets a CheckpointError, not a stack overflow.
    for (let nesting = 0; ; nesting++) {
      const name = globalName(callable);
      if (name !== 'torch._tensor._rebuild_from_type_v2') return callOnce(name, callable, args.items);
      const items = args.items;
      const type = items[1];
      const typeOk = type != null && typeof type === 'object' && 'kind' in type && type.kind === 'global' && TENSOR_TYPES.has(`${type.module}.${type.name}`);
      if (!typeOk || !isTuple(items[2])) throw new CheckpointError('forbidden', 'a tensor is rebuilt as a type other than torch.Tensor or Parameter');
      if (nesting >= MAX_REBUILD_NESTING) {
        throw new CheckpointError(
          'corrupt',
          `a tensor is rebuilt through more than ${MAX_REBUILD_NESTING} nested _rebuild_from_type_v2 calls; torch.save nests one`,
        );
      }
      callable = items[0] ?? null;
      args = items[2];
    }
  },

  build(target, state) {
    // OrderedDict.__reduce__ pickles the dict's attributes (state_dict()'s `_metadata`, the
    // modules' versions) as BUILD state: ignored, the weights are in the items.
    if (
      target !== null &&
      typeof target === 'object' &&
      'kind' in target &&
      target.kind === 'dict' &&
      (state === null || (typeof state === 'object' && 'kind' in state && state.kind === 'dict'))
    ) {
      return target;
    }
    throw new CheckpointError('forbidden', `the checkpoint sets the state of a ${formatName(typeName(target))}; a state dict never does that`);
  },

  persistentLoad(pid) {
    // torch.save: ('storage', <torch.FloatStorage>, key, location, numel); the legacy format adds
    // view metadata, None unless the storage is a view of another (never, since PyTorch 0.4).
    const items = isTuple(pid) ? pid.items : [];
    const [tag, type, key, , numel, view] = items;
    const dtype =
      type !== null && typeof type === 'object' && 'kind' in type && type.kind === 'global' && type.module === 'torch'
        ? STORAGE_TYPES.get(type.name)
        : undefined;
    const shapeOk = items.length === 5 || (items.length === 6 && view === null);
    if (!shapeOk || tag !== 'storage' || !dtype || typeof key !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(key)) {
      throw new CheckpointError('corrupt', 'a storage reference in the pickle is not one torch.save writes');
    }
    return hosted({ type: 'storage', key, dtype, numel: nonNegativeInt(numel, `storage ${key}'s size`) });
  },
};

/** Unpickle torch.save's data.pkl with the allowlist above. */
export function unpickleTorch(data: Uint8Array, what = 'data.pkl'): PyValue {
  return unpickle(data, torchHost, what);
}
