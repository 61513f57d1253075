import { describe, expect, it } from 'vitest';
import { conv2d } from '../../src/core/conv2d.ts';
import { identityKernel } from '../../src/core/identity-kernel.ts';
import { padTo3x3 } from '../../src/core/pad-to-3x3.ts';
import { createRng } from '../../src/core/random.ts';
import { at, maxAbsDiff, maxRelDiff } from '../../src/core/tensor.ts';
import { pick, randomInt, randomTensor } from './helpers.ts';

describe('padTo3x3', () => {
  it('puts each 1×1 weight at the centre of a zero 3×3', () => {
    const rng = createRng(12);
    const k = randomTensor(rng, [3, 2, 1, 1]);
    const padded = padTo3x3(k);
    expect(padded.shape).toEqual([3, 2, 3, 3]);
    for (let o = 0; o < 3; o++)
      for (let i = 0; i < 2; i++)
        for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) expect(at(padded, o, i, y, x)).toBe(y === 1 && x === 1 ? at(k, o, i, 0, 0) : 0);
    expect(() => padTo3x3(randomTensor(rng, [1, 1, 3, 3]))).toThrow(RangeError);
  });

  it('conv 1×1 (padding 0) == conv 3×3 padded (padding 1), strides 1 and 2, odd and even sizes', () => {
    const rng = createRng(13);
    for (let trial = 0; trial < 20; trial++) {
      const groups = pick(rng, [1, 2, 4]);
      const x = randomTensor(rng, [1, 2 * groups, randomInt(rng, 1, 9), randomInt(rng, 1, 9)]);
      const k = randomTensor(rng, [groups * randomInt(rng, 1, 2), 2, 1, 1]);
      const stride = pick(rng, [1, 2]);
      const want = conv2d(x, k, { stride, groups });
      const got = conv2d(x, padTo3x3(k), { stride, padding: 1, groups });
      expect(got.shape).toEqual(want.shape);
      expect(maxRelDiff(got, want)).toBeLessThan(1e-6);
    }
  });
});

describe('identityKernel', () => {
  it('has one 1 per output channel, at K[i, i mod (C/g), 1, 1]', () => {
    const k = identityKernel(8, 4);
    expect(k.shape).toEqual([8, 2, 3, 3]);
    expect(k.data.reduce((s, v) => s + v, 0)).toBe(8);
    for (let i = 0; i < 8; i++) expect(at(k, i, i % 2, 1, 1)).toBe(1);
  });

  it('as a conv (padding 1, stride 1, same groups) returns its input unchanged', () => {
    const rng = createRng(14);
    for (const groups of [1, 2, 4]) {
      const channels = groups * randomInt(rng, 1, 3);
      const x = randomTensor(rng, [2, channels, 5, 4]);
      expect(maxAbsDiff(conv2d(x, identityKernel(channels, groups), { padding: 1, groups }), x)).toBe(0);
    }
  });

  it('rejects groups that do not divide the channels', () => {
    expect(() => identityKernel(6, 4)).toThrow(/divide/);
    expect(() => identityKernel(0)).toThrow(RangeError);
  });
});
