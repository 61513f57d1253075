import { type Entry, type FileEntry, Reader, Writer, ZipReader } from '@zip.js/zip.js';
import { ITEM_SIZE } from './dtype.ts';
import { CheckpointError, formatCount, formatName, guardRead, throwIfCancelled } from './errors.ts';
import { type ByteSource, type CheckpointFile, type TensorRecord, readBytes, readRange } from './file.ts';
import { type StorageRef, type TensorRef, unpickleTorch } from './torch-pickle.ts';
import { findStateDict, torchTensorRecord } from './torch-state-dict.ts';
import { formatBytes } from '../bytes.ts';

/**
 * PyTorch's .pth as torch.save writes it (PyTorch ≥ 1.6): a zip archive holding
 *   <archive>/data.pkl     the pickled object, storages replaced by persistent ids
 *   <archive>/data/<key>   one entry per storage, raw little-endian elements, stored uncompressed
 *   <archive>/version, <archive>/byteorder (newer versions)
 * zip.js reads the central directory (and zip64) and inflates data.pkl; a stored storage's bytes
 * are read straight from the file as one byte range per tensor, after its local header is checked
 * here (StorageReader.dataOffset).
 */

/** A state dict's data.pkl is a few hundred KiB; anything far bigger is not one. */
const MAX_PICKLE_BYTES = 64 * 2 ** 20;
/** Deflate expands at most ~1032:1, which bounds what a compressed entry can honestly declare. */
const MAX_DEFLATE_RATIO = 1032;
/**
 * What a file's storages may hold beyond what its tensors read (a state dict's tensors fill
 * their storages exactly; a slice saved as a view keeps its whole storage). Past it, inflating
 * compressed storages would cost memory no tensor uses: a 69 KB file could ask for gigabytes.
 */
export const INFLATE_SLACK_BYTES = 1024 * 1024;
/**
 * Tensors may share a storage (tied weights are one storage under two names), so together they
 * may read the storages' bytes twice; more than that means views that overlap over and over, so a
 * small file would decode into many times its size.
 */
const MAX_SHARED_READS = 2;
const SHARED_READS_SLACK_BYTES = 64 * 1024;

type ZipFile = FileEntry;

/** A zip local file header: signature, then fixed fields, then the name and the extra field. */
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER = 30;

/** zip.js reads the archive through this: byte ranges of the source, as readRange cuts them. */
class SourceReader extends Reader<ByteSource> {
  private readonly source: ByteSource;
  constructor(source: ByteSource) {
    super(source);
    this.source = source;
    this.size = source.size;
  }
  override async readUint8Array(offset: number, length: number): Promise<Uint8Array> {
    return readBytes(this.source, offset, offset + length);
  }
}

/** zip.js throws plain Errors; say what they mean for a checkpoint. */
function zipError(error: unknown, blob: ByteSource): CheckpointError {
  if (error instanceof CheckpointError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/End of central directory not found|Central directory header not found/i.test(message)) {
    return new CheckpointError(
      'truncated',
      `the file starts like a PyTorch checkpoint (a zip archive) but its end is missing or damaged (${formatBytes(blob.size)}): it was probably cut short by an interrupted download or copy`,
    );
  }
  if (/aborted/i.test(message)) return new CheckpointError('cancelled', 'reading the checkpoint was cancelled');
  if (/encrypted/i.test(message)) return new CheckpointError('unsupported', 'the zip archive is encrypted; torch.save never encrypts');
  return new CheckpointError('corrupt', `the checkpoint's zip structure is damaged (${message})`);
}

async function zipCall<T>(blob: ByteSource, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw zipError(error, blob);
  }
}

