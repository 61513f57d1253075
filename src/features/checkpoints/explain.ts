/**
 * The checkpoint page's words: what went wrong (for a student), how much memory a file needs, what
 * a downloaded file is called. Plain functions of plain data, tested without a browser.
 */
import type { CheckpointErrorCode } from '../../io/checkpoint/errors.ts';
import { formatBytes } from '../../io/bytes.ts';

/** A headline per CheckpointError code; the reader's own message follows it. */
const HEADLINES: Record<CheckpointErrorCode, string> = {
  truncated: 'The file is incomplete.',
  'not-a-checkpoint': 'This is not a checkpoint.',
  unsupported: 'This checkpoint is saved in a way the notebook cannot read.',
  forbidden: 'The file was refused for safety.',
  corrupt: 'The file is damaged.',
  'wrong-network': 'This is not a RepVGG checkpoint.',
  'wrong-variant': 'This is a different RepVGG than expected.',
  unreadable: 'The file could not be read.',
  cancelled: 'Reading was cancelled.',
};

/** "Headline. The reader's message. What to do." for a file the readers refused; the headline once. */
export function explainCheckpointError(code: string | undefined, message: string): string {
  const headline = HEADLINES[code as CheckpointErrorCode] ?? 'The file could not be read.';
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  // "This is not a checkpoint. This is a web page, not a checkpoint" says it twice: keep the reader's words.
  const core = headline
    .replace(/^(This is|The file (is|was)|This checkpoint is)\s+/i, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const lead = message.toLowerCase().includes(core) ? '' : `${headline} `;
  return `${lead}${sentence}${/[.!?]$/.test(sentence) ? '' : '.'} Choose another file; the page keeps working.`;
}

/** The status line after a job stopped on an error: what happened to which file (the message below says why). */
export function failureStatus(fileName: string, code: string | undefined, kind: string | undefined): string {
  if (kind === 'checkpoint') {
    const headline = (HEADLINES[code as CheckpointErrorCode] ?? 'The file could not be read.').replace(
      /^(This is|The file is|The file was|This checkpoint is|The file could)/,
      (m) => ({ 'This is': 'it is', 'The file is': 'it is', 'The file was': 'it was', 'This checkpoint is': 'it is', 'The file could': 'it could' })[m] ?? m,
    );
    return `${fileName} could not be used: ${headline} Nothing was run.`;
  }
  if (kind === 'memory') return `${fileName}: the browser ran out of memory, so the run stopped.`;
  return `${fileName}: the job failed (the message below says why).`;
}

/** A file can hold RepVGG's weights only if it is at least this large (RepVGG-tiny, the smallest, is about 1.2 MB). */
export const SMALLEST_CHECKPOINT_BYTES = 100e3;

/** What the page says when a file is chosen, before anything is read: its size and, for a file that can be a checkpoint, the memory a run needs. */
export function describeChosenFile(name: string, size: number): string {
  if (size === 0) return `${name} is empty (0 bytes): it is not a checkpoint. Choose another file.`;
  if (size < SMALLEST_CHECKPOINT_BYTES)
    return `${name}: ${formatBytes(size)}, too small to hold a RepVGG network's weights; running it will say what the file is.`;
  return `${name}: ${formatBytes(size)}. Converting it and running both networks needs about ${formatBytes(checkpointPeakBytes(size))} of memory in this tab (about ${formatBytes(2 * checkpointPeakBytes(size))} for a float16 file).`;
}

/**
 * Memory while one checkpoint is converted and both forms run: its float32 weights, one ONNX file
 * of the same size until ONNX Runtime has copied it, and ONNX Runtime's copy (the model bytes and
 * the initializers it builds from them, about twice the weights) — about 5× the float32 weights.
 * Checked with `npm run bench:checkpoints`: a 493 MB B3 file raised headless Chromium's memory
 * (PSS) by about 2.5 GB at its peak. float16 and bfloat16 files are widened to float32 on reading,
 * so they count double.
 */
export const PEAK_PER_WEIGHT_BYTE = 5;

export function float32Bytes(weightBytes: number, dtypes: readonly string[]): number {
  return dtypes.length && dtypes.every((d) => d === 'float16' || d === 'bfloat16') ? weightBytes * 2 : weightBytes;
}

export function checkpointPeakBytes(float32WeightBytes: number): number {
  return PEAK_PER_WEIGHT_BYTE * float32WeightBytes;
}

export function memoryMessage(float32WeightBytes: number, detail: string): string {
  return (
    `This browser ran out of memory: converting this checkpoint and running both networks needs about ${formatBytes(checkpointPeakBytes(float32WeightBytes))} ` +
    "(its weights, an ONNX file of the same size, and ONNX Runtime's copies). Close other tabs and try again, or use the command line " +
    `(npx repvgg classify CHECKPOINT PHOTO), which needs far less. The page still works. (${detail})`
  );
}

/** Why the camera could not start, by the DOMException's name, with what to do instead. */
export function cameraErrorMessage(name: string, message: string): string {
  const instead = 'Use the sample photo or a photo file instead.';
  switch (name) {
    case 'NotAllowedError':
      return `The camera was not allowed (you or the browser said no). To use it, allow the camera for this site in the browser's settings and try again. ${instead}`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No camera was found on this device. ${instead}`;
    case 'NotReadableError':
    case 'AbortError':
      return `The camera could not be started: another program may be using it. ${instead}`;
    case 'SecurityError':
    case 'Unavailable':
      return `The camera is only available on a secure page (https:// or localhost) in a browser that supports it. ${instead}`;
    default:
      return `The camera could not be started (${name}: ${message}). ${instead}`;
  }
}

export const NOT_AN_IMAGE = 'This file is not an image this browser can open (JPEG, PNG, WebP, GIF, AVIF…). Choose a photo file, or use the sample photo.';

/** "RepVGG-A0-train.pth" → "RepVGG-A0-deploy.onnx"; any other name gets "-deploy" added. */
export function deployFileName(inputName: string, extension: 'pth' | 'safetensors' | 'onnx'): string {
  const stem = inputName.replace(/\.(pth\.tar|pth|pt|tar|bin|safetensors|ckpt)$/i, '') || 'checkpoint';
  const deploy = /[-_.]train$/i.test(stem) ? stem.replace(/([-_.])train$/i, '$1deploy') : `${stem}-deploy`;
  return `${deploy}.${extension}`;
}
