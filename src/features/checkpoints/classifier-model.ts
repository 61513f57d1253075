/**
 * The checkpoint classifier's choices and words without the DOM: the photo sources and backends a
 * link can carry, what is missing before a run, the photo's caption and failures, a failed job in
 * words, and the status line after a run. The element (checkpoint-classifier.ts) shows these;
 * the file-level words (errors, memory, file names) are in explain.ts.
 */
import { JobFailed } from '../../runtime/runner';
import { runtimeAdvice } from '../../ui/job/job-progress';
import { explainCheckpointError, failureStatus, memoryMessage } from './explain';
import { ImageSourceError } from './image-source';

/** Where the photo comes from (`ckpt.image`). */
export const SOURCES = ['sample', 'file', 'camera'] as const;
export type Source = (typeof SOURCES)[number];

/** The bundled sample photo, under the site's base, and how the caption names it. */
export const SAMPLE_PHOTO = 'models/samples/samoyed.jpg';
export const SAMPLE_WHAT = 'the sample photo (a Samoyed, ImageNet class 258)';
export const CAMERA_WHAT = 'a photo from the camera';

export const NO_CHECKPOINT = 'Choose a checkpoint file first (a .pth or .safetensors file).';
export const NO_PHOTO = 'Choose a photo first: the sample photo, a photo file, or take one with the camera.';

export const sampleUnavailable = (status: number): string => `The sample photo could not be loaded (HTTP ${status}); choose a photo file instead.`;

/** Under the preview: what the photo is and its size. */
export const photoCaption = (what: string, width: number, height: number): string => `${what}: ${width}×${height} px`;

/** Why a photo could not be used: an ImageSourceError says it in words already. */
export const photoFailure = (error: unknown): string => (error instanceof ImageSourceError ? error.message : `The photo could not be read: ${String(error)}`);

/** A failed classification or conversion in words: what went wrong and what to do. */
export function explainClassifyFailure(error: unknown, float32WeightBytes: number): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof JobFailed && error.kind === 'checkpoint') return explainCheckpointError(error.code, message);
  if (error instanceof JobFailed && error.kind === 'memory') return memoryMessage(float32WeightBytes, message);
  if (error instanceof JobFailed && error.kind === 'webgpu') return message;
  if (error instanceof JobFailed && error.kind === 'runtime') return runtimeAdvice(message);
  return `Something went wrong: ${message}. Try again, or choose WebAssembly; the page still works.`;
}

/** The status line after a failed job on `fileName` (failureStatus, by the JobFailed's kind and code). */
export const classifyFailedStatus = (fileName: string, error: unknown): string =>
  failureStatus(fileName, error instanceof JobFailed ? error.code : undefined, error instanceof JobFailed ? error.kind : undefined);

/** The status line after a run: a training-time file is converted and both forms run, a deploy file runs alone. */
export const classifyDone = (fileName: string, converted: boolean, ms: number): string =>
  `Done: ${fileName} ${converted ? 'read, converted, and both networks run' : 'read and run'} in ${(ms / 1000).toFixed(1)} s.`;
