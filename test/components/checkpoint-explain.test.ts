import { describe, expect, it } from 'vitest';
import { cameraErrorMessage, deployFileName, estimatePeakBytes, explainCheckpointError, float32Bytes, memoryMessage } from '../../src/components/checkpoints/explain';
import { readCheckpoint } from '../../src/math/checkpoint/read-checkpoint';
import { CheckpointError } from '../../src/math/checkpoint/errors';
import { fixtureBlob } from '../checkpoint/helpers';

describe('what the checkpoint page says', () => {
  it('each reader error gets a headline, the reader\'s own sentence, and what to do next', async () => {
    for (const [file, code, headline] of [
      ['resnet-like.pth', 'wrong-network', 'This is not a RepVGG checkpoint.'],
      ['unsafe-global.pth', 'forbidden', 'The file was refused for safety.'],
      ['not-a-checkpoint.zip', 'not-a-checkpoint', 'This is not a checkpoint.'],
      ['torchscript.pt', 'unsupported', 'This checkpoint is saved in a way the notebook cannot read.'],
    ] as const) {
      const error = await readCheckpoint(fixtureBlob(file)).then(() => null, (e: unknown) => e as CheckpointError);
      expect(error?.code, file).toBe(code);
      const text = explainCheckpointError(error!.code, error!.message);
      expect(text.startsWith(`${headline} ${error!.message.charAt(0).toUpperCase()}`), text).toBe(true);
      expect(text).toMatch(/Choose another file; the page keeps working\.$/);
    }
    expect(explainCheckpointError(undefined, 'something odd')).toBe('The file could not be read. Something odd. Choose another file; the page keeps working.');
    expect(explainCheckpointError('truncated', 'it was cut short.')).toBe('The file is incomplete. It was cut short. Choose another file; the page keeps working.');
  });

  it('memory: about 5× the float32 weights; half-precision files count double', () => {
    expect(estimatePeakBytes(100e6)).toBe(500e6);
    expect(float32Bytes(100, ['float16'])).toBe(200);
    expect(float32Bytes(100, ['bfloat16'])).toBe(200);
    expect(float32Bytes(100, ['float32', 'float16'])).toBe(100);
    expect(memoryMessage(490e6, 'RangeError: Array buffer allocation failed')).toMatch(/needs about 2\.5 GB .* The page still works\. \(RangeError: Array buffer allocation failed\)$/);
  });

  it('camera refusals say what happened and what to use instead', () => {
    expect(cameraErrorMessage('NotAllowedError', 'Permission denied')).toMatch(/^The camera was not allowed .*Use the sample photo or a photo file instead\.$/);
    expect(cameraErrorMessage('NotFoundError', 'Requested device not found')).toMatch(/^No camera was found/);
    expect(cameraErrorMessage('Unavailable', '')).toMatch(/secure page/);
    expect(cameraErrorMessage('WeirdError', 'boom')).toMatch(/\(WeirdError: boom\)/);
  });

  it('download names follow the official convention: -train becomes -deploy', () => {
    expect(deployFileName('RepVGG-A0-train.pth', 'pth')).toBe('RepVGG-A0-deploy.pth');
    expect(deployFileName('RepVGG-B3-train.pth', 'onnx')).toBe('RepVGG-B3-deploy.onnx');
    expect(deployFileName('repvgg_b3.rvgg_in1k.safetensors', 'safetensors')).toBe('repvgg_b3.rvgg_in1k-deploy.safetensors');
    expect(deployFileName('checkpoint.pth.tar', 'pth')).toBe('checkpoint-deploy.pth');
    expect(deployFileName('.pth', 'onnx')).toBe('checkpoint-deploy.onnx');
  });
});
