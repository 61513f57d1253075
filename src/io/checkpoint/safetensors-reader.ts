import { type DType, ITEM_SIZE, decodeTensor } from './dtype.ts';
import { CheckpointError, formatCount, formatName, formatShape, guardRead } from './errors.ts';
import { type ByteSource, type CheckpointFile, type TensorRecord, readRange } from './file.ts';
import { formatBytes } from '../bytes.ts';

/**
 * safetensors (Hugging Face's format, used by timm): an 8-byte little-endian header length N,
 * N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}},
 * then the tensors' bytes, little-endian and row-major, packed in order with no gaps.
 * Validated as the format's own library does: the offsets must tile the data exactly.
 */

/**
 * Limits on the JSON header, checked on its bytes before JSON.parse sees them. The safetensors
 * library allows 100 MB; a RepVGG's header is a few KB (RepVGG-B3 training-time, with 480
 * tensors, about 50 KB), and a header is an object of objects holding short arrays: depth 3.
 * A header past these is no RepVGG checkpoint, and parsing it (94 MB of `[[[…]]]`) would cost
 * seconds and gigabytes, so it is refused at once.
 */
export const SAFETENSORS_HEADER_LIMITS = {
  bytes: 1024 * 1024,
  /** Nesting of objects and arrays: the header, a tensor's entry, its shape (and one more for leniency). */
  depth: 4,
  /** Objects, arrays, strings, numbers and literals in all: about ten per tensor. */
  values: 100_000,
} as const;

/** A Map, not an object literal: `"dtype": "constructor"` must not find Object's constructor. */
export const SAFETENSORS_DTYPES: ReadonlyMap<string, DType> = new Map([
  ['F32', 'float32'],
  ['F16', 'float16'],
  ['BF16', 'bfloat16'],
  ['F64', 'float64'],
  ['I64', 'int64'],
  ['I32', 'int32'],
  ['I16', 'int16'],
  ['I8', 'int8'],
  ['U8', 'uint8'],
  ['BOOL', 'bool'],
]);

