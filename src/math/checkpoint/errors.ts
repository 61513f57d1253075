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
  /** The caller's AbortSignal fired. */
  | 'cancelled';

export class CheckpointError extends Error {
  override name = 'CheckpointError';
  readonly code: CheckpointErrorCode;

  constructor(code: CheckpointErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Throw `CheckpointError('cancelled')` when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CheckpointError('cancelled', 'reading the checkpoint was cancelled');
}

/** "1.5 MiB", "312 bytes": sizes in messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A shape in messages: [256, 128, 3, 3]. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
