import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/io/checkpoint/errors.ts';
import { inspectCheckpoint } from '../../../src/io/checkpoint/read-checkpoint.ts';
import { safetensorsHeader } from '../../../src/io/checkpoint/safetensors-writer.ts';
import { type TensorShape, firstMismatch, inferSpec, widthMultipliers } from '../../../src/io/checkpoint/infer.ts';
import { officialToTimm, recognizeNaming, timmToOfficial } from '../../../src/io/checkpoint/naming.ts';
import { REPVGG_VARIANTS, type RepVGGSpec, getVariant, stageWidths } from '../../../src/core/family.ts';
import { deployStateDict, trainStateDict } from '../../../src/core/state-dict.ts';
import { TINY, expectCheckpointError } from './helpers.ts';

/** A checkpoint's names and shapes without values: all that inference looks at. */
function shapesOf(spec: RepVGGSpec, form: 'train' | 'deploy'): Map<string, TensorShape> {
  const entries = form === 'train' ? trainStateDict(spec) : deployStateDict(spec);
  return new Map(entries.map((e) => [e.key, { dtype: e.dtype, shape: e.shape }]));
}

describe('architecture inference', () => {
  it.each(REPVGG_VARIANTS.map((s) => [s.name, s] as const))('%s is recognized by name from its training-time and its deploy shapes', (name, spec) => {
    for (const form of ['train', 'deploy'] as const) {
      const inferred = inferSpec(shapesOf(spec, form), form);
      expect(inferred.name).toBe(name);
      expect(firstMismatch(shapesOf(spec, form), inferred, form)).toBeNull();
    }
  });

  it('a custom architecture is inferred exactly (depths, widths, groups, classes, input channels)', () => {
    const custom: RepVGGSpec = { ...TINY, numClasses: 7, inChannels: 1 };
    const inferred = inferSpec(shapesOf(custom, 'train'), 'train', { inputSize: 32 });
    expect(inferred).toEqual({ ...custom, name: 'RepVGG (custom)' });
    expect(stageWidths(inferred)).toEqual([8, 8, 16, 32, 64]);
  });

  it('width multipliers: the smallest a that floors to every width, or none', () => {
    expect(widthMultipliers([48, 48, 96, 192, 1280])).toEqual([0.75, 2.5]);
    expect(widthMultipliers([44, 44, 89, 179, 512])).toEqual([179 / 256, 1]); // a = 0.7: ⌊44.8⌋, ⌊89.6⌋, ⌊179.2⌋
    expect(widthMultipliers([64, 64, 100, 256, 512])).toBeNull();
    expect(widthMultipliers([32, 64, 128, 256, 512])).toBeNull(); // stage 0 must be min(64, width 1)
  });

  it('names the first mismatch with another variant, in registration order', () => {
    const a1 = shapesOf(getVariant('A1'), 'train');
    expect(firstMismatch(a1, getVariant('B1g2'), 'train')).toBe('stage1.0.rbr_dense.conv.weight has shape [64, 64, 3, 3]; RepVGG-B1g2 expects [128, 64, 3, 3]');
    // B1 and B1g2 differ only in groups: the first grouped layer (2 = stage1.1) is where.
    expect(firstMismatch(shapesOf(getVariant('B1'), 'deploy'), getVariant('B1g2'), 'deploy')).toBe(
      'stage1.1.rbr_reparam.weight has shape [128, 128, 3, 3]; RepVGG-B1g2 expects [128, 64, 3, 3]',
    );
    // B0 has the same widths as A1 but more blocks per stage: the first extra block is named.
    expect(firstMismatch(shapesOf(getVariant('B0'), 'deploy'), { ...getVariant('A1') }, 'deploy')).toBe(
      'the file has stage1.2.rbr_reparam.weight, which RepVGG-A1 does not have',
    );
  });

  it('reports extra tensors (an SE block) and missing ones; num_batches_tracked may be absent', () => {
    const withSe = shapesOf(TINY, 'train');
    withSe.set('stage1.0.se.down.weight', { dtype: 'float32', shape: [2, 8, 1, 1] });
    expect(firstMismatch(withSe, TINY, 'train')).toBe('the file has stage1.0.se.down.weight, which tiny does not have');
    const noCounters = new Map([...shapesOf(TINY, 'train')].filter(([k]) => !k.endsWith('num_batches_tracked')));
    expect(firstMismatch(noCounters, TINY, 'train')).toBeNull();
    noCounters.delete('stage2.1.rbr_identity.running_var');
    expect(firstMismatch(noCounters, TINY, 'train')).toBe('stage2.1.rbr_identity.running_var is missing; tiny has it (shape [16])');
  });
});

