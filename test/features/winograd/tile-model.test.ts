import { describe, expect, it } from 'vitest';
import { F2_3, F4_3, tileMultiplications } from '../../../src/core/winograd/matrices';
import {
  clampStep,
  defaultTile,
  integers,
  keyStep,
  outputsEqual,
  parseList,
  playLabel,
  randomTile,
  stepTitle,
  tileQuery,
  tileVerdict,
} from '../../../src/features/winograd/tile-model';
import { tileWalkthrough } from '../../../src/features/winograd/tile-steps';

describe('tile walkthrough: defaults and the URL', () => {
  it('the default tile is small seeded integers, the same every time, sized for the algorithm', () => {
    const f2 = defaultTile(F2_3);
    expect(f2.d).toHaveLength(16);
    expect(f2.g).toHaveLength(9);
    expect(defaultTile(F4_3).d).toHaveLength(36);
    expect(defaultTile(F4_3).g).toEqual(f2.g);
    expect(defaultTile(F2_3)).toEqual(f2);
    expect(f2.d.every((x) => Number.isInteger(x) && Math.abs(x) <= 3)).toBe(true);
    expect(f2.g.every((x) => Number.isInteger(x) && Math.abs(x) <= 2)).toBe(true);
    expect(integers(7, 50, 1).every((x) => x >= -1 && x <= 1)).toBe(true);
  });

  it('a random tile depends on its seed only, and differs from the default', () => {
    const seed = 2 ** 31 + 42;
    expect(randomTile(F2_3, seed)).toEqual(randomTile(F2_3, seed));
    expect(randomTile(F2_3, seed).d).not.toEqual(defaultTile(F2_3).d);
    expect(randomTile(F4_3, seed).d).toHaveLength(36);
  });

  it('a random tile comes from any seed in [0, 2³²): below 2³¹ the kernel’s seed used to turn negative and the button threw', () => {
    for (const seed of [0, 42, 2 ** 31 - 1, 2 ** 32 - 1]) {
      const { d, g } = randomTile(F2_3, seed);
      expect(d).toHaveLength(16);
      expect(g).toHaveLength(9);
    }
  });

  it('reads a list of exactly n finite numbers, or nothing', () => {
    expect(parseList('1,-2,0.5', 3)).toEqual([1, -2, 0.5]);
    expect(parseList('1,2', 3)).toBeNull();
    expect(parseList('1,x,3', 3)).toBeNull();
    expect(parseList('', 3)).toBeNull();
    expect(parseList(null, 3)).toBeNull();
  });

  it('keeps only what differs from the defaults in the URL', () => {
    const { d, g } = defaultTile(F2_3);
    expect(tileQuery('F2', F2_3, d, g)).toEqual({ alg: null, d: null, g: null });
    const edited = [...d];
    edited[6] = 7.5;
    expect(tileQuery('F2', F2_3, edited, g)).toEqual({ alg: null, d: edited.join(','), g: null });
    const f4 = defaultTile(F4_3);
    expect(tileQuery('F4', F4_3, f4.d, f4.g)).toEqual({ alg: 'F4', d: null, g: null });
  });
});

describe('tile walkthrough: stepping and words', () => {
  it('keeps a step within the walkthrough, and maps the stepper keys', () => {
    expect(clampStep(9, -1)).toBe(0);
    expect(clampStep(9, 4)).toBe(4);
    expect(clampStep(9, 12)).toBe(8);
    expect(keyStep('ArrowLeft', 3, 9)).toBe(2);
    expect(keyStep('ArrowRight', 3, 9)).toBe(4);
    expect(keyStep('Home', 3, 9)).toBe(0);
    expect(keyStep('End', 3, 9)).toBe(8);
    expect(keyStep('Enter', 3, 9)).toBeUndefined();
    expect(keyStep('toString', 3, 9)).toBeUndefined();
  });

  it('labels Play for readers who ask for less motion', () => {
    expect(playLabel(false)).toBe('Play all steps');
    expect(playLabel(true)).toBe('Show the last step');
  });

  it('titles a step and gives the verdict: the same outputs, exactly, with 16 multiplications instead of 36', () => {
    const { d, g } = defaultTile(F2_3);
    const walk = tileWalkthrough(d, g, F2_3);
    expect(stepTitle(walk, 0)).toBe('Step 1 of 9: The tile and the kernel');
    expect(outputsEqual(walk)).toBe(true);
    const v = tileVerdict(walk, tileMultiplications(F2_3));
    expect(v).toEqual({ equal: true, headline: 'Same outputs.', detail: ' max |Y − direct| = 0 (exact), with 16 multiplications instead of 36.' });
  });

  it('calls a rounding difference rounding, and a real one different', () => {
    const walk = tileWalkthrough(defaultTile(F4_3).d, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], F4_3);
    const v = tileVerdict(walk, tileMultiplications(F4_3));
    if (walk.maxDifference > 0) expect(v.detail).toContain('(float64 rounding)');
    expect(v.equal).toBe(true);
    expect(v.detail).toContain('with 36 multiplications instead of 144');
    const wrong = { ...walk, maxDifference: 1 };
    expect(tileVerdict(wrong, tileMultiplications(F4_3))).toMatchObject({ equal: false, headline: 'Different outputs!' });
  });
});
