import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { convertModel, countModel, createTrainWeights } from '../../src/math/index.ts';
import { countOps, decodeModel, deployOnnxModel, encodeModel, trainOnnxModel } from '../../src/math/onnx/index.ts';
import { TINY_SPEC } from '../../src/runtime/models.ts';

const dir = mkdtempSync(join(tmpdir(), 'repvgg-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runMain(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('repvgg export', () => {
  it.each(['train', 'deploy'] as const)('--form %s writes the same bytes the library encodes for that seed', async (form) => {
    const file = join(dir, `tiny-${form}.onnx`);
    const result = await runMain('export', '-a', 'tiny', '--form', form, '--seed', '3', '--input-size', '32', '-o', file);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`wrote ${file}`);
    const weights = createTrainWeights({ ...TINY_SPEC, inputSize: 32 }, 3);
    const expected = encodeModel(form === 'train' ? trainOnnxModel(weights, { seed: 3 }) : deployOnnxModel(convertModel(weights), { seed: 3 }));
    const written = readFileSync(file);
    expect(written.equals(Buffer.from(expected))).toBe(true);
    expect(countOps(decodeModel(written))['BatchNormalization'] ?? 0).toBe(form === 'train' ? countModel(TINY_SPEC).bnLayers : 0);
  });

  it.each([
    [['-a', 'A9', '--form', 'train', '-o', 'x.onnx'], /unknown model "A9"/],
    [['-a', 'A0', '--form', 'eval', '-o', 'x.onnx'], /--form must be train or deploy/],
    [['-a', 'A0', '--form', 'train'], /missing -o/],
    [['-a', 'A0', '--form', 'train', '--seed=-1', '-o', 'x.onnx'], /--seed must be an integer/],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await runMain('export', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});
