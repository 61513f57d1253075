import { BlobReader, type Entry, type FileEntry, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { ITEM_SIZE } from './dtype.ts';
import { CheckpointError, formatBytes, throwIfCancelled } from './errors.ts';
import { type CheckpointFile, type TensorRecord, readRange } from './file.ts';
import { type StorageRef, unpickleTorch } from './torch-pickle.ts';
import { findStateDict, torchTensorRecord } from './torch-state-dict.ts';

/**
 * PyTorch's .pth as torch.save writes it (PyTorch ≥ 1.6): a zip archive holding
 *   <archive>/data.pkl     the pickled object, storages replaced by persistent ids
 *   <archive>/data/<key>   one entry per storage, raw little-endian elements, stored uncompressed
 *   <archive>/version, <archive>/byteorder (newer versions)
 * zip.js reads the central directory (and zip64, and validates each local header); storage bytes
 * of stored entries are then read straight from the file by slicing, tensor by tensor.
 */

/** A state dict's data.pkl is a few hundred KiB; anything far bigger is not one. */
const MAX_PICKLE_BYTES = 64 * 2 ** 20;
/** Deflate expands at most ~1032:1, which bounds what a compressed entry can honestly declare. */
const MAX_DEFLATE_RATIO = 1032;

type ZipFile = FileEntry;

/** zip.js throws plain Errors; say what they mean for a checkpoint. */
function zipError(error: unknown, blob: Blob): CheckpointError {
  if (error instanceof CheckpointError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/End of central directory not found|Central directory header not found/i.test(message)) {
    return new CheckpointError('truncated', `the file starts like a PyTorch checkpoint (a zip archive) but its end is missing or damaged (${formatBytes(blob.size)}): it was probably cut short by an interrupted download or copy`);
  }
  if (/aborted/i.test(message)) return new CheckpointError('cancelled', 'reading the checkpoint was cancelled');
  if (/encrypted/i.test(message)) return new CheckpointError('unsupported', 'the zip archive is encrypted; torch.save never encrypts');
  return new CheckpointError('corrupt', `the checkpoint's zip structure is damaged (${message})`);
}

async function zipCall<T>(blob: Blob, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw zipError(error, blob);
  }
}

export async function openPth(blob: Blob, signal?: AbortSignal): Promise<CheckpointFile> {
  const zip = new ZipReader(new BlobReader(blob), { useWebWorkers: false, signal });
  const entries = await zipCall(blob, () => zip.getEntries());
  throwIfCancelled(signal);
  const files = new Map(entries.filter((e: Entry): e is ZipFile => !e.directory).map((e) => [e.filename, e]));
  const pickles = [...files.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) throw notATorchZip(files, pickles.length);
  const prefix = pickles[0]!.slice(0, -'data.pkl'.length);
  if (files.has(`${prefix}constants.pkl`) || [...files.keys()].some((n) => n.startsWith(`${prefix}code/`))) {
    throw new CheckpointError('unsupported', 'this is a TorchScript model (torch.jit.save), not a state dict; save the weights with torch.save(model.state_dict(), path) instead');
  }

  const bigEndian = await readByteOrder(blob, files.get(`${prefix}byteorder`), signal);
  const pickle = files.get(pickles[0]!)!;
  if (pickle.uncompressedSize > MAX_PICKLE_BYTES) {
    throw new CheckpointError('unsupported', `data.pkl is ${formatBytes(pickle.uncompressedSize)}; a state dict's is a few hundred KiB, so this holds something else`);
  }
  const pickleBytes = await zipCall(blob, () => pickle.getData(new Uint8ArrayWriter(), { signal, checkCrc32: true }));
  const found = findStateDict(unpickleTorch(pickleBytes));

  const tensors = new Map<string, TensorRecord>();
  const storages = new StorageReader(blob, files, prefix);
  for (const [key, ref] of found.tensors) {
    storages.check(key, ref.storage);
    tensors.set(key, torchTensorRecord(key, ref, (storage, first, count, readSignal) => storages.read(storage, first, count, readSignal), bigEndian));
  }
  return { format: 'pth', tensors, wrapper: found.wrapper };
}