export function openPth(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFile> {
  return guardRead(() => open(blob, signal), signal);
}

async function open(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFile> {
  const zip = new ZipReader(new SourceReader(blob), { useWebWorkers: false, signal });
  const entries = await zipCall(blob, () => zip.getEntries());
  throwIfCancelled(signal);
  const files = new Map(entries.filter((e: Entry): e is ZipFile => !e.directory).map((e) => [e.filename, e]));
  const pickles = [...files.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) throw notATorchZip(files, pickles.length);
  const prefix = pickles[0]!.slice(0, -'data.pkl'.length);
  if (files.has(`${prefix}constants.pkl`) || [...files.keys()].some((n) => n.startsWith(`${prefix}code/`))) {
    throw new CheckpointError(
      'unsupported',
      'this is a TorchScript model (torch.jit.save), not a state dict; save the weights with torch.save(model.state_dict(), path) instead',
    );
  }

  const bigEndian = await readByteOrder(blob, files.get(`${prefix}byteorder`), signal);
  const pickle = files.get(pickles[0]!)!;
  if (pickle.uncompressedSize > MAX_PICKLE_BYTES) {
    throw new CheckpointError(
      'unsupported',
      `data.pkl is ${formatBytes(pickle.uncompressedSize)}; a state dict's is a few hundred KiB, so this holds something else`,
    );
  }
  checkDeflateRatio(pickle, 'data.pkl');
  const pickleBytes = await zipCall(blob, () => pickle.getData(new BoundedWriter(pickle.uncompressedSize, 'data.pkl'), { signal, checkCrc32: true }));
  const found = findStateDict(unpickleTorch(pickleBytes));

  const tensors = new Map<string, TensorRecord>();
  const storages = new StorageReader(blob, files, prefix, entries);
  for (const [key, ref] of found.tensors) {
    storages.check(key, ref.storage);
    tensors.set(
      key,
      torchTensorRecord(key, ref, (storage, first, count, readSignal) => storages.read(storage, first, count, readSignal), bigEndian),
    );
  }
  checkStorageBudget(found.tensors, tensors, files, prefix);
  return { format: 'pth', tensors, wrapper: found.wrapper };
}

/**
 * Before any storage is read or inflated: the tensors must not read the same bytes over and over
 * (overlapping views of one storage), and compressed storages must not inflate to more than the
 * tensors in them read. Both are refused with the numbers, since a small file that breaks either
 * would otherwise cost many times its size in memory.
 */
function checkStorageBudget(
  refs: ReadonlyMap<string, TensorRef>,
  records: ReadonlyMap<string, TensorRecord>,
  files: Map<string, ZipFile>,
  prefix: string,
): void {
  const storageBytes = new Map<string, number>();
  const compressedNeed = new Map<string, number>();
  let reads = 0;
  for (const [key, ref] of refs) {
    const entry = files.get(`${prefix}data/${ref.storage.key}`)!;
    storageBytes.set(ref.storage.key, entry.uncompressedSize);
    const bytes = records.get(key)!.byteLength;
    reads += bytes;
    if (entry.compressionMethod !== 0) compressedNeed.set(ref.storage.key, (compressedNeed.get(ref.storage.key) ?? 0) + bytes);
  }
  const held = [...storageBytes.values()].reduce((a, b) => a + b, 0);
  if (reads > MAX_SHARED_READS * held + SHARED_READS_SLACK_BYTES) {
    throw new CheckpointError(
      'unsupported',
      `the ${formatCount(refs.size)} tensors would read ${formatCount(reads)} bytes out of storages that hold ${formatCount(held)}: their views overlap again and again, which no state dict does, so the file was refused`,
    );
  }
  let inflated = 0;
  let needed = 0;
  for (const [key, need] of compressedNeed) {
    inflated += storageBytes.get(key)!;
    needed += Math.min(need, storageBytes.get(key)!);
  }
  if (inflated > needed + INFLATE_SLACK_BYTES) {
    throw new CheckpointError(
      'unsupported',
      `the compressed storages would inflate to ${formatCount(inflated)} bytes (${formatBytes(inflated)}) but the tensors in them use only ${formatCount(needed)} (${formatBytes(needed)}); refused rather than inflating data no tensor uses`,
    );
  }
}

/** The declared size of a compressed entry, against what deflate can produce from its compressed bytes. */
function checkDeflateRatio(entry: ZipFile, what: string): void {
  if (entry.compressionMethod !== 0 && entry.uncompressedSize > MAX_DEFLATE_RATIO * Math.max(entry.compressedSize, 1)) {
    throw new CheckpointError(
      'corrupt',
      `${what} claims ${formatBytes(entry.uncompressedSize)} from ${formatBytes(entry.compressedSize)} of compressed data, more than compression can produce`,
    );
  }
}

/**
 * Receives an entry's bytes into one buffer of the size the zip directory declares (checked
 * before), and stops the inflation the moment more arrive: a lying header cannot make it grow.
 */
class BoundedWriter extends Writer<Uint8Array> {
  private buffer = new Uint8Array(0);
  private offset = 0;
  private readonly limit: number;
  private readonly what: string;

  constructor(limit: number, what: string) {
    super();
    this.limit = limit;
    this.what = what;
  }

  override async init(): Promise<void> {
    this.buffer = new Uint8Array(this.limit);
    (Writer.prototype as unknown as { init(): void }).init.call(this);
  }

  override async writeUint8Array(chunk: Uint8Array): Promise<void> {
    if (this.offset + chunk.length > this.limit) {
      throw new CheckpointError('corrupt', `${this.what} inflates to more than the ${formatCount(this.limit)} bytes its zip header declares`);
    }
    this.buffer.set(chunk, this.offset);
    this.offset += chunk.length;
  }

  override async getData(): Promise<Uint8Array> {
    if (this.offset !== this.limit)
      throw new CheckpointError(
        'corrupt',
        `${this.what} inflates to ${formatCount(this.offset)} bytes, not the ${formatCount(this.limit)} its zip header declares`,
      );
    return this.buffer;
  }
}

function notATorchZip(files: Map<string, ZipFile>, pickles: number): CheckpointError {
  if (pickles > 1) return new CheckpointError('corrupt', 'the zip archive holds several data.pkl files; torch.save writes exactly one');
  const names = [...files.keys()];
  const sample =
    names
      .slice(0, 3)
      .map((n) => formatName(n))
      .join(', ') + (names.length > 3 ? `, … (${formatCount(names.length)} files)` : '');
  return new CheckpointError(
    'not-a-checkpoint',
    `this is a zip archive, but not a PyTorch checkpoint: it has no <name>/data.pkl (it holds ${sample || 'nothing'})`,
  );
}

async function readByteOrder(blob: ByteSource, entry: ZipFile | undefined, signal?: AbortSignal): Promise<boolean> {
  if (!entry) return false; // PyTorch before 2.1 wrote no byteorder record and only little-endian
  if (entry.uncompressedSize > 16) throw new CheckpointError('corrupt', 'the byteorder record is not "little" or "big"');
  checkDeflateRatio(entry, 'the byteorder record');
  const order = new TextDecoder().decode(
    await zipCall(blob, () => entry.getData(new BoundedWriter(entry.uncompressedSize, 'the byteorder record'), { signal })),
  );
  if (order !== 'little' && order !== 'big') throw new CheckpointError('corrupt', `the byteorder record says "${order.slice(0, 16)}", not "little" or "big"`);
  return order === 'big';
}

/** Reads storage elements out of the archive's entries, checking every size against the zip directory. */
class StorageReader {
  private readonly dataOffsets = new Map<string, Promise<number>>();
  /** Compressed storages, inflated once each however many tensors share them. */
  private readonly inflated = new Map<string, Promise<Uint8Array>>();
  private readonly blob: ByteSource;
  private readonly files: Map<string, ZipFile>;
  private readonly prefix: string;
  /** Every entry's local header offset, ascending (duplicates kept: they mean shared bytes). */
  private readonly headerStarts: number[];

  constructor(blob: ByteSource, files: Map<string, ZipFile>, prefix: string, entries: readonly Entry[]) {
    this.blob = blob;
    this.files = files;
    this.prefix = prefix;
    this.headerStarts = entries.map((e) => e.offset).sort((a, b) => a - b);
  }

  private entry(storage: StorageRef): ZipFile | undefined {
    return this.files.get(`${this.prefix}data/${storage.key}`);
  }

  /** Before any read: the storage's entry exists and holds exactly the elements the pickle says. */
  check(key: string, storage: StorageRef): void {
    const entry = this.entry(storage);
    if (!entry) throw new CheckpointError('corrupt', `tensor ${formatName(key)} refers to storage ${storage.key}, which is not in the archive`);
    const bytes = BigInt(storage.numel) * BigInt(ITEM_SIZE[storage.dtype]);
    if (BigInt(entry.uncompressedSize) !== bytes) {
      throw new CheckpointError(
        'corrupt',
        `storage ${storage.key} should hold ${formatCount(storage.numel)} ${storage.dtype} values (${formatCount(bytes)} bytes) but its entry has ${formatCount(entry.uncompressedSize)} bytes`,
      );
    }
    checkDeflateRatio(entry, `storage ${storage.key}`);
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
    // torch.save never compresses, but a re-zipped archive may: inflate the whole storage, once.
    let all = this.inflated.get(storage.key);
    if (!all) {
      all = zipCall(this.blob, () => entry.getData(new BoundedWriter(entry.uncompressedSize, what), { signal }));
      this.inflated.set(storage.key, all);
      all.catch(() => this.inflated.delete(storage.key)); // a cancelled read may be retried
    }
    return (await all).subarray(first * itemSize, (first + count) * itemSize);
  }

  /**
   * Where a stored entry's bytes begin: after its local header (30 bytes, its name and its extra
   * field, whose lengths only the local header gives). Read here rather than through zip.js's
   * getData, which builds a stream pipeline per entry (a third of the read time for 400 storages).
   * Nothing in it is trusted: the signature and method must match the directory, and the data must
   * end before the next entry's header, so no two entries can share bytes (a small file whose
   * entries all point at the same data would otherwise read as many times its size).
   */
  private dataOffset(entry: ZipFile, signal?: AbortSignal): Promise<number> {
    let offset = this.dataOffsets.get(entry.filename);
    if (!offset) {
      offset = this.localDataOffset(entry, signal);
      this.dataOffsets.set(entry.filename, offset);
      offset.catch(() => this.dataOffsets.delete(entry.filename)); // a cancelled read may be retried
    }
    return offset;
  }

  private async localDataOffset(entry: ZipFile, signal?: AbortSignal): Promise<number> {
    const name = formatName(entry.filename);
    if (entry.encrypted) throw new CheckpointError('unsupported', 'the zip archive is encrypted; torch.save never encrypts');
    const header = await readRange(this.blob, entry.offset, LOCAL_HEADER, `the zip header of ${name}`, signal);
    const view = new DataView(header.buffer, header.byteOffset, LOCAL_HEADER);
    if (view.getUint32(0, true) !== LOCAL_SIGNATURE) throw new CheckpointError('corrupt', `the zip entry ${name} has no local header where the directory says`);
    if (view.getUint16(8, true) !== entry.compressionMethod)
      throw new CheckpointError('corrupt', `the zip entry ${name} is stored one way in its header and another in the directory`);
    const start = entry.offset + LOCAL_HEADER + view.getUint16(26, true) + view.getUint16(28, true);
    const next = this.headerAfter(entry.offset);
    if (next === 'shared' || start + entry.compressedSize > next) {
      throw new CheckpointError('corrupt', `the zip entry ${name} overlaps another entry: no two entries of a zip archive share bytes`);
    }
    return start;
  }

  /** The first local header after `offset` (the file's end if none), or 'shared' if two entries start there. */
  private headerAfter(offset: number): number | 'shared' {
    const starts = this.headerStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= 2 && starts[lo - 2] === offset) return 'shared';
    return lo < starts.length ? starts[lo]! : this.blob.size;
  }
}
