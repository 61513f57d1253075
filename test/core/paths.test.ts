import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getVariant, planModel } from '../../src/core/family.ts';
import { countPaths, repvggBranchCounts, uniformBranchCounts } from '../../src/core/paths.ts';

describe('countPaths', () => {
  it('is 3ⁿ for three-branch blocks, 2ⁿ for residual blocks, 1 for a plain stack', () => {
    expect(countPaths(uniformBranchCounts(10, 3))).toBe(59049n);
    expect(countPaths(uniformBranchCounts(10, 2))).toBe(1024n);
    expect(countPaths(uniformBranchCounts(10, 1))).toBe(1n);
    expect(countPaths([])).toBe(1n);
  });
  it('stays exact beyond 2⁵³ (bigint)', () => {
    expect(countPaths(uniformBranchCounts(40, 3))).toBe(3n ** 40n);
  });
  it('multiplies: stacking two networks multiplies their path counts', () => {
    const counts = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 12 });
    fc.assert(fc.property(counts, counts, (a, b) => countPaths([...a, ...b]) === countPaths(a) * countPaths(b)));
  });
  it('refuses a block without branches', () => {
    expect(() => countPaths([3, 0])).toThrow(RangeError);
    expect(() => uniformBranchCounts(-1, 3)).toThrow(RangeError);
  });
});

describe('repvggBranchCounts', () => {
  it('gives the first block of each stage two branches (no identity), the others three', () => {
    const a0 = getVariant('A0');
    const counts = repvggBranchCounts(a0);
    expect(counts).toHaveLength(22);
    expect(counts.filter((k) => k === 2)).toHaveLength(5); // one stride-2 block per stage
    expect(countPaths(counts)).toBe(3n ** 17n * 2n ** 5n);
  });
  it('follows the branch switches, as in the ablation of Table 6', () => {
    const b0 = getVariant('B0');
    const layers = planModel(b0);
    const withIdentity = layers.filter((l) => l.hasIdentity).length;
    expect(countPaths(repvggBranchCounts(b0, { oneByOne: false, identity: false }))).toBe(1n);
    expect(countPaths(repvggBranchCounts(b0, { oneByOne: true, identity: false }))).toBe(2n ** 28n);
    expect(countPaths(repvggBranchCounts(b0, { oneByOne: false, identity: true }))).toBe(2n ** BigInt(withIdentity));
  });
});