interface HeaderEntry {
  readonly key: string;
  readonly dtype: DType;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

export function openSafetensors(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFile> {
  return guardRead(() => open(blob, signal), signal);
}

async function open(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFile> {
  if (blob.size < 8) throw new CheckpointError('truncated', 'the file is too short to be a safetensors file');
  const lengthBytes = await readRange(blob, 0, 8, 'the safetensors header length', signal);
  const declared = new DataView(lengthBytes.buffer).getBigUint64(0, true);
  if (declared > BigInt(SAFETENSORS_HEADER_LIMITS.bytes)) {
    const what = declared + 8n > BigInt(blob.size) ? `, more than the whole file (${formatBytes(blob.size)})` : '';
    throw new CheckpointError(
      'unsupported',
      `the safetensors header claims ${formatCount(declared)} bytes${what}; a RepVGG checkpoint's header is a few KB, so this reader stops at ${formatBytes(SAFETENSORS_HEADER_LIMITS.bytes)}`,
    );
  }
  const headerLength = Number(declared);
  if (8 + headerLength > blob.size) {
    throw new CheckpointError(
      'truncated',
      `the safetensors header should be ${formatBytes(headerLength)} long but the file has only ${formatBytes(blob.size)}: it was probably cut short`,
    );
  }
  const headerBytes = await readRange(blob, 8, headerLength, 'the safetensors header', signal);
  const dataStart = 8 + headerLength;
  const entries = parseHeader(headerBytes, blob.size - dataStart);

  const tensors = new Map<string, TensorRecord>();
  for (const { key, dtype, shape, begin, end } of entries) {
    const numel = shape.reduce((a, b) => a * b, 1); // exact: checked against data_offsets in parseEntry
    const what = `tensor ${formatName(key)}`;
    tensors.set(key, {
      dtype,
      shape,
      byteLength: end - begin,
      read: (readSignal) =>
        guardRead(async () => decodeTensor(await readRange(blob, dataStart + begin, end - begin, what, readSignal), dtype, numel, what), readSignal),
    });
  }
  return { format: 'safetensors', tensors, wrapper: null };
}

/**
 * One pass over the header's bytes, before JSON.parse: how deep objects and arrays nest and how
 * many values there are (outside strings). Refuses, naming the numbers, the moment a limit is passed.
 */
export function scanHeaderShape(bytes: Uint8Array): void {
  const { depth: maxDepth, values: maxValues } = SAFETENSORS_HEADER_LIMITS;
  let depth = 0;
  let values = 0;
  let inString = false;
  let inScalar = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
      continue;
    }
    const scalarByte = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
    if (scalarByte) {
      if (!inScalar) values++;
      inScalar = true;
    } else {
      inScalar = false;
      if (c === 0x22) {
        inString = true;
        values++;
      } else if (c === 0x5b || c === 0x7b) {
        values++;
        if (++depth > maxDepth) {
          throw new CheckpointError(
            'unsupported',
            `the safetensors header nests objects and arrays more than ${maxDepth} deep (at byte ${i} of ${formatCount(bytes.length)}); a checkpoint's header nests 3 deep, so the file was refused`,
          );
        }
      } else if (c === 0x5d || c === 0x7d) {
        depth--;
      }
    }
    if (values > maxValues) {
      throw new CheckpointError(
        'unsupported',
        `the safetensors header holds more than ${formatCount(maxValues)} values (names, numbers, lists; at byte ${i} of ${formatCount(bytes.length)}); a RepVGG checkpoint's holds a few thousand, so the file was refused`,
      );
    }
  }
}

function parseHeader(bytes: Uint8Array, dataSize: number): HeaderEntry[] {
  scanHeaderShape(bytes);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new CheckpointError('corrupt', 'the safetensors header is not valid JSON: the file is damaged');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new CheckpointError('corrupt', 'the safetensors header is not a JSON object');
  }
  const entries: HeaderEntry[] = [];
  for (const [key, info] of Object.entries(header)) {
    if (key === '__metadata__') continue; // free-form strings (format: "pt", ...)
    entries.push(parseEntry(key, info));
  }
  // The tensors must tile [0, dataSize) exactly: no overlap, no gap, nothing past the end.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const entry of sorted) {
    if (entry.begin !== expected) {
      throw new CheckpointError(
        'corrupt',
        `safetensors tensor ${formatName(entry.key)} starts at byte ${formatCount(entry.begin)} of the data, expected ${formatCount(expected)}: tensors overlap or leave a gap`,
      );
    }
    expected = entry.end;
  }
  if (expected > dataSize) {
    throw new CheckpointError(
      'truncated',
      `the safetensors header describes ${formatBytes(expected)} of tensors but only ${formatBytes(dataSize)} follow it: the file was probably cut short`,
    );
  }
  if (expected < dataSize) throw new CheckpointError('corrupt', `the safetensors file has ${formatCount(dataSize - expected)} bytes after its last tensor`);
  return entries;
}

function parseEntry(key: string, info: unknown): HeaderEntry {
  const bad = (what: string) => new CheckpointError('corrupt', `safetensors tensor ${formatName(key)}: ${what}`);
  if (info === null || typeof info !== 'object' || Array.isArray(info)) throw bad('its description is not an object');
  const own = (field: string): unknown => (Object.hasOwn(info, field) ? (info as Record<string, unknown>)[field] : undefined);
  const name = own('dtype');
  const shape = own('shape');
  const offsets = own('data_offsets');
  const dtype = typeof name === 'string' ? SAFETENSORS_DTYPES.get(name) : undefined;
  if (name === undefined) throw bad('it has no dtype');
  if (!dtype) {
    const shown =
      typeof name === 'string' ? JSON.stringify(formatName(name, 40)) : `a JSON ${Array.isArray(name) ? 'array' : name === null ? 'null' : typeof name}`;
    throw new CheckpointError(
      'unsupported',
      `safetensors tensor ${formatName(key)} has dtype ${shown}, which this reader does not read (it reads ${[...SAFETENSORS_DTYPES.keys()].join(', ')})`,
    );
  }
  const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!Array.isArray(shape) || shape.length > 32 || !shape.every(isIndex)) throw bad('its shape is not a list of non-negative integers');
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex) || offsets[0]! > offsets[1]!) {
    throw bad('its data_offsets are not [begin, end] with begin ≤ end');
  }
  // Exact (BigInt): a hostile shape overflows doubles, and a message must not say NaN or Infinity.
  const bytes = shape.reduce((a: bigint, b: number) => a * BigInt(b), 1n) * BigInt(ITEM_SIZE[dtype]);
  const [begin, end] = offsets as [number, number];
  if (bytes !== BigInt(end - begin)) {
    throw bad(`shape ${formatShape(shape)} of ${dtype} needs ${formatCount(bytes)} bytes but data_offsets give ${formatCount(end - begin)}`);
  }
  return { key, dtype, shape, begin, end };
}
