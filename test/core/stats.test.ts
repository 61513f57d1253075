import { describe, expect, it } from 'vitest';
import { mean, median } from '../../src/core/stats.ts';

describe('stats', () => {
  it('median of odd and even counts; none is an error', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('mean; none is an error', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(() => mean([])).toThrow(RangeError);
  });
});
