/**
 * Every way a checkpoint can fail to load, as one error class with a message written for a
 * student (what is wrong with the file, in words, and what to try), and a machine-readable code
 * for pages and tests. Readers throw nothing else on bad input: a TypeError or RangeError escaping
 * a reader is a bug in the reader.
 */
export type CheckpointErrorCode =
  /** The file ends early (an interrupted download or copy). */
  | 'truncated'
  /** Not a checkpoint at all: random bytes, an image, a web page, a zip of something else. */
  | 'not-a-checkpoint'
  /** A checkpoint, but in a form this reader does not read (legacy pickle, TorchScript, a dtype). */
  | 'unsupported'
  /** The pickle asks for something outside the allowlist (a global, an opcode). */
  | 'forbidden'
  /** The structure is inconsistent: offsets, sizes or shapes that cannot be right. */
  | 'corrupt'
  /** A state dict, but not of a RepVGG (ResNet, ViT, ...). */
  | 'wrong-network'
  /** A RepVGG, but not the variant asked for with -a. */
  | 'wrong-variant'
  /** The file itself could not be read (moved, changed or gone since it was chosen). */
  | 'unreadable'
  /** The caller's AbortSignal fired. */
  | 'cancelled';

export class CheckpointError extends Error {
  override name = 'CheckpointError';
  readonly code: CheckpointErrorCode;

  constructor(code: CheckpointErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The readers' entry points run through this: a CheckpointError passes as it is; anything else
 * (a reader bug the file found, or the engine running out of stack or memory) becomes a
 * CheckpointError with a plain message, the original kept as `cause` (tests treat a CheckpointError
 * with a cause as the bug it is).
 */
export function asCheckpointError(error: unknown, signal?: AbortSignal): CheckpointError {
  if (error instanceof CheckpointError) return error;
  if (signal?.aborted) return new CheckpointError('cancelled', 'reading the checkpoint was cancelled', { cause: error });
  const kind = error instanceof RangeError ? ' (it is built in a way too deep or too large to follow)' : '';
  return new CheckpointError('corrupt', `the checkpoint could not be read: its structure is not one this reader handles${kind}`, { cause: error });
}

/** Await `read`, turning anything but a CheckpointError into one (see asCheckpointError). */
export async function guardRead<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw asCheckpointError(error, signal);
  }
}

/** Names from the file in messages: a key of 200 KB would bury the message, so long ones are cut. */
export function formatName(name: string, max = 80): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max)}… (${name.length.toLocaleString('en-US')} characters)`;
}

/**
 * An element count or byte count that may exceed 2^53 (computed as a BigInt): exact, with
 * thousands separators, up to 24 digits; past that, as 1.234 × 10^470 (still a real number,
 * never NaN or Infinity).
 */
export function formatCount(value: number | bigint): string {
  if (typeof value === 'number' && !Number.isInteger(value)) return String(value);
  const big = BigInt(value);
  const digits = (big < 0n ? -big : big).toString();
  if (digits.length <= 24) return big.toLocaleString('en-US');
  return `${big < 0n ? '-' : ''}${digits[0]}.${digits.slice(1, 4)} × 10^${digits.length - 1}`;
}

/** Throw `CheckpointError('cancelled')` when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CheckpointError('cancelled', 'reading the checkpoint was cancelled');
}

/** A shape in messages: [256, 128, 3, 3]. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
