import { type DType, ITEM_SIZE, decodeTensor } from './dtype.ts';
import { CheckpointError, formatBytes, formatShape } from './errors.ts';
import { type CheckpointFile, type TensorRecord, readRange } from './file.ts';

/**
 * safetensors (Hugging Face's format, used by timm): an 8-byte little-endian header length N,
 * N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}},
 * then the tensors' bytes, little-endian and row-major, packed in order with no gaps.
 * Validated as the format's own library does: the offsets must tile the data exactly.
 */

/** The safetensors library refuses headers above 100 MB; so do we. */
const MAX_HEADER_BYTES = 100_000_000;

export const SAFETENSORS_DTYPES: Readonly<Record<string, DType>> = {
  F32: 'float32', F16: 'float16', BF16: 'bfloat16', F64: 'float64',
  I64: 'int64', I32: 'int32', I16: 'int16', I8: 'int8', U8: 'uint8', BOOL: 'bool',
};

interface HeaderEntry {
  readonly key: string;
  readonly dtype: DType;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

export async function openSafetensors(blob: Blob, signal?: AbortSignal): Promise<CheckpointFile> {
  if (blob.size < 8) throw new CheckpointError('truncated', 'the file is too short to be a safetensors file');
  const lengthBytes = await readRange(blob, 0, 8, 'the safetensors header length', signal);
  const declared = new DataView(lengthBytes.buffer).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) {
    throw new CheckpointError('corrupt', `the safetensors header claims ${declared} bytes; real headers are far smaller (limit ${formatBytes(MAX_HEADER_BYTES)})`);
  }
  const headerLength = Number(declared);
  if (8 + headerLength > blob.size) {
    throw new CheckpointError('truncated', `the safetensors header should be ${formatBytes(headerLength)} long but the file has only ${formatBytes(blob.size)}: it was probably cut short`);
  }
  const headerBytes = await readRange(blob, 8, headerLength, 'the safetensors header', signal);
  const dataStart = 8 + headerLength;
  const entries = parseHeader(headerBytes, blob.size - dataStart);

  const tensors = new Map<string, TensorRecord>();
  for (const { key, dtype, shape, begin, end } of entries) {
    const numel = shape.reduce((a, b) => a * b, 1);
    tensors.set(key, {
      dtype,
      shape,
      byteLength: end - begin,
      read: async (readSignal) => decodeTensor(await readRange(blob, dataStart + begin, end - begin, `tensor ${key}`, readSignal), dtype, numel, `tensor ${key}`),
    });
  }
  return { format: 'safetensors', tensors, wrapper: null };
}

function parseHeader(bytes: Uint8Array, dataSize: number): HeaderEntry[] {
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
      throw new CheckpointError('corrupt', `safetensors tensor ${entry.key} starts at byte ${entry.begin} of the data, expected ${expected}: tensors overlap or leave a gap`);
    }
    expected = entry.end;
  }
  if (expected > dataSize) {
    throw new CheckpointError('truncated', `the safetensors header describes ${formatBytes(expected)} of tensors but only ${formatBytes(dataSize)} follow it: the file was probably cut short`);
  }
  if (expected < dataSize) throw new CheckpointError('corrupt', `the safetensors file has ${dataSize - expected} bytes after its last tensor`);
  return entries;
}

function parseEntry(key: string, info: unknown): HeaderEntry {
  const bad = (what: string) => new CheckpointError('corrupt', `safetensors tensor ${key}: ${what}`);
  if (info === null || typeof info !== 'object') throw bad('its description is not an object');
  const { dtype: name, shape, data_offsets: offsets } = info as Record<string, unknown>;
  const dtype = typeof name === 'string' ? SAFETENSORS_DTYPES[name] : undefined;
  if (name === undefined) throw bad('it has no dtype');
  if (!dtype) throw new CheckpointError('unsupported', `safetensors tensor ${key} has dtype ${JSON.stringify(name)}, which this reader does not read`);
  const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!Array.isArray(shape) || shape.length > 32 || !shape.every(isIndex)) throw bad('its shape is not a list of non-negative integers');
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex) || offsets[0]! > offsets[1]!) {
    throw bad('its data_offsets are not [begin, end] with begin ≤ end');
  }
  const numel = shape.reduce((a: number, b: number) => a * b, 1);
  const [begin, end] = offsets as [number, number];
  if (numel * ITEM_SIZE[dtype] !== end - begin) {
    throw bad(`shape ${formatShape(shape)} of ${dtype} needs ${numel * ITEM_SIZE[dtype]} bytes but data_offsets give ${end - begin}`);
  }
  return { key, dtype, shape, begin, end };
}
