import { ITEM_SIZE } from './dtype.ts';
import { CheckpointError, formatCount, formatName, guardRead, throwIfCancelled } from './errors.ts';
import { type ByteSource, type CheckpointFile, type TensorRecord, readRange } from './file.ts';
import { type PickleHost, type PyHosted, type PyValue, describeValue, unpickleAt } from './pickle.ts';
import { type StorageRef, torchHost } from './torch-pickle.ts';
import { findStateDict, torchTensorRecord } from './torch-state-dict.ts';
import { formatBytes } from '../bytes.ts';

/**
 * torch.save's format before PyTorch 1.6 (still written with _use_new_zipfile_serialization=False):
 * five pickles in a row, then the storages back to back.
 *   1. the magic number 0x1950a86a20f9469cfc6c   2. the protocol version 1001
 *   3. {'protocol_version', 'little_endian', 'type_sizes'}
 *   4. the object, storages as persistent ids ('storage', type, key, location, numel, None)
 *   5. the storage keys, in the order their data follows
 * then for each key: its element count (int64) and its elements.
 */

/** The pickles come first; a state dict's are small, so this much of the file holds them. */
const FIRST_READ = 4 * 2 ** 20;
const MAX_PICKLES = 64 * 2 ** 20;
const MAGIC = 0x1950a86a20f9469cfc6cn;
/** Storages a legacy file may list: each costs a read of its size, and a state dict has hundreds. */
const MAX_STORAGES = 65_536;

/** The header pickles hold only numbers, strings, lists and dicts: no globals at all. */
const plainHost: PickleHost = {
  global: (module, name) => {
    throw new CheckpointError(
      'forbidden',
      `the checkpoint's header asks for ${module}.${name}, which it never needs, so it was refused (nothing in the file was run)`,
    );
  },
  call: () => {
    throw new CheckpointError('corrupt', 'the legacy header calls a function');
  },
  build: () => {
    throw new CheckpointError('corrupt', 'the legacy header builds an object');
  },
  persistentLoad: () => {
    throw new CheckpointError('corrupt', 'the legacy header refers to a storage');
  },
};

export function openLegacyPth(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFile> {
  return guardRead(() => openLegacy(blob, signal), signal);
}

async function openLegacy(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFile> {
  let head = await readRange(blob, 0, Math.min(blob.size, FIRST_READ), 'the start of the file', signal);
  // Every storage the pickle mentions (the state dict's and any other, e.g. an optimizer's):
  // their sizes are needed to find where each storage's bytes begin.
  const storages = new Map<string, StorageRef>();
  const host: PickleHost = {
    ...torchHost,
    persistentLoad(pid) {
      const value = torchHost.persistentLoad(pid) as PyHosted;
      const storage = value.value as StorageRef;
      const known = storages.get(storage.key);
      if (known && (known.dtype !== storage.dtype || known.numel !== storage.numel))
        throw new CheckpointError('corrupt', `storage ${storage.key} is described twice, differently`);
      storages.set(storage.key, storage);
      return value;
    },
  };
  let pickles: ReturnType<typeof readPickles>;
  for (;;) {
    try {
      storages.clear();
      pickles = readPickles(head, host);
      break;
    } catch (error) {
      // The pickles run past the first read: read more, up to a bound, then give up.
      const more = error instanceof CheckpointError && error.code === 'truncated' && head.length < Math.min(blob.size, MAX_PICKLES);
      if (!more) throw error;
      head = await readRange(blob, 0, Math.min(blob.size, MAX_PICKLES), 'the pickles at the start of the file', signal);
    }
  }
  const { object, keys, littleEndian, end } = pickles;
  const found = findStateDict(object);

  // Storages follow in the order of `keys`, each as an int64 count and then its elements.
  const starts = new Map<string, number>();
  if (keys.length > MAX_STORAGES) {
    throw new CheckpointError(
      'unsupported',
      `the legacy checkpoint lists ${formatCount(keys.length)} storages; a state dict has hundreds, and this reader stops at ${formatCount(MAX_STORAGES)}`,
    );
  }
  let at = end;
  for (const key of keys) {
    if (starts.has(key)) throw new CheckpointError('corrupt', `the legacy checkpoint lists storage ${formatName(key)} twice; torch.save lists each once`);
    throwIfCancelled(signal);
    const storage = storages.get(key);
    if (!storage) throw new CheckpointError('corrupt', `the legacy checkpoint lists storage ${formatName(key)}, which nothing in it uses`);
    const count = new DataView((await readRange(blob, at, 8, `the size of storage ${formatName(key)}`, signal)).buffer).getBigInt64(0, littleEndian);
    if (count !== BigInt(storage.numel))
      throw new CheckpointError('corrupt', `storage ${key} should hold ${formatCount(storage.numel)} values but says ${formatCount(count)}`);
    starts.set(key, at + 8);
    at += 8 + storage.numel * ITEM_SIZE[storage.dtype];
    if (!(at <= blob.size))
      throw new CheckpointError('truncated', `storage ${key} ends past the end of the file (${formatBytes(blob.size)}): the file was probably cut short`);
  }

  const tensors = new Map<string, TensorRecord>();
  for (const [key, ref] of found.tensors) {
    const start = starts.get(ref.storage.key);
    if (start === undefined)
      throw new CheckpointError('corrupt', `tensor ${formatName(key)} refers to storage ${ref.storage.key}, which the file does not hold`);
    const read = (storage: StorageRef, first: number, count: number, readSignal?: AbortSignal) =>
      readRange(blob, start + first * ITEM_SIZE[storage.dtype], count * ITEM_SIZE[storage.dtype], `storage ${storage.key}`, readSignal);
    tensors.set(key, torchTensorRecord(key, ref, read, !littleEndian));
  }
  return { format: 'pth-legacy', tensors, wrapper: found.wrapper };
}

function readPickles(head: Uint8Array, host: PickleHost): { object: PyValue; keys: string[]; littleEndian: boolean; end: number } {
  const magic = unpickleAt(head, 0, plainHost, 'the legacy magic number');
  if (magic.value !== MAGIC) throw new CheckpointError('corrupt', 'the legacy checkpoint has a wrong magic number');
  const version = unpickleAt(head, magic.end, plainHost, 'the legacy protocol version');
  if (version.value !== 1001)
    throw new CheckpointError('unsupported', `the legacy checkpoint's protocol version should be 1001, found ${describeValue(version.value)}`);
  const info = unpickleAt(head, version.end, plainHost, 'the legacy system information');
  const little =
    info.value !== null && typeof info.value === 'object' && 'kind' in info.value && info.value.kind === 'dict'
      ? info.value.entries.get('little_endian')
      : undefined;
  if (typeof little !== 'boolean') throw new CheckpointError('corrupt', 'the legacy system information does not say the byte order');
  const object = unpickleAt(head, info.end, host, 'the legacy pickle');
  const keyList = unpickleAt(head, object.end, plainHost, 'the legacy storage list');
  const items =
    keyList.value !== null && typeof keyList.value === 'object' && 'kind' in keyList.value && keyList.value.kind === 'list' ? keyList.value.items : null;
  if (!items?.every((k): k is string => typeof k === 'string')) throw new CheckpointError('corrupt', 'the legacy storage list is not a list of keys');
  return { object: object.value, keys: items, littleEndian: little, end: keyList.end };
}