function notATorchZip(files: Map<string, ZipFile>, pickles: number): CheckpointError {
  if (pickles > 1) return new CheckpointError('corrupt', 'the zip archive holds several data.pkl files; torch.save writes exactly one');
  const names = [...files.keys()];
  const sample = names.slice(0, 3).join(', ') + (names.length > 3 ? `, … (${names.length} files)` : '');
  return new CheckpointError('not-a-checkpoint', `this is a zip archive, but not a PyTorch checkpoint: it has no <name>/data.pkl (it holds ${sample || 'nothing'})`);
}

async function readByteOrder(blob: Blob, entry: ZipFile | undefined, signal?: AbortSignal): Promise<boolean> {
  if (!entry) return false; // PyTorch before 2.1 wrote no byteorder record and only little-endian
  if (entry.uncompressedSize > 16) throw new CheckpointError('corrupt', 'the byteorder record is not "little" or "big"');
  const order = new TextDecoder().decode(await zipCall(blob, () => entry.getData(new Uint8ArrayWriter(), { signal })));
  if (order !== 'little' && order !== 'big') throw new CheckpointError('corrupt', `the byteorder record says "${order.slice(0, 16)}", not "little" or "big"`);
  return order === 'big';
}

/** Reads storage elements out of the archive's entries, checking every size against the zip directory. */
class StorageReader {
  private readonly dataOffsets = new Map<string, Promise<number>>();
  private readonly blob: Blob;
  private readonly files: Map<string, ZipFile>;
  private readonly prefix: string;

  constructor(blob: Blob, files: Map<string, ZipFile>, prefix: string) {
    this.blob = blob;
    this.files = files;
    this.prefix = prefix;
  }

  private entry(storage: StorageRef): ZipFile | undefined {
    return this.files.get(`${this.prefix}data/${storage.key}`);
  }

  /** Before any read: the storage's entry exists and holds exactly the elements the pickle says. */
  check(key: string, storage: StorageRef): void {
    const entry = this.entry(storage);
    if (!entry) throw new CheckpointError('corrupt', `tensor ${key} refers to storage ${storage.key}, which is not in the archive`);
    const bytes = storage.numel * ITEM_SIZE[storage.dtype];
    if (entry.uncompressedSize !== bytes) {
      throw new CheckpointError('corrupt', `storage ${storage.key} should hold ${storage.numel} ${storage.dtype} values (${bytes} bytes) but its entry has ${entry.uncompressedSize} bytes`);
    }
  }

  /** Elements [first, first + count) of a storage. */
  async read(storage: StorageRef, first: number, count: number, signal?: AbortSignal): Promise<Uint8Array> {
    const entry = this.entry(storage)!;
    const itemSize = ITEM_SIZE[storage.dtype];
    const what = `storage ${storage.key}`;
    if (entry.compressionMethod === 0) {
      const start = await this.dataOffset(entry, signal);
      return readRange(this.blob, start + first * itemSize, count * itemSize, what, signal);
    }
    // torch.save never compresses, but a re-zipped archive may: inflate the whole storage.
    if (entry.uncompressedSize > MAX_DEFLATE_RATIO * Math.max(entry.compressedSize, 1)) {
      throw new CheckpointError('corrupt', `${what} claims ${formatBytes(entry.uncompressedSize)} from ${formatBytes(entry.compressedSize)} of compressed data, more than compression can produce`);
    }
    const all = await zipCall(this.blob, () => entry.getData(new Uint8ArrayWriter(), { signal }));
    if (all.length !== entry.uncompressedSize) throw new CheckpointError('corrupt', `${what} inflates to the wrong size`);
    return all.subarray(first * itemSize, (first + count) * itemSize);
  }

  /**
   * Where a stored entry's bytes begin. zip.js reads and validates the local header (against the
   * central directory, within the file, not overlapping other entries) without reading the data.
   */
  private dataOffset(entry: ZipFile, signal?: AbortSignal): Promise<number> {
    let offset = this.dataOffsets.get(entry.filename);
    if (!offset) {
      offset = zipCall(this.blob, async () => {
        await entry.getData(new Uint8ArrayWriter(), { signal, checkOverlappingEntryOnly: true });
        const start = entry.localDirectory?.dataOffset;
        if (start === undefined) throw new CheckpointError('corrupt', `the zip entry ${entry.filename} has no readable header`);
        return start;
      });
      this.dataOffsets.set(entry.filename, offset);
    }
    return offset;
  }
}
