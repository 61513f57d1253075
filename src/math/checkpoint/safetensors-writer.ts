import { LITTLE_ENDIAN_HOST } from './dtype.ts';
import { type StateDictOutput, bytesOf } from './state-dict-output.ts';

/**
 * safetensors, written as its library writes it: 8-byte little-endian header length, the JSON
 * header padded with spaces to a multiple of 8 bytes (so every tensor starts 8-byte aligned),
 * then the tensors back to back in header order. `__metadata__` says {"format": "pt"}, which
 * is what PyTorch-side loaders (timm, safetensors.torch) expect.
 */
const DTYPE_NAMES = { float32: 'F32', int64: 'I64' } as const;
const ITEM_BYTES = { float32: 4, int64: 8 } as const;

export function safetensorsHeader(output: StateDictOutput, metadata: Record<string, string> = { format: 'pt' }): Uint8Array<ArrayBuffer> {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const { key, dtype, shape } of output.entries) {
    const size = shape.reduce((a, b) => a * b, 1) * ITEM_BYTES[dtype];
    header[key] = { dtype: DTYPE_NAMES[dtype], shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + padded).fill(0x20, 8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(padded), true);
  bytes.set(json, 8);
  return bytes;
}

/** The file as a sequence of chunks: the header, then each tensor's bytes (views, not copies). */
export function* safetensorsChunks(output: StateDictOutput, metadata?: Record<string, string>): Generator<Uint8Array> {
  if (!LITTLE_ENDIAN_HOST) throw new Error('safetensors writer: this machine is big-endian');
  yield safetensorsHeader(output, metadata);
  for (const data of output.values()) yield bytesOf(data);
}

/** Stream the file into `sink` (a file in Node via Writable.toWeb, a Blob in the browser). */
export async function writeSafetensors(output: StateDictOutput, sink: WritableStream<Uint8Array>, metadata?: Record<string, string>): Promise<void> {
  const writer = sink.getWriter();
  try {
    for (const chunk of safetensorsChunks(output, metadata)) {
      await writer.ready;
      await writer.write(chunk);
    }
    await writer.close();
  } catch (error) {
    await writer.abort(error).catch(() => {});
    throw error;
  }
}
