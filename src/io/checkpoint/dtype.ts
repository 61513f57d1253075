import { CheckpointError } from './errors.ts';

/**
 * Element types as PyTorch names them. Checkpoints hold float32 weights, sometimes float16 or
 * bfloat16 (half-size copies), and int64 for BatchNorm's num_batches_tracked counter.
 */
export type DType = 'float32' | 'float16' | 'bfloat16' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

export const ITEM_SIZE: Readonly<Record<DType, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

export const isFloat = (dtype: DType): boolean => dtype.startsWith('float') || dtype === 'bfloat16';

/** What a tensor becomes in memory: floating point of any width as float32, int64 as int64. */
export type TensorData = Float32Array | BigInt64Array;

/** JavaScript engines are little-endian everywhere this runs; the readers rely on it and check. */
export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decode raw tensor bytes (`count` elements of `dtype`, little-endian unless `bigEndian`).
 * float32 data is viewed in place when aligned (no copy), so `bytes` must not be reused.
 */
export function decodeTensor(bytes: Uint8Array, dtype: DType, count: number, what: string, bigEndian = false): TensorData {
  const size = ITEM_SIZE[dtype];
  if (bytes.length !== count * size) {
    throw new CheckpointError('corrupt', `${what}: expected ${count * size} bytes of ${dtype}, found ${bytes.length}`);
  }
  if (!LITTLE_ENDIAN_HOST) throw new CheckpointError('unsupported', 'this reader needs a little-endian machine');
  if (bigEndian && size > 1) bytes = swapBytes(bytes, size);
  switch (dtype) {
    case 'float32':
      return new Float32Array(aligned(bytes, 4).buffer, aligned(bytes, 4).byteOffset, count);
    case 'float64':
      return Float32Array.from(new Float64Array(aligned(bytes, 8).buffer, aligned(bytes, 8).byteOffset, count));
    case 'float16':
      return halfToFloat32(new Uint16Array(aligned(bytes, 2).buffer, aligned(bytes, 2).byteOffset, count));
    case 'bfloat16':
      return bfloat16ToFloat32(new Uint16Array(aligned(bytes, 2).buffer, aligned(bytes, 2).byteOffset, count));
    case 'int64':
      return new BigInt64Array(aligned(bytes, 8).buffer, aligned(bytes, 8).byteOffset, count);
    default:
      throw new CheckpointError('unsupported', `${what} is ${dtype}; RepVGG weights are floating point (float32, float16, bfloat16 or float64)`);
  }
}

/** Typed arrays need their offset to be a multiple of the element size; copy when it is not. */
function aligned(bytes: Uint8Array, size: number): Uint8Array {
  return bytes.byteOffset % size === 0 ? bytes : bytes.slice();
}

/** A copy with every `size`-byte element reversed (big-endian file, little-endian machine). */
function swapBytes(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) {
    for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j]!;
  }
  return out;
}

/**
 * IEEE half → float32, exactly (every half value is a float32 value): sign, 5 exponent bits
 * (bias 15), 10 fraction bits; exponent 0 is subnormal, 31 is infinity or NaN.
 */
export function halfToFloat32(half: Uint16Array): Float32Array {
  const out = new Float32Array(half.length);
  for (let i = 0; i < half.length; i++) {
    const h = half[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * fraction * 2 ** -24;
    else if (exponent === 31) out[i] = fraction ? NaN : sign * Infinity;
    else out[i] = sign * (1024 + fraction) * 2 ** (exponent - 25);
  }
  return out;
}

/** bfloat16 is the top half of a float32: shift its bits into place. */
export function bfloat16ToFloat32(bf16: Uint16Array): Float32Array {
  const out = new Float32Array(bf16.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < bf16.length; i++) bits[i] = bf16[i]! << 16;
  return out;
}
