import type { ByteSink } from './byte-sink.ts';
import type { Crc32 } from './crc32.ts';
import { LITTLE_ENDIAN_HOST } from './dtype.ts';
import { pickleStateDict } from './pickle-writer.ts';
import { type StateDictOutput, entryBytes } from './state-dict-output.ts';
import { type RecordChunk, writeStoredZip } from './stored-zip.ts';

/**
 * A .pth as torch.save writes it, so `torch.load(path, weights_only=True)` reads it back:
 *   <archive>/data.pkl    the OrderedDict of tensors (pickle-writer.ts)
 *   <archive>/byteorder   "little"
 *   <archive>/data/<n>    tensor n's elements, stored uncompressed
 *   <archive>/version     "3", the zip format version PyTorch 1.6 and later write
 * Every record's data starts on a 64-byte boundary, as in PyTorch's own files (stored-zip.ts).
 * One pass: the layout follows from the shapes, and each tensor's bytes are written as they are
 * produced (converted, for a deploy file from training-time weights), never gathered.
 */
export interface PthWriteOptions {
  /** The top-level folder of the archive; torch.save uses the file name without extension. */
  readonly archiveName?: string;
  /** CRC-32 to use (Node's zlib.crc32 is native); default: crc32.ts. */
  readonly crc32?: Crc32;
}

/** Writes the .pth to `sink`; returns its size in bytes. */
export async function writePth(output: StateDictOutput, sink: ByteSink, options: PthWriteOptions = {}): Promise<number> {
  if (!LITTLE_ENDIAN_HOST) throw new Error('pth writer: this machine is big-endian');
  const root = options.archiveName ?? 'archive';
  if (!/^[A-Za-z0-9_.-]+$/.test(root)) throw new RangeError(`archive name "${root}" should be a plain file name`);
  const encoder = new TextEncoder();
  const pickle = pickleStateDict(output.entries);
  const byteorder = encoder.encode('little');
  const version = encoder.encode('3\n');
  const tensors = output.entries.length;
  const records = [
    { name: `${root}/data.pkl`, size: pickle.length },
    { name: `${root}/byteorder`, size: byteorder.length },
    ...output.entries.map((entry, n) => ({ name: `${root}/data/${n}`, size: entryBytes(entry) })),
    { name: `${root}/version`, size: version.length },
  ];
  async function* chunks(): AsyncGenerator<RecordChunk> {
    yield { index: 0, bytes: pickle };
    yield { index: 1, bytes: byteorder };
    for await (const { index, bytes } of output.chunks()) yield { index: 2 + index, bytes };
    yield { index: 2 + tensors, bytes: version };
  }
  return writeStoredZip(records, chunks(), sink, options.crc32);
}
