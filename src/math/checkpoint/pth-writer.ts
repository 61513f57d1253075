import { TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { LITTLE_ENDIAN_HOST } from './dtype.ts';
import { pickleStateDict } from './pickle-writer.ts';
import { type StateDictOutput, bytesOf } from './state-dict-output.ts';

/**
 * A .pth as torch.save writes it, so `torch.load(path, weights_only=True)` reads it back:
 *   <archive>/data.pkl    the OrderedDict of tensors (pickle-writer.ts)
 *   <archive>/byteorder   "little"
 *   <archive>/data/<n>    tensor n's elements, stored uncompressed
 *   <archive>/version     "3", the zip format version PyTorch 1.6 and later write
 * Every entry's data starts on a 64-byte boundary, as in PyTorch's own files (zip.js's USDZ
 * layout pads the local headers to do that), so readers can map storages in place.
 */
export interface PthWriteOptions {
  /** The top-level folder of the archive; torch.save uses the file name without extension. */
  readonly archiveName?: string;
}

/** Fixed, so the same weights always give the same bytes. */
const ENTRY_DATE = new Date(2021, 0, 1);

export async function writePth(output: StateDictOutput, sink: WritableStream<Uint8Array>, options: PthWriteOptions = {}): Promise<void> {
  if (!LITTLE_ENDIAN_HOST) throw new Error('pth writer: this machine is big-endian');
  const root = options.archiveName ?? 'archive';
  if (!/^[A-Za-z0-9_.-]+$/.test(root)) throw new RangeError(`archive name "${root}" should be a plain file name`);
  const zip = new ZipWriter(sink, {
    useWebWorkers: false,
    level: 0,
    usdz: true,
    dataDescriptor: false,
    extendedTimestamp: false,
    lastModDate: ENTRY_DATE,
  });
  try {
    await zip.add(`${root}/data.pkl`, new Uint8ArrayReader(pickleStateDict(output.entries)));
    await zip.add(`${root}/byteorder`, new TextReader('little'));
    let n = 0;
    for (const data of output.values()) await zip.add(`${root}/data/${n++}`, new Uint8ArrayReader(bytesOf(data)));
    await zip.add(`${root}/version`, new TextReader('3\n'));
    await zip.close();
  } catch (error) {
    await sink.abort(error).catch(() => {});
    throw error;
  }
}
