import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { repvgg, scratchDir } from './run-cli.ts';
import { readCheckpointFile } from '../../src/cli/checkpoint-files.ts';
import { readImageFile } from '../../src/cli/image-file.ts';
import { deployWeightsOf } from '../../src/io/checkpoint/read-checkpoint.ts';
import { topPredictions } from '../../src/core/classes.ts';
import { forwardDeploy } from '../../src/core/model.ts';
import { evalInput } from '../../src/io/preprocess.ts';
import { FIXTURES, ROOT } from '../io/checkpoint/helpers.ts';

const SAMPLE = `${ROOT}public/models/samples/samoyed.jpg`;
const dir = scratchDir('classify');

/** The five classes of a printed table, in order: "class 2" or "Samoyed (class 258)" → 2, 258. */
const printedClasses = (out: string) => [...out.matchAll(/^\d\s+.*?class (\d+)\)?\s+([\d.]+) %/gm)].map((m) => [Number(m[1]), Number(m[2])]);

describe('repvgg classify', () => {
  /** What the TypeScript reference forward predicts for the sample photo: the check on ONNX Runtime's answer. */
  async function reference(file: string) {
    const loaded = await readCheckpointFile(FIXTURES + file);
    const { input } = evalInput(await readImageFile(SAMPLE));
    return topPredictions(forwardDeploy(deployWeightsOf(loaded), input).data, null);
  }

  it.each(['tiny-official-train.pth', 'tiny-timm-train.safetensors', 'tiny-official-deploy.pth'])(
    '%s + the sample photo: the reference forward\'s top-5, "class k" for a 10-class head',
    async (file) => {
      const result = await repvgg('classify', FIXTURES + file, SAMPLE);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/image: samoyed\.jpg, 1546×1213 px → 326×256 → centre 224×224, ImageNet mean\/std/);
      expect(result.out).toMatch(file.includes('deploy') ? /already in deploy form/ : /re-parameterized to the deploy form/);
      expect(result.out).toMatch(/10 classes, no class names: the network has 10 classes, not ImageNet's 1000/);
      const printed = printedClasses(result.out);
      const expected = await reference(file);
      expect(printed.map(([c]) => c)).toEqual(expected.map((p) => p.index));
      printed.forEach(([, percent], i) => expect(Math.abs(percent! - 100 * expected[i]!.probability)).toBeLessThan(0.006));
    },
  );

  it('an .onnx file runs as it is; one built for another input size is refused with the fix', async () => {
    const onnx = join(dir, 'tiny.onnx');
    expect((await repvgg('convert', `${FIXTURES}tiny-official-train.pth`, '-o', onnx)).code).toBe(0);
    const result = await repvgg('classify', onnx, SAMPLE, '--top', '3');
    expect(result.code).toBe(0);
    expect(printedClasses(result.out).map(([c]) => c)).toEqual((await reference('tiny-official-train.pth')).slice(0, 3).map((p) => p.index));
    const small = join(dir, 'tiny-32.onnx');
    expect((await repvgg('convert', `${FIXTURES}tiny-official-train.pth`, '-o', small, '--input-size', '32')).code).toBe(0);
    const refused = await repvgg('classify', small, SAMPLE);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/takes 32×32 px images, but the official evaluation feeds a 224×224 centre crop: export it for 224 px/);
  });

  it('a grey PNG with alpha, turned by EXIF, is read as upright RGB', async () => {
    const png = join(dir, 'grey.png');
    await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 128, g: 128, b: 128, alpha: 0.5 } } })
      .toColourspace('b-w')
      .png()
      .toFile(png);
    expect((await sharp(png).metadata()).channels).toBe(2); // grey + alpha
    const rotated = join(dir, 'rotated.jpg');
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(rotated);
    const a = await readImageFile(png);
    expect([a.width, a.height, a.rgb.length]).toEqual([40, 30, 40 * 30 * 3]);
    expect(new Set(a.rgb)).toEqual(new Set([128])); // grey copied to r, g and b; alpha dropped
    const b = await readImageFile(rotated);
    expect([b.width, b.height]).toEqual([30, 40]);
    expect((await repvgg('classify', `${FIXTURES}tiny-official-train.pth`, png)).code).toBe(0);
  });

  it('bad input: a non-image, a non-checkpoint, another network, a wrong -a, a broken .onnx — a message and exit 1', async () => {
    const garbage = join(dir, 'garbage.onnx');
    writeFileSync(garbage, 'this is not a protobuf');
    const image = SAMPLE;
    for (const [args, pattern] of [
      [[`${FIXTURES}tiny-official-train.pth`, `${ROOT}README.md`], /README\.md is not an image that can be read \(JPEG, PNG/],
      [[`${FIXTURES}tiny-official-train.pth`, join(dir, 'missing.jpg')], /cannot open .*missing\.jpg: no such file/],
      [[image, image], /this is an image, not a checkpoint/],
      [[`${FIXTURES}not-a-checkpoint.zip`, image], /not a PyTorch checkpoint/],
      [[`${FIXTURES}resnet-like.pth`, image], /looks like a ResNet checkpoint, not RepVGG/],
      [[`${FIXTURES}unsafe-global.pth`, image], /posix\.system/],
      [[`${FIXTURES}tiny-official-train.pth`, image, '-a', 'A0'], /RepVGG-A0 expects \[48, 3, 3, 3\]/],
      [[garbage, image], /garbage\.onnx is not an ONNX model ONNX Runtime can load/],
    ] as const) {
      const result = await repvgg('classify', ...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.err).toMatch(pattern);
      expect(result.err).toMatch(/^repvgg classify: /);
    }
  });

  it('usage errors exit 2: missing arguments, an unknown variant, -a with an .onnx file, a bad --top', async () => {
    for (const [args, pattern] of [
      [[SAMPLE], /give a MODEL and an IMAGE/],
      [[`${FIXTURES}tiny-official-train.pth`, SAMPLE, '-a', 'Z1'], /unknown model "Z1"; known: A0, A1, .*, tiny/],
      [[join(dir, 'x.onnx'), SAMPLE, '-a', 'A0'], /-a checks a checkpoint/],
      [[`${FIXTURES}tiny-official-train.pth`, SAMPLE, '--top', '0'], /--top must be an integer from 1 to 1000/],
    ] as const) {
      const result = await repvgg('classify', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toMatch(pattern);
    }
  });
});
