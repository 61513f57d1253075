import { describe, expect, it } from 'vitest';
import {
  NO_CHECKPOINT,
  NO_PHOTO,
  SAMPLE_WHAT,
  SOURCES,
  classifyDone,
  classifyFailedStatus,
  explainClassifyFailure,
  photoCaption,
  photoFailure,
  sampleUnavailable,
} from '../../../src/features/checkpoints/classifier-model';
import { ImageSourceError } from '../../../src/features/checkpoints/image-source';
import { JobFailed } from '../../../src/runtime/runner';

describe('checkpoint classifier: choices and photos', () => {
  it('offers the photo sources a link can carry', () => {
    expect(SOURCES).toEqual(['sample', 'file', 'camera']);
  });

  it('says what is missing before a run', () => {
    expect(NO_CHECKPOINT).toBe('Choose a checkpoint file first (a .pth or .safetensors file).');
    expect(NO_PHOTO).toBe('Choose a photo first: the sample photo, a photo file, or take one with the camera.');
  });

  it('captions the photo and explains one that could not be used', () => {
    expect(photoCaption(SAMPLE_WHAT, 640, 480)).toBe('the sample photo (a Samoyed, ImageNet class 258): 640×480 px');
    expect(photoFailure(new ImageSourceError('This file is not an image.'))).toBe('This file is not an image.');
    expect(photoFailure(new Error('odd'))).toBe('The photo could not be read: Error: odd');
    expect(sampleUnavailable(404)).toBe('The sample photo could not be loaded (HTTP 404); choose a photo file instead.');
  });
});

describe('checkpoint classifier: jobs', () => {
  it('explains a failed job by its kind', () => {
    expect(explainClassifyFailure(new JobFailed('checkpoint', 'it was cut short.', 'truncated'), 0)).toBe(
      'The file is incomplete. It was cut short. Choose another file; the page keeps working.',
    );
    expect(explainClassifyFailure(new JobFailed('memory', 'oom'), 100e6)).toMatch(
      /^This browser ran out of memory: converting this checkpoint and running both networks needs about 500(\.0)? MB .*\(oom\)$/,
    );
    expect(explainClassifyFailure(new JobFailed('webgpu', 'WebGPU failed: lost device'), 0)).toBe('WebGPU failed: lost device');
    expect(explainClassifyFailure(new JobFailed('runtime', 'HTTP 404'), 0)).toMatch(/^ONNX Runtime could not be loaded: HTTP 404\. /);
    expect(explainClassifyFailure('boom', 0)).toBe('Something went wrong: boom. Try again, or choose WebAssembly; the page still works.');
  });

  it('the status line after a failure names the file and what happened to it', () => {
    expect(classifyFailedStatus('notes.txt', new JobFailed('checkpoint', 'text', 'not-a-checkpoint'))).toBe(
      'notes.txt could not be used: it is not a checkpoint. Nothing was run.',
    );
    expect(classifyFailedStatus('big.pth', new JobFailed('memory', 'oom'))).toBe('big.pth: the browser ran out of memory, so the run stopped.');
    expect(classifyFailedStatus('a.pth', new Error('x'))).toBe('a.pth: the job failed (the message below says why).');
  });

  it('the status line after a run says whether the file was converted', () => {
    expect(classifyDone('RepVGG-A0-train.pth', true, 3_210)).toBe('Done: RepVGG-A0-train.pth read, converted, and both networks run in 3.2 s.');
    expect(classifyDone('RepVGG-A0-deploy.pth', false, 940)).toBe('Done: RepVGG-A0-deploy.pth read and run in 0.9 s.');
  });
});
