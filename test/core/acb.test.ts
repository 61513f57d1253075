import { describe, expect, it } from 'vitest';
import { addToSquareKernel, centredPadding, foldAcb, foldAcbBranches, forwardAcb, padToSquare, randomAcbBlock } from '../../src/core/acb.ts';
import { batchNormEval } from '../../src/core/batch-norm.ts';
import { conv2d } from '../../src/core/conv2d.ts';
import { padTo3x3 } from '../../src/core/pad-to-3x3.ts';
import { createRng } from '../../src/core/random.ts';
import { at, maxAbsDiff, maxRelDiff, tensor } from '../../src/core/tensor.ts';
import { naiveConv2d, pick, randomBn, randomInt, randomTensor } from './helpers.ts';

describe('conv2d with padding [rows, columns]', () => {
  it('equals the textbook convolution of the input zero-padded by hand', () => {
    const rng = createRng(70);
    for (let trial = 0; trial < 12; trial++) {
      const [ph, pw] = [randomInt(rng, 0, 2), randomInt(rng, 0, 2)];
      const [h, w] = [randomInt(rng, 3, 8), randomInt(rng, 3, 8)];
      const x = randomTensor(rng, [1, 2, h, w]);
      const k = randomTensor(rng, [3, 2, randomInt(rng, 1, 3), randomInt(rng, 1, 3)]);
      const stride = pick(rng, [1, 2]);
      // Pad by hand, then convolve with no padding.
      const padded = new Float32Array(2 * (h + 2 * ph) * (w + 2 * pw));
      for (let c = 0; c < 2; c++)
        for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) padded[(c * (h + 2 * ph) + y + ph) * (w + 2 * pw) + xx + pw] = at(x, 0, c, y, xx);
      const want = naiveConv2d(tensor([1, 2, h + 2 * ph, w + 2 * pw], padded), k, { stride });
      const got = conv2d(x, k, { stride, padding: [ph, pw] });
      expect(got.shape).toEqual(want.shape);
      expect(maxRelDiff(got, want)).toBeLessThan(1e-6);
    }
  });

  it('a number is the same padding on both axes', () => {
    const rng = createRng(71);
    const x = randomTensor(rng, [1, 2, 5, 6]);
    const k = randomTensor(rng, [2, 2, 3, 3]);
    expect(maxAbsDiff(conv2d(x, k, { padding: 1 }), conv2d(x, k, { padding: [1, 1] }))).toBe(0);
    expect(() => conv2d(x, k, { padding: [1, -1] })).toThrow(RangeError);
  });
});

describe('padToSquare and addToSquareKernel', () => {
  it('centre 1×1, 1×3 and 3×1 kernels in a zero 3×3', () => {
    const rng = createRng(72);
    const one = randomTensor(rng, [3, 2, 1, 1]);
    expect(maxAbsDiff(padToSquare(one), padTo3x3(one))).toBe(0);
    const hor = randomTensor(rng, [3, 2, 1, 3]);
    const ver = randomTensor(rng, [3, 2, 3, 1]);
    const ph = padToSquare(hor);
    const pv = padToSquare(ver);
    for (let o = 0; o < 3; o++)
      for (let i = 0; i < 2; i++)
        for (let y = 0; y < 3; y++)
          for (let x = 0; x < 3; x++) {
            expect(at(ph, o, i, y, x)).toBe(y === 1 ? at(hor, o, i, 0, x) : 0);
            expect(at(pv, o, i, y, x)).toBe(x === 1 ? at(ver, o, i, y, 0) : 0);
          }
  });

  it('adds onto a square kernel without changing it, and rejects shapes that do not fit', () => {
    const rng = createRng(73);
    const square = randomTensor(rng, [2, 2, 3, 3]);
    const copy = Float32Array.from(square.data);
    const hor = randomTensor(rng, [2, 2, 1, 3]);
    const sum = addToSquareKernel(square, hor);
    expect(Array.from(square.data)).toEqual(Array.from(copy));
    expect(at(sum, 1, 0, 1, 2)).toBe(Math.fround(at(square, 1, 0, 1, 2) + at(hor, 1, 0, 0, 2)));
    expect(at(sum, 1, 0, 0, 2)).toBe(at(square, 1, 0, 0, 2));
    expect(() => addToSquareKernel(square, randomTensor(rng, [2, 2, 2, 3]))).toThrow(RangeError);
    expect(() => addToSquareKernel(square, randomTensor(rng, [3, 2, 1, 3]))).toThrow(RangeError);
    expect(() => centredPadding(5, 1)).toThrow(RangeError);
    expect(centredPadding(1, 3)).toEqual([0, 1]);
    expect(centredPadding(3, 1)).toEqual([1, 0]);
  });
});

