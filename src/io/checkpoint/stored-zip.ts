import type { ByteSink } from './byte-sink.ts';
import { type Crc32, crc32 as jsCrc32 } from './crc32.ts';

/**
 * A zip of stored (uncompressed) records, written in one pass: every offset follows from the
 * records' sizes, so the layout is computed first and each record's bytes go straight to their
 * place. Each record's data starts on a 64-byte boundary, as in PyTorch's own files (readers can
 * map storages in place): the local header is padded with an extra field (id 0x1986, as zip.js's
 * USDZ layout does; the bytes are the ones zip.js writes with usdz, level 0, no data descriptor,
 * which test/io/checkpoint/writers.test.ts checks).
 */
export interface StoredRecord {
  readonly name: string;
  readonly size: number;
}

export interface PlacedRecord extends StoredRecord {
  readonly nameBytes: Uint8Array;
  readonly headerOffset: number;
  readonly headerLength: number;
  readonly dataOffset: number;
}

export interface StoredZipLayout {
  readonly records: readonly PlacedRecord[];
  readonly centralOffset: number;
  readonly centralLength: number;
  /** The file's size in bytes. */
  readonly size: number;
}

const ALIGN = 64;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
const PADDING_FIELD = 0x1986;
/** 2021-01-01 00:00:00 as an MS-DOS date and time: fixed, so the same weights give the same bytes. */
const DOS_DATE = ((2021 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const VERSION_NEEDED = 10; // 1.0: stored records
const MADE_BY_UNIX = 3 << 8;
const UNIX_FILE_644 = 0o100644 * 0x10000;

export function layoutStoredZip(records: readonly StoredRecord[]): StoredZipLayout {
  const encoder = new TextEncoder();
  let offset = 0;
  let central = 0;
  const placed = records.map((record): PlacedRecord => {
    const nameBytes = encoder.encode(record.name);
    if (!(Number.isSafeInteger(record.size) && record.size >= 0)) throw new RangeError(`zip record ${record.name}: size ${record.size} is not a byte count`);
    if (nameBytes.length > 0xffff) throw new RangeError(`zip record name of ${nameBytes.length} bytes (at most 65,535)`);
    let padding = ALIGN - ((offset + LOCAL_HEADER + nameBytes.length) % ALIGN);
    if (padding < 4) padding += ALIGN; // the extra field's own id and length take 4 bytes
    const headerLength = LOCAL_HEADER + nameBytes.length + padding;
    const p = { ...record, nameBytes, headerOffset: offset, headerLength, dataOffset: offset + headerLength };
    offset = p.dataOffset + record.size;
    central += CENTRAL_HEADER + nameBytes.length;
    return p;
  });
  const size = offset + central + END_RECORD;
  // ZIP64 would be needed past these; no RepVGG checkpoint comes near (B3 training-time: 0.5 GB).
  if (offset > 0xffffffff || records.length > 0xffff) {
    throw new RangeError(
      `a checkpoint of ${records.length} records and ${offset} bytes needs ZIP64, which this writer does not write (limits: 65,535 records, 4 GiB)`,
    );
  }
  return { records: placed, centralOffset: offset, centralLength: central + END_RECORD, size };
}

export function localHeader(record: PlacedRecord, crc: number): Uint8Array {
  const bytes = new Uint8Array(record.headerLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, VERSION_NEEDED, true);
  // 6: flags 0, 8: method 0 (stored)
  view.setUint16(10, DOS_TIME, true);
  view.setUint16(12, DOS_DATE, true);
  view.setUint32(14, crc, true);
  view.setUint32(18, record.size, true);
  view.setUint32(22, record.size, true);
  view.setUint16(26, record.nameBytes.length, true);
  const extra = record.headerLength - LOCAL_HEADER - record.nameBytes.length;
  view.setUint16(28, extra, true);
  bytes.set(record.nameBytes, LOCAL_HEADER);
  const at = LOCAL_HEADER + record.nameBytes.length;
  view.setUint16(at, PADDING_FIELD, true);
  view.setUint16(at + 2, extra - 4, true);
  return bytes;
}

/** The central directory and the end record, given every record's CRC-32. */
export function centralDirectory(layout: StoredZipLayout, crcs: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(layout.centralLength);
  const view = new DataView(bytes.buffer);
  let at = 0;
  layout.records.forEach((record, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, MADE_BY_UNIX, true);
    view.setUint16(at + 6, VERSION_NEEDED, true);
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    view.setUint32(at + 16, crcs[i]!, true);
    view.setUint32(at + 20, record.size, true);
    view.setUint32(at + 24, record.size, true);
    view.setUint16(at + 28, record.nameBytes.length, true);
    // 30: extra 0, 32: comment 0, 34: disk 0, 36: internal attributes 0
    view.setUint32(at + 38, UNIX_FILE_644, true);
    view.setUint32(at + 42, record.headerOffset, true);
    bytes.set(record.nameBytes, at + CENTRAL_HEADER);
    at += CENTRAL_HEADER + record.nameBytes.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, layout.records.length, true);
  view.setUint16(at + 10, layout.records.length, true);
  view.setUint32(at + 12, layout.centralLength - END_RECORD, true);
  view.setUint32(at + 16, layout.centralOffset, true);
  return bytes;
}

/** Bytes of record `index` (records in order, each as one or more consecutive chunks). */
export interface RecordChunk {
  readonly index: number;
  readonly bytes: Uint8Array;
}

/**
 * Writes the zip to `sink` in one pass over the data and returns its size. A record that arrives
 * as one chunk is written header first, then data; one that arrives in several chunks (a layer
 * converted a few channels at a time) has its data written as it comes, with the CRC carried
 * from chunk to chunk, and its header written at its place after the last chunk.
 */
export async function writeStoredZip(
  records: readonly StoredRecord[],
  chunks: Iterable<RecordChunk> | AsyncIterable<RecordChunk>,
  sink: ByteSink,
  crc32: Crc32 = jsCrc32,
): Promise<number> {
  const layout = layoutStoredZip(records);
  const crcs: number[] = [];
  let current = -1;
  let at = 0;
  let crc = 0;
  let headerWritten = false;
  const finish = async () => {
    if (current < 0) return;
    const record = layout.records[current]!;
    if (at !== record.dataOffset + record.size)
      throw new RangeError(`zip record ${record.name}: ${at - record.dataOffset} bytes where ${record.size} were declared`);
    crcs.push(crc);
    if (!headerWritten) await sink.write(localHeader(record, crc), record.headerOffset);
  };
  for await (const { index, bytes } of chunks) {
    if (index !== current) {
      await finish();
      if (index !== current + 1 || index >= layout.records.length)
        throw new RangeError(`zip writer: record ${index} after record ${current} (of ${layout.records.length})`);
      current = index;
      const record = layout.records[index]!;
      at = record.dataOffset;
      crc = crc32(bytes);
      headerWritten = bytes.length === record.size;
      if (headerWritten) await sink.write(localHeader(record, crc), record.headerOffset);
    } else {
      crc = crc32(bytes, crc);
    }
    const record = layout.records[current]!;
    if (at + bytes.length > record.dataOffset + record.size) throw new RangeError(`zip record ${record.name}: more than the ${record.size} bytes declared`);
    await sink.write(bytes, at);
    at += bytes.length;
  }
  await finish();
  if (crcs.length !== layout.records.length) throw new RangeError(`zip writer: ${crcs.length} of ${layout.records.length} records written`);
  await sink.write(centralDirectory(layout, crcs), layout.centralOffset);
  return layout.size;
}
