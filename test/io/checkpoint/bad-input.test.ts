import { describe, expect, it } from 'vitest';
import { inspectCheckpoint, readCheckpoint } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { expectCheckpointError, fixtureBlob, fixtureBytes } from './helpers.ts';

/** Every kind of bad input gets a CheckpointError whose message says what is wrong, in words. */
const read = (bytes: Uint8Array<ArrayBuffer> | string) => readCheckpoint(new Blob([bytes]));

describe('files that are not checkpoints', () => {
  it('an empty file, random bytes, a web page, a Git LFS pointer, an image, gzip', async () => {
    await expectCheckpointError(read(new Uint8Array(0)), 'not-a-checkpoint', /the file is empty/);
    await expectCheckpointError(
      read(Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 251)),
      'not-a-checkpoint',
      /neither a PyTorch \.pth .* nor a safetensors file/,
    );
    await expectCheckpointError(read('<!DOCTYPE html><html><body>Sign in</body></html>'), 'not-a-checkpoint', /web page/);
    await expectCheckpointError(read('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n'), 'not-a-checkpoint', /Git LFS pointer/);
    await expectCheckpointError(read(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46)), 'not-a-checkpoint', /an image/);
    await expectCheckpointError(read(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3)), 'not-a-checkpoint', /gzip/);
    // A text file says so, with its first words, not hex bytes; UTF-8 cut mid-character at the 512-byte head still reads as text.
    await expectCheckpointError(
      read('epoch,loss\n1,0.93\n'),
      'not-a-checkpoint',
      /^this looks like a text file \(it begins “epoch,loss 1,0\.93”\), neither a PyTorch/,
    );
    await expectCheckpointError(read(`${'a'.repeat(511)}é and more`), 'not-a-checkpoint', /looks like a text file \(it begins “a{40}…”\)/);
  });

  it('a zip archive that is not a checkpoint, and a TorchScript model', async () => {
    await expectCheckpointError(
      readCheckpoint(fixtureBlob('not-a-checkpoint.zip')),
      'not-a-checkpoint',
      /zip archive, but not a PyTorch checkpoint.*notes\/readme\.txt/,
    );
    await expectCheckpointError(readCheckpoint(fixtureBlob('torchscript.pt')), 'unsupported', /TorchScript/);
  });

  it('a plain pickle is not a torch.save file', async () => {
    await expectCheckpointError(read(Uint8Array.of(0x80, 2, 0x7d, 0x2e)), 'unsupported', /plain Python pickle, not a file written by torch\.save/);
  });
});

describe('pickles that ask for more than a state dict', () => {
  it('names the forbidden global and warns when it is a code-running one', async () => {
    const error = await expectCheckpointError(readCheckpoint(fixtureBlob('unsafe-global.pth')), 'forbidden', /posix\.system/);
    expect(error.message).toMatch(/nothing in the file was run/);
    expect(error.message).toMatch(/malicious/);
  });

  it('training arguments pickled beside the weights: refused, with how to keep only the weights', async () => {
    const error = await expectCheckpointError(readCheckpoint(fixtureBlob('training-args.pth')), 'forbidden', /argparse\.Namespace/);
    expect(error.message).toMatch(/stores more than weights/);
  });
});

describe('checkpoints of other networks', () => {
  it('a ResNet state dict', async () => {
    await expectCheckpointError(readCheckpoint(fixtureBlob('resnet-like.pth')), 'wrong-network', /looks like a ResNet checkpoint, not RepVGG/);
  });
});

describe('truncated files', () => {
  it.each([
    ['tiny-official-train.pth', /cut short|interrupted/],
    ['tiny-timm-train.safetensors', /cut short/],
    ['tiny-official-train-legacy.pth', /cut short|ends early/],
  ])('%s cut at several points says the file ends early', async (name, pattern) => {
    const bytes = fixtureBytes(name);
    for (const fraction of [0.999, 0.5, 0.01]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
      await expectCheckpointError(read(cut), 'truncated', pattern);
    }
  });
});

describe('-a VARIANT', () => {
  it('names the first mismatch and guesses when the file is a custom RepVGG', async () => {
    const error = await expectCheckpointError(
      readCheckpoint(fixtureBlob('tiny-official-train.pth'), { variant: 'A0' }),
      'wrong-variant',
      /^stage0\.rbr_dense\.conv\.weight has shape \[8, 3, 3, 3\]; RepVGG-A0 expects \[48, 3, 3, 3\] — the file looks like a custom RepVGG \(depths 1-2-2-3-1/,
    );
    expect(error.message).toMatch(/widths 8-8-16-32-64/);
  });

  it("speaks the file's own naming (timm) in the message", async () => {
    await expectCheckpointError(
      readCheckpoint(fixtureBlob('tiny-timm-train.safetensors'), { variant: 'RepVGG-B1g2' }),
      'wrong-variant',
      /^stem\.conv_kxk\.conv\.weight has shape \[8, 3, 3, 3\]; RepVGG-B1g2 expects \[64, 3, 3, 3\]/,
    );
  });

  it('inspectCheckpoint identifies without reading the weights', async () => {
    const info = await inspectCheckpoint(fixtureBlob('tiny-wrapped-module.pth'));
    expect(info).toMatchObject({ format: 'pth', naming: 'official', form: 'train', wrapper: 'model', prefix: 'module.', variant: null });
    expect(info.architecture).toBe('depths 1-2-2-3-1, widths 8-8-16-32-64, groups 2/4 on layers 2, 4, 6, 10 classes');
    expect(info.weightBytes).toBeGreaterThan(0);
  });
});