describe('ACB folding', () => {
  it('one 3×3 conv with the folded kernel equals the three branches convolved directly', () => {
    const rng = createRng(74);
    for (let trial = 0; trial < 16; trial++) {
      const groups = pick(rng, [1, 2]);
      const stride = pick(rng, [1, 2]);
      const channels = 2 * groups;
      const keep = { hor: rng.uniform() < 0.75, ver: rng.uniform() < 0.75 };
      const block = randomAcbBlock(rng, { inChannels: channels, outChannels: channels * pick(rng, [1, 2]), stride, groups }, keep);
      const x = randomTensor(rng, [2, channels, randomInt(rng, 3, 9), randomInt(rng, 3, 9)]);
      // Direct: each branch with its own kernel shape and padding, each through its BN, summed.
      const hor = block.hor ? batchNormEval(naiveConv2dPad(x, block.hor.kernel, stride, [0, 1], groups), block.hor.bn) : null;
      const ver = block.ver ? batchNormEval(naiveConv2dPad(x, block.ver.kernel, stride, [1, 0], groups), block.ver.bn) : null;
      const square = batchNormEval(naiveConv2d(x, block.square.kernel, { stride, padding: 1, groups }), block.square.bn);
      const want = Float32Array.from(square.data, (v, j) => v + (hor ? hor.data[j]! : 0) + (ver ? ver.data[j]! : 0));
      const direct = forwardAcb(block, x);
      expect(maxRelDiff(direct.data, want)).toBeLessThan(1e-5);
      const { kernel, bias } = foldAcb(block);
      const folded = conv2d(x, kernel, { stride, padding: 1, groups, bias });
      expect(folded.shape).toEqual(direct.shape);
      expect(maxRelDiff(folded, direct)).toBeLessThan(1e-5);
    }
  });

  it('the folded kernel is Ŵ⁽³ˣ³⁾ + pad(Ŵ⁽¹ˣ³⁾) + pad(Ŵ⁽³ˣ¹⁾): the corners carry the 3×3 branch alone', () => {
    const rng = createRng(75);
    const block = randomAcbBlock(rng, { inChannels: 2, outChannels: 2, stride: 1, groups: 1 });
    const parts = foldAcbBranches(block);
    expect(parts.map((p) => p.name)).toEqual(['square', 'hor', 'ver']);
    const { kernel, bias } = foldAcb(block);
    for (let j = 0; j < kernel.data.length; j++) {
      const tap = j % 9;
      const expected = parts.reduce((s, p) => s + p.kernel.data[j]!, 0);
      expect(kernel.data[j]).toBeCloseTo(expected, 6);
      if (tap === 0 || tap === 2 || tap === 6 || tap === 8) expect(kernel.data[j]).toBe(parts[0]!.kernel.data[j]);
    }
    for (let c = 0; c < 2; c++) expect(bias[c]).toBeCloseTo(parts[0]!.bias[c]! + parts[1]!.bias[c]! + parts[2]!.bias[c]!, 6);
  });

  it('with wider BN statistics too; train-mode BN does not fold', () => {
    const rng = createRng(76);
    const block = randomAcbBlock(rng, { inChannels: 3, outChannels: 3, stride: 1, groups: 1 });
    const wide = {
      ...block,
      square: { ...block.square, bn: randomBn(rng, 3) },
      hor: { ...block.hor!, bn: randomBn(rng, 3) },
      ver: { ...block.ver!, bn: randomBn(rng, 3) },
    };
    const x = randomTensor(rng, [2, 3, 6, 6]);
    const { kernel, bias } = foldAcb(wide);
    const folded = conv2d(x, kernel, { padding: 1, bias });
    expect(maxRelDiff(folded, forwardAcb(wide, x))).toBeLessThan(1e-4);
    expect(maxAbsDiff(folded, forwardAcb(wide, x, 'train'))).toBeGreaterThan(0.01);
  });

  it('rejects branches of the wrong shape', () => {
    const rng = createRng(77);
    const block = randomAcbBlock(rng, { inChannels: 2, outChannels: 2, stride: 1, groups: 1 });
    expect(() => foldAcb({ ...block, hor: block.ver })).toThrow(RangeError);
  });
});

/** The textbook convolution with [rows, columns] padding: pad by hand, then no padding. */
function naiveConv2dPad(x: ReturnType<typeof randomTensor>, k: ReturnType<typeof randomTensor>, stride: number, [ph, pw]: [number, number], groups: number) {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const hp = h + 2 * ph;
  const wp = w + 2 * pw;
  const padded = new Float32Array(n * c * hp * wp);
  for (let b = 0; b < n * c; b++)
    for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) padded[(b * hp + y + ph) * wp + xx + pw] = x.data[(b * h + y) * w + xx]!;
  return naiveConv2d(tensor([n, c, hp, wp], padded), k, { stride, groups });
}
