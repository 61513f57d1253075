import type { ByteSink } from './byte-sink.ts';
import { LITTLE_ENDIAN_HOST } from './dtype.ts';
import { type StateDictOutput, entryBytes } from './state-dict-output.ts';

/**
 * safetensors, written as its library writes it: 8-byte little-endian header length, the JSON
 * header padded with spaces to a multiple of 8 bytes (so every tensor starts 8-byte aligned),
 * then the tensors back to back in header order. `__metadata__` says {"format": "pt"}, which
 * is what PyTorch-side loaders (timm, safetensors.torch) expect.
 */
const DTYPE_NAMES = { float32: 'F32', int64: 'I64' } as const;

export function safetensorsHeader(output: StateDictOutput, metadata: Record<string, string> = { format: 'pt' }): Uint8Array<ArrayBuffer> {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const entry of output.entries) {
    const size = entryBytes(entry);
    header[entry.key] = { dtype: DTYPE_NAMES[entry.dtype], shape: entry.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + padded).fill(0x20, 8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(padded), true);
  bytes.set(json, 8);
  return bytes;
}

/** Writes the file to `sink` in one pass: the header, then each tensor's bytes as they come. Returns its size. */
export async function writeSafetensors(output: StateDictOutput, sink: ByteSink, metadata?: Record<string, string>): Promise<number> {
  if (!LITTLE_ENDIAN_HOST) throw new Error('safetensors writer: this machine is big-endian');
  const header = safetensorsHeader(output, metadata);
  const ends: number[] = [];
  for (const entry of output.entries) ends.push((ends.at(-1) ?? header.length) + entryBytes(entry));
  await sink.write(header, 0);
  let at = header.length;
  let current = -1;
  for await (const { index, bytes } of output.chunks()) {
    if (index !== current) {
      if (index !== current + 1 || (current >= 0 && at !== ends[current]))
        throw new RangeError(`safetensors writer: tensor ${index} after ${current}, at byte ${at}`);
      current = index;
    }
    if (at + bytes.length > ends[index]!) throw new RangeError(`safetensors writer: ${output.entries[index]!.key} has more bytes than its shape`);
    await sink.write(bytes, at);
    at += bytes.length;
  }
  const size = ends.at(-1) ?? header.length;
  if (current !== output.entries.length - 1 || at !== size) throw new RangeError(`safetensors writer: ${at} of ${size} bytes written`);
  return size;
}
