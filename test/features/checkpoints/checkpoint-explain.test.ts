import { describe, expect, it } from 'vitest';
import {
  cameraErrorMessage,
  deployFileName,
  describeChosenFile,
  checkpointPeakBytes,
  explainCheckpointError,
  failureStatus,
  float32Bytes,
  memoryMessage,
} from '../../../src/features/checkpoints/explain';
import { readCheckpoint } from '../../../src/io/checkpoint/read-checkpoint';
import type { CheckpointError } from '../../../src/io/checkpoint/errors';
import { fixtureBlob } from '../../io/checkpoint/helpers';

describe('what the checkpoint page says', () => {
  it("each reader error gets a headline, the reader's own sentence, and what to do next", async () => {
    for (const [file, code, headline] of [
      ['resnet-like.pth', 'wrong-network', 'This is not a RepVGG checkpoint.'],
      ['unsafe-global.pth', 'forbidden', 'The file was refused for safety.'],
      ['not-a-checkpoint.zip', 'not-a-checkpoint', 'This is not a checkpoint.'],
      ['torchscript.pt', 'unsupported', 'This checkpoint is saved in a way the notebook cannot read.'],
    ] as const) {
      const error = await readCheckpoint(fixtureBlob(file)).then(
        () => null,
        (e: unknown) => e as CheckpointError,
      );
      expect(error?.code, file).toBe(code);
      const text = explainCheckpointError(error!.code, error!.message);
      expect(text.startsWith(`${headline} ${error!.message.charAt(0).toUpperCase()}`), text).toBe(true);
      expect(text).toMatch(/Choose another file; the page keeps working\.$/);
    }
    expect(explainCheckpointError(undefined, 'something odd')).toBe('The file could not be read. Something odd. Choose another file; the page keeps working.');
    expect(explainCheckpointError('truncated', 'it was cut short.')).toBe(
      'The file is incomplete. It was cut short. Choose another file; the page keeps working.',
    );
  });

  it('memory: about 5× the float32 weights; half-precision files count double', () => {
    expect(checkpointPeakBytes(100e6)).toBe(500e6);
    expect(float32Bytes(100, ['float16'])).toBe(200);
    expect(float32Bytes(100, ['bfloat16'])).toBe(200);
    expect(float32Bytes(100, ['float32', 'float16'])).toBe(100);
    expect(memoryMessage(490e6, 'RangeError: Array buffer allocation failed')).toMatch(
      /needs about 2\.5 GB .* The page still works\. \(RangeError: Array buffer allocation failed\)$/,
    );
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

describe('status lines say what happened (issue 16)', () => {
  it('a refused file: its name and the headline, not "Stopped."', () => {
    expect(failureStatus('notes.txt', 'not-a-checkpoint', 'checkpoint')).toBe('notes.txt could not be used: it is not a checkpoint. Nothing was run.');
    expect(failureStatus('a.pth', 'truncated', 'checkpoint')).toBe('a.pth could not be used: it is incomplete. Nothing was run.');
    expect(failureStatus('a.pth', 'forbidden', 'checkpoint')).toBe('a.pth could not be used: it was refused for safety. Nothing was run.');
    expect(failureStatus('b3.pth', undefined, 'memory')).toMatch(/^b3\.pth: the browser ran out of memory/);
    for (const text of [failureStatus('x', 'corrupt', 'checkpoint'), failureStatus('x', undefined, 'other')]) expect(text).not.toMatch(/^Stopped/);
  });

  it('the headline is not repeated when the reader already says it', async () => {
    const web = explainCheckpointError('not-a-checkpoint', 'this is a web page, not a checkpoint: the download probably saved an error page');
    expect(web).toBe('This is a web page, not a checkpoint: the download probably saved an error page. Choose another file; the page keeps working.');
    const error = await readCheckpoint(new Blob(['model: RepVGG-A0\nlayers: 22\n'])).then(
      () => null,
      (e: unknown) => e as CheckpointError,
    );
    const text = explainCheckpointError(error!.code, error!.message);
    expect(text).toMatch(/^This is not a checkpoint\. This looks like a text file \(it begins “model: RepVGG-A0 layers: 22”\), neither a PyTorch \.pth/);
    expect(text.match(/not a checkpoint/g)).toHaveLength(1);
    expect(text).not.toMatch(/bytes [0-9a-f]{2} /);
  });

  it('choosing a file: no "about 0 kB" for an empty or tiny file', () => {
    expect(describeChosenFile('empty.pth', 0)).toBe('empty.pth is empty (0 bytes): it is not a checkpoint. Choose another file.');
    expect(describeChosenFile('notes.txt', 12)).toBe(
      "notes.txt: 12 bytes, too small to hold a RepVGG network's weights; running it will say what the file is.",
    );
    expect(describeChosenFile('RepVGG-A0-train.pth', 36.6e6)).toMatch(/^RepVGG-A0-train\.pth: 36\.6 MB\. .*needs about 183 MB/);
    for (const size of [0, 1, 999, 5000, 99e3]) expect(describeChosenFile('f', size)).not.toMatch(/\b0 kB/);
  });
});