describe('a full-size checkpoint, identified from its header alone', () => {
  // A real RepVGG-A0 layout (timm deploy naming) with zero weights: inspecting never reads them.
  const entries = deployStateDict(getVariant('A0'));
  const header = safetensorsHeader({ entries: entries.map((e) => ({ ...e, key: officialToTimm(e.key) })), chunks: () => [] });
  const dataBytes = entries.reduce((sum, e) => sum + 4 * e.shape.reduce((a, b) => a * b, 1), 0);
  const blob = new Blob([header, new Uint8Array(dataBytes)]);

  it('is named RepVGG-A0 without -a', async () => {
    expect(await inspectCheckpoint(blob)).toMatchObject({
      variant: 'RepVGG-A0',
      form: 'deploy',
      naming: 'timm',
      architecture: 'depths 1-2-4-14-1, widths 48-48-96-192-1280, 1000 classes',
    });
  });

  it('with a wrong -a, the message names the first mismatch and asks whether it is RepVGG-A0', async () => {
    await expectCheckpointError(
      inspectCheckpoint(blob, { variant: 'repvgg_a1' }),
      'wrong-variant',
      /^stem\.reparam_conv\.weight has shape \[48, 3, 3, 3\]; RepVGG-A1 expects \[64, 3, 3, 3\] — is this checkpoint RepVGG-A0\?$/,
    );
  });
});

describe('naming', () => {
  it('timm and official keys map onto each other, both ways', () => {
    const pairs = [
      ['stage0.rbr_dense.conv.weight', 'stem.conv_kxk.conv.weight'],
      ['stage1.0.rbr_1x1.bn.running_var', 'stages.0.0.conv_1x1.bn.running_var'],
      ['stage4.0.rbr_reparam.bias', 'stages.3.0.reparam_conv.bias'],
      ['stage3.13.rbr_identity.num_batches_tracked', 'stages.2.13.identity.num_batches_tracked'],
      ['linear.weight', 'head.fc.weight'],
    ];
    for (const [official, timm] of pairs) {
      expect(officialToTimm(official!)).toBe(timm);
      expect(timmToOfficial(timm!)).toBe(official);
    }
  });

  it('strips DataParallel and torch.compile prefixes, and tells the form', () => {
    const keys = deployStateDict(TINY).map((e) => `module._orig_mod.${e.key}`);
    const recognized = recognizeNaming(keys);
    expect(recognized).toMatchObject({ naming: 'official', form: 'deploy', prefix: 'module._orig_mod.' });
    expect(recognized.fileKeys.get('linear.bias')).toBe('module._orig_mod.linear.bias');
  });

  it('refuses mixtures, and names other networks', () => {
    const refuse = (keys: string[], pattern: RegExp) => {
      expect(() => recognizeNaming(keys)).toThrow(CheckpointError);
      expect(() => recognizeNaming(keys)).toThrow(pattern);
    };
    refuse(['stage0.rbr_dense.conv.weight', 'stem.conv_kxk.conv.weight'], /mixes the official RepVGG naming .* with timm's/);
    refuse(['stage0.rbr_dense.conv.weight', 'stage1.0.rbr_reparam.weight'], /mixes training-time blocks .* with deploy blocks/);
    refuse(['cls_token', 'patch_embed.proj.weight', 'blocks.0.attn.qkv.weight'], /looks like a Vision Transformer checkpoint/);
    refuse(['features.0.weight', 'features.0.bias', 'classifier.0.weight'], /looks like a VGG or AlexNet checkpoint/);
    refuse(['stem.0.weight', 'stages.0.blocks.0.conv_dw.weight', 'head.fc.weight'], /looks like a ConvNeXt checkpoint/);
    refuse(['encoder.weight', 'decoder.bias'], /none of the 2 tensors belongs to a RepVGG block.*"encoder\.weight", "decoder\.bias"/);
  });
});
