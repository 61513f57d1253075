import type { DType, TensorData } from './dtype.ts';
import { CheckpointError, throwIfCancelled } from './errors.ts';
import { formatBytes } from '../bytes.ts';

/**
 * What both readers (PyTorch .pth and safetensors) produce: the file's tensors by key, each
 * described (dtype, shape) but not read until asked. Deciding what the file is (naming,
 * architecture, -a check) needs only the descriptions, so a ResNet checkpoint is refused, and a
 * RepVGG one identified, without reading its half gigabyte of weights.
 */
export interface TensorRecord {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Bytes of the file read to load it. */
  readonly byteLength: number;
  /** Read and decode: floating point → Float32Array, int64 → BigInt64Array. */
  read(signal?: AbortSignal): Promise<TensorData>;
}

/** 'pth': torch.save's zip format (PyTorch ≥ 1.6); 'pth-legacy': its format before 1.6. */
export type CheckpointFormat = 'pth' | 'pth-legacy' | 'safetensors';

export interface CheckpointFile {
  readonly format: CheckpointFormat;
  /** Tensors by their key in the file, in file order, after unwrapping {'model': ...}. */
  readonly tensors: ReadonlyMap<string, TensorRecord>;
  /** The key the state dict was found under ('model', 'state_dict'), or null for a plain state dict. */
  readonly wrapper: string | null;
}

/**
 * What the readers read from: a Blob or File (the browser, Node's fs.openAsBlob), or anything that
 * cuts byte ranges out of a file the same way (the CLI reads its file with pread: Node's file-backed
 * Blob streams every slice through chunks it then concatenates, which made reading CPU-bound).
 */
export interface ByteSource {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Bytes [offset, offset + length) of a Blob or File, read by slicing: only those bytes are ever
 * in memory, however large the file. The range is checked against the file's size first, so a
 * corrupt header can never make this allocate more than the file holds.
 */
export async function readRange(blob: ByteSource, offset: number, length: number, what: string, signal?: AbortSignal): Promise<Uint8Array> {
  throwIfCancelled(signal);
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new CheckpointError('corrupt', `${what}: impossible byte range (offset ${offset}, length ${length})`);
  }
  if (offset + length > blob.size) {
    throw new CheckpointError(
      'truncated',
      `${what} lies at bytes ${offset}..${offset + length} but the file has only ${formatBytes(blob.size)}: it was probably cut short (an interrupted download or copy)`,
    );
  }
  const bytes = await readBytes(blob, offset, offset + length, signal);
  if (bytes.length !== length) throw new CheckpointError('truncated', `${what}: the file changed or ended while it was being read`);
  throwIfCancelled(signal);
  return bytes;
}

/**
 * Bytes [start, end) of the source as they come (a short read is the caller's to judge). A failure
 * of the source itself (the file was moved or changed since it was chosen, a drive went away) is
 * said as such, not as damage in the file.
 */
export async function readBytes(blob: ByteSource, start: number, end: number, signal?: AbortSignal): Promise<Uint8Array> {
  try {
    return new Uint8Array(await blob.slice(start, end).arrayBuffer());
  } catch (error) {
    throwIfCancelled(signal);
    const detail = error instanceof Error ? error.message : String(error);
    throw new CheckpointError(
      'unreadable',
      `the file could not be read (${detail}): if it was moved or changed since it was chosen, or is on a drive that went away, choose it again`,
    );
  }
}

/**
 * Copy the elements of a strided view out of the bytes that hold it (`bytes` starts at the
 * view's first element). Used for the rare non-contiguous tensor (a transposed or sliced weight
 * saved as a view); contiguous tensors are read as they are.
 */
export function gatherStrided(bytes: Uint8Array, itemSize: number, shape: readonly number[], stride: readonly number[]): Uint8Array {
  const numel = shape.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(numel * itemSize);
  const index = new Array<number>(shape.length).fill(0);
  let source = 0;
  for (let n = 0; n < numel; n++) {
    out.set(bytes.subarray(source * itemSize, (source + 1) * itemSize), n * itemSize);
    // Odometer: advance the last axis, carrying into earlier ones.
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      source += stride[axis]!;
      if (index[axis]! < shape[axis]!) break;
      source -= index[axis]! * stride[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}

/** Is a view with these strides laid out row-major without gaps? (Axes of size 1 may have any stride.) */
export function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] === 0) return true;
    if (shape[axis] !== 1 && stride[axis] !== expected) return false;
    expected *= shape[axis]!;
  }
  return true;
}
