import { describe, expect, it } from 'vitest';
import { countModel, planModel } from '../../src/core/index.ts';
import { compareForms, compareLogits, topK } from '../../src/runtime/compare.ts';
import { softmax } from '../../src/core/classes.ts';
import { MODEL_IDS, TINY_SPEC, findModel, inputSeed, shortId } from '../../src/core/catalog.ts';
import { chooseThreads, ortDefaultThreads } from '../../src/runtime/threads.ts';

describe('compare', () => {
  it('topK: largest first, ties by index', () => {
    expect(topK([0.1, 5, -2, 5, 3, 9], 3)).toEqual([5, 1, 3]);
    expect(topK([1, 2], 5)).toEqual([1, 0]);
  });

  it('compareLogits: relative to the training-time output; top-5 order matters', () => {
    const train = Float32Array.from([10, 9, 8, 7, 6, 0]);
    const same = compareLogits(Float32Array.from([10, 9, 8, 7, 6, 0.001]), train);
    expect(same.maxAbs).toBeCloseTo(0.001, 6);
    expect(same.maxRel).toBeCloseTo(0.0001, 6);
    expect(same.top5Agree).toBe(true);
    const swapped = compareLogits(Float32Array.from([9, 10, 8, 7, 6, 0]), train);
    expect(swapped.top5Agree).toBe(false);
    expect(compareLogits(Float32Array.from([10, 9, 8, 7, NaN, 0]), train).maxRel).toBeNaN();
  });
});

describe('compareForms', () => {
  it('logits and probabilities, each against the training-time output', () => {
    const train = Float32Array.from([10, 9, 8, 7, 6, 0]);
    const deploy = Float32Array.from([10, 9, 8, 7, 6, 0.5]);
    const c = compareForms(deploy, train);
    expect(c.maxAbs).toBeCloseTo(0.5, 6);
    expect(c.maxRel).toBeCloseTo(0.05, 6);
    const p = softmax(deploy);
    const q = softmax(train);
    const probAbs = Math.max(...p.map((v, i) => Math.abs(v - q[i]!)));
    expect(c.probMaxAbs).toBeCloseTo(probAbs, 12);
    expect(c.probMaxRel).toBeCloseTo(probAbs / Math.max(...q), 12);
    expect(c.top5Agree).toBe(true);
    expect(compareForms(train, train)).toMatchObject({ maxAbs: 0, probMaxAbs: 0 });
  });
});

describe('threads', () => {
  it("ORT's default is half the cores, at most 4, and 1 without isolation", () => {
    expect([1, 2, 3, 4, 8, 16].map((c) => ortDefaultThreads(c, true))).toEqual([1, 1, 2, 2, 4, 4]);
    expect(ortDefaultThreads(16, false)).toBe(1);
  });

  it('auto: one thread per core, 1 to 4; always 1 without isolation, with the reason', () => {
    expect([1, 2, 3, 4, 6, 16].map((c) => chooseThreads(c, true, 'auto').threads)).toEqual([1, 2, 3, 4, 4, 4]);
    const alone = chooseThreads(8, false, 4);
    expect(alone.threads).toBe(1);
    expect(alone.reason).toMatch(/not cross-origin isolated/);
    expect(chooseThreads(2, true, 'auto').reason).toMatch(/default would be 1/);
  });

  it('a chosen count is kept within 1..4', () => {
    expect([0, 2, 3.6, 9].map((n) => chooseThreads(2, true, n).threads)).toEqual([1, 2, 4, 4]);
  });
});

describe('models', () => {
  it('13 variants plus tiny, found by short id and full name', () => {
    expect(MODEL_IDS).toHaveLength(14);
    expect(findModel('RepVGG-B1g2')?.name).toBe('RepVGG-B1g2');
    expect(findModel('tiny')).toBe(TINY_SPEC);
    expect(findModel('B9')).toBeUndefined();
    expect(MODEL_IDS.map((id) => shortId(findModel(id)!))).toEqual(MODEL_IDS);
  });

  it('the input seed follows the weight seed and wraps at 2^32', () => {
    expect(inputSeed(2021)).toBe(2022);
    expect(inputSeed(2 ** 32 - 1)).toBe(0);
  });

  it('tiny has identity branches and a grouped layer, and is small', () => {
    const plan = planModel(TINY_SPEC);
    expect(plan.some((l) => l.hasIdentity)).toBe(true);
    expect(plan.some((l) => l.groups > 1)).toBe(true);
    expect(countModel(TINY_SPEC).deployParams).toBeLessThan(300_000);
  });
});
