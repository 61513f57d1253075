import { describe, expect, it } from 'vitest';
import { TINY, at, compareOutputs, maxAbs, maxAbsDiff, maxRelDiff, offsetOf, sizeOf, stridesOf, tensor, zeros } from '../../src/core/tensor.ts';

describe('tensor', () => {
  it('sizes, strides and offsets follow row-major order', () => {
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(sizeOf([])).toBe(1);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    const t = tensor([2, 3], [0, 1, 2, 3, 4, 5]);
    expect(offsetOf(t.shape, [1, 2])).toBe(5);
    expect(at(t, 1, 0)).toBe(3);
    expect(() => at(t, 2, 0)).toThrow(RangeError);
    expect(() => at(t, 0)).toThrow(RangeError);
  });

  it('checks that data fits the shape and wraps a Float32Array without copying', () => {
    expect(() => tensor([2, 2], [1, 2, 3])).toThrow(/holds 4 values, got 3/);
    expect(() => zeros([2, -1])).toThrow(RangeError);
    const data = new Float32Array(4);
    expect(tensor([4], data).data).toBe(data);
  });

  it('maxAbsDiff and maxRelDiff: one scale for the whole tensor, NaN never looks equal', () => {
    const b = tensor([3], [10, -20, 0.001]);
    const a = tensor([3], [10.5, -20, 0.002]);
    expect(maxAbsDiff(a, b)).toBeCloseTo(0.5, 6);
    expect(maxRelDiff(a, b)).toBeCloseTo(0.5 / 20, 6); // not 0.001/0.001 = 1 for the tiny entry
    expect(maxRelDiff(zeros([2]), zeros([2]))).toBe(0);
    expect(maxRelDiff(tensor([1], [1e-31]), zeros([1]))).toBeCloseTo(1e-31 / TINY, 6);
    expect(maxAbsDiff(tensor([2], [1, Number.NaN]), tensor([2], [1, 1]))).toBeNaN();
    // A NaN before a finite difference (the case the old loop got wrong: it returned 0 here).
    expect(maxAbsDiff(tensor([3], [Number.NaN, 1, 1]), tensor([3], [1, 1, 1]))).toBeNaN();
    expect(maxRelDiff(tensor([2], [1, 1]), tensor([2], [Number.NaN, 1]))).toBeNaN();
    expect(() => maxAbsDiff(zeros([2, 3]), zeros([3, 2]))).toThrow(/differ in shape/);
  });

  it('compareOutputs gives every |difference|, the largest, and the reference scale', () => {
    const reference = tensor([1, 3], [1, -4, 2]);
    const converted = tensor([1, 3], [1.5, -4, 1]);
    const c = compareOutputs(reference, converted);
    expect(Array.from(c.diff)).toEqual([0.5, 0, 1]);
    expect(c.maxDiff).toBe(1);
    expect(c.scale).toBe(4);
    expect(compareOutputs(reference, tensor([1, 3], [NaN, -4, 2])).maxDiff).toBeNaN();
    expect(() => compareOutputs(reference, tensor([3, 1], [1, -4, 2]))).toThrow(RangeError);
  });
});

describe('maxAbs', () => {
  it('is the largest |value|, 0 for none, NaN when a value is NaN', () => {
    expect(maxAbs([1, -3, 2])).toBe(3);
    expect(maxAbs(new Float32Array(0))).toBe(0);
    expect(maxAbs([1, Number.NaN])).toBeNaN();
  });
});
