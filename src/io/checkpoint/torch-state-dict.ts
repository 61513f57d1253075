import { ITEM_SIZE, decodeTensor } from './dtype.ts';
import { CheckpointError, formatName } from './errors.ts';
import { type TensorRecord, gatherStrided, isContiguous } from './file.ts';
import { type PyDict, type PyValue, typeName } from './pickle.ts';
import { type StorageRef, type TensorRef, isTensorRef } from './torch-pickle.ts';

/**
 * What both torch.save formats (zip, and the legacy one before PyTorch 1.6) share once their
 * pickle is read: finding the state dict in the pickled object, and turning each tensor view into
 * a TensorRecord, given a way to read elements of its storage.
 */

/** Wrappers under which training scripts store the state dict, as the official tools accept them. */
const WRAPPER_KEYS = ['state_dict', 'model', 'model_state_dict'];

/**
 * The state dict inside the pickled object: the object itself when it maps names to tensors,
 * else the dict under one of WRAPPER_KEYS (training checkpoints: {'model': ..., 'epoch': 90}).
 * Returns its string-keyed tensors, in order.
 */
export function findStateDict(root: PyValue): { tensors: Map<string, TensorRef>; wrapper: string | null } {
  const asDict = (v: PyValue | undefined): PyDict | null => (v != null && typeof v === 'object' && 'kind' in v && v.kind === 'dict' ? v : null);
  const hasTensors = (d: PyDict) => [...d.entries.values()].some(isTensorRef);
  const tensorsOf = (d: PyDict) => {
    const tensors = new Map<string, TensorRef>();
    for (const [key, value] of d.entries) if (typeof key === 'string' && isTensorRef(value)) tensors.set(key, value.value);
    return tensors;
  };
  const dict = asDict(root);
  if (!dict) throw new CheckpointError('not-a-checkpoint', `the checkpoint holds a ${typeName(root)}, not a dict of tensors (a state dict)`);
  if (hasTensors(dict)) return { tensors: tensorsOf(dict), wrapper: null };
  for (const key of WRAPPER_KEYS) {
    const inner = asDict(dict.entries.get(key));
    if (inner && hasTensors(inner)) return { tensors: tensorsOf(inner), wrapper: key };
  }
  const keys = [...dict.entries.keys()]
    .slice(0, 8)
    .map((k) => formatName(String(k)))
    .join(', ');
  throw new CheckpointError(
    'not-a-checkpoint',
    `the checkpoint is a dict without weights: no tensors at the top level or under ${WRAPPER_KEYS.map((k) => `'${k}'`).join(', ')} (its keys: ${keys || 'none'})`,
  );
}

/** Reads elements [first, first + count) of a storage as raw bytes. */
export type StorageElements = (storage: StorageRef, first: number, count: number, signal?: AbortSignal) => Promise<Uint8Array>;

/**
 * A tensor view as a TensorRecord: contiguous views are read as one byte range; others (a
 * transpose saved as a view) read the range from their first to their last element and gather.
 */
export function torchTensorRecord(key: string, ref: TensorRef, readElements: StorageElements, bigEndian: boolean): TensorRecord {
  const { storage, shape, stride, offset } = ref;
  const itemSize = ITEM_SIZE[storage.dtype];
  const numel = shape.reduce((a, b) => a * b, 1);
  const contiguous = isContiguous(shape, stride);
  // Elements from the view's first to its last, which is what has to be read.
  const extent = numel === 0 ? 0 : 1 + shape.reduce((sum, dim, axis) => sum + (dim - 1) * stride[axis]!, 0);
  return {
    dtype: storage.dtype,
    shape,
    byteLength: (contiguous ? numel : extent) * itemSize,
    read: async (signal) => {
      const bytes = await readElements(storage, offset, contiguous ? numel : extent, signal);
      const dense = contiguous ? bytes : gatherStrided(bytes, itemSize, shape, stride);
      return decodeTensor(dense, storage.dtype, numel, `tensor ${formatName(key)}`, bigEndian);
    },
  };
}
