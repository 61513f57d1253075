import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoKernel, runBnFold } from '../../src/features/bn-folding/model';
import { CHANNELS as ID_CHANNELS, connection, identitySetup, runIdentity } from '../../src/features/identity/model';
import { blockSetup, runMerge } from '../../src/features/merged-block/model';
import { centreOf, demoInput, oneByOneKernel, runPad } from '../../src/features/one-by-one/model';
import { depthRows, networkPaths, powerForm } from '../../src/features/merged-block/paths/model';
import { decodePpm, rgbToTensor } from '../../src/io/image';
import { at } from '../../src/core/tensor';

const photo = rgbToTensor(decodePpm(new Uint8Array(readFileSync('public/models/samples/samoyed-32.ppm'))));
const bnSettings = { gamma: [1.2, -0.8], beta: [0.3, -0.2], mean: [0.6, 0.1], variance: [1.5, 0.05], eps: 1e-5, train: false };

describe('chapter 1: BN folding on the photo', () => {
  it('folds exactly in eval mode, at float32 rounding of the outputs', () => {
    const r = runBnFold(photo, demoKernel(), bnSettings);
    expect(r.reference.shape).toEqual([1, 2, 32, 32]);
    expect(r.maxDiff).toBeLessThan(1e-5 * r.scale);
    expect(r.t[0]).toBeCloseTo(1.2 / Math.sqrt(1.5 + 1e-5), 6);
    expect(r.folded.bias[1]).toBeCloseTo(-0.2 - 0.1 * (-0.8 / Math.sqrt(0.05 + 1e-5)), 5);
  });
  it('does not fold in train mode: the batch statistics are not the running ones', () => {
    const r = runBnFold(photo, demoKernel(), { ...bnSettings, train: true });
    expect(r.maxDiff).toBeGreaterThan(0.1);
    // Train-mode BN makes each channel's batch mean β: the reference map's mean is β.
    let sum = 0;
    for (let i = 0; i < 32 * 32; i++) sum += r.reference.data[i]!;
    expect(sum / 1024).toBeCloseTo(0.3, 4);
  });
});

describe('chapter 2: 1×1 → 3×3', () => {
  it('is exact, bit for bit, at stride 1 and 2', () => {
    const x = demoInput(2);
    const k = oneByOneKernel([
      [0.8, -0.5],
      [0.3, 1.2],
    ]);
    const s1 = runPad(x, k, 1);
    const s2 = runPad(x, k, 2);
    expect(s1.oneByOne.shape).toEqual([1, 2, 7, 7]);
    expect(s2.oneByOne.shape).toEqual([1, 2, 4, 4]);
    expect([s1.maxDiff, s2.maxDiff]).toEqual([0, 0]);
    // The probe: output (1, 2) at stride 2 reads input pixel (2, 4).
    expect(centreOf(1, 2, 2)).toEqual({ row: 2, col: 4 });
    expect(at(s2.oneByOne, 0, 0, 1, 2)).toBeCloseTo(0.8 * at(x, 0, 0, 2, 4) - 0.5 * at(x, 0, 1, 2, 4), 5);
  });
  it('draws inputs with one decimal, the same for the same seed', () => {
    const x = demoInput(5);
    expect([...x.data].every((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-4)).toBe(true);
    expect(demoInput(5).data).toEqual(x.data);
    expect(demoInput(6).data).not.toEqual(x.data);
  });
});

describe('chapter 3: identity kernels', () => {
  const { x, bn } = identitySetup(3);
  for (const g of [1, 2, 4]) {
    it(`g = ${g}: folds exactly in eval mode, each output reads its own input`, () => {
      const r = runIdentity(x, bn, g, false);
      expect(r.kernel.shape).toEqual([4, 4 / g, 3, 3]);
      expect(r.maxDiff).toBeLessThan(1e-5 * Math.max(1, r.scale));
      for (let o = 0; o < ID_CHANNELS; o++)
        for (let j = 0; j < ID_CHANNELS; j++) {
          const kind = connection(r.kernel, o, j, g);
          expect(kind === 'identity').toBe(o === j);
          expect(kind === 'none').toBe(Math.floor(o / (4 / g)) !== Math.floor(j / (4 / g)));
        }
      expect(runIdentity(x, bn, g, true).maxDiff).toBeGreaterThan(1e-2);
    });
  }
});

describe('chapter 4: the merged block', () => {
  const { block, x } = blockSetup(7);
  const selections = [
    { oneByOne: true, identity: true },
    { oneByOne: false, identity: true },
    { oneByOne: true, identity: false },
    { oneByOne: false, identity: false },
  ];
  it('converts exactly for every choice of branches, and not in train mode', () => {
    for (const keep of selections) {
      const r = runMerge(block, x, keep, false);
      expect(r.branches).toHaveLength(1 + Number(keep.oneByOne) + Number(keep.identity));
      expect(r.maxDiff).toBeLessThan(1e-5 * Math.max(1, r.scale));
      expect(runMerge(block, x, keep, true).maxDiff).toBeGreaterThan(1e-2);
    }
  });
  it('the same seed gives the same block', () => {
    expect(blockSetup(7).block.dense.kernel.data).toEqual(block.dense.kernel.data);
    expect(blockSetup(8).block.dense.kernel.data).not.toEqual(block.dense.kernel.data);
  });
});

describe('chapter 4: paths', () => {
  it('3ⁿ and 2ⁿ for n = 1 … 28', () => {
    const rows = depthRows();
    expect(rows).toHaveLength(28);
    expect(rows[9]).toEqual({ n: 10, three: 59049n, two: 1024n });
  });
  it('RepVGG-A: 22 blocks, five without identity; B: 28 blocks', () => {
    const [a, b] = networkPaths();
    expect(a!.layers).toBe(22);
    expect(a!.counts.at(-1)).toEqual({ paths: 3n ** 17n * 2n ** 5n, threes: 17, twos: 5 });
    expect(b!.layers).toBe(28);
    expect(b!.counts[0]!.paths).toBe(1n);
  });
  it('powerForm writes the factorization', () => {
    expect(powerForm(17, 5)).toBe('3¹⁷ · 2⁵');
    expect(powerForm(0, 28)).toBe('2²⁸');
    expect(powerForm(0, 0)).toBe('1');
  });
});
