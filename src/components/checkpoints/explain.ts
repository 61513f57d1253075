/**
 * The checkpoint page's words: what went wrong (for a student), how much memory a file needs, what
 * a downloaded file is called. Plain functions of plain data, tested without a browser.
 */
import type { CheckpointErrorCode } from '../../math/checkpoint/errors.ts';
import { formatBytes } from '../run/model-options.ts';

/** A headline per CheckpointError code; the reader's own message follows it. */
const HEADLINES: Record<CheckpointErrorCode, string> = {
  truncated: 'The file is incomplete.',
  'not-a-checkpoint': 'This is not a checkpoint.',
  unsupported: 'This checkpoint is saved in a way the notebook cannot read.',
  forbidden: 'The file was refused for safety.',
  corrupt: 'The file is damaged.',
  'wrong-network': 'This is not a RepVGG checkpoint.',
  'wrong-variant': 'This is a different RepVGG than expected.',
  cancelled: 'Reading was cancelled.',
};

/** "Headline. The reader's message. What to do." for a file the readers refused. */
export function explainCheckpointError(code: string | undefined, message: string): string {
  const headline = HEADLINES[code as CheckpointErrorCode] ?? 'The file could not be read.';
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return `${headline} ${sentence}${/[.!?]$/.test(sentence) ? '' : '.'} Choose another file; the page keeps working.`;
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

export function estimatePeakBytes(float32WeightBytes: number): number {
  return PEAK_PER_WEIGHT_BYTE * float32WeightBytes;
}

export function memoryMessage(float32WeightBytes: number, detail: string): string {
  return (
    `This browser ran out of memory: converting this checkpoint and running both networks needs about ${formatBytes(estimatePeakBytes(float32WeightBytes))} ` +
    '(its weights, an ONNX file of the same size, and ONNX Runtime\'s copies). Close other tabs and try again, or use the command line ' +
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

export { formatBytes };
