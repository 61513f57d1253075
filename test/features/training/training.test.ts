import { describe, expect, it } from 'vitest';
import { acbSetup, runAcb, tapsTouched, withChoices } from '../../../src/features/training/model';

describe('training chapter: the ACB figure', () => {
  const { block, x } = acbSetup(3);

  it('every choice of branches and stride folds to float32 rounding', () => {
    for (const hor of [true, false])
      for (const ver of [true, false])
        for (const stride of [1, 2]) {
          const r = runAcb(withChoices(block, { hor, ver }, stride), x);
          expect(r.branches.map((b) => b.name)).toEqual(['square', ...(hor ? ['hor'] : []), ...(ver ? ['ver'] : [])]);
          expect(r.outSize).toBe(stride === 1 ? 7 : 4);
          expect(r.maxDiff).toBeGreaterThanOrEqual(0);
          expect(r.maxDiff).toBeLessThan(1e-5 * Math.max(1, r.scale));
        }
  });

  it('switching a branch off removes exactly its folded kernel and bias from W′ and b′', () => {
    const all = runAcb(withChoices(block, { hor: true, ver: true }, 1), x);
    const noHor = runAcb(withChoices(block, { hor: false, ver: true }, 1), x);
    const hor = all.branches.find((b) => b.name === 'hor')!;
    for (let j = 0; j < all.merged.kernel.data.length; j++) {
      expect(noHor.merged.kernel.data[j]! + hor.kernel.data[j]!).toBeCloseTo(all.merged.kernel.data[j]!, 6);
    }
    expect(noHor.merged.bias[0]! + hor.bias[0]!).toBeCloseTo(all.merged.bias[0]!, 6);
    expect(noHor.reference.data).not.toEqual(all.reference.data);
  });

  it('the same seed gives the same block; another seed another one', () => {
    const again = acbSetup(3);
    expect(Array.from(again.block.square.kernel.data)).toEqual(Array.from(block.square.kernel.data));
    expect(Array.from(acbSetup(4).block.square.kernel.data)).not.toEqual(Array.from(block.square.kernel.data));
  });

  it('counts the branches adding into each tap', () => {
    expect(tapsTouched({ hor: true, ver: true })).toEqual([
      [1, 2, 1],
      [2, 3, 2],
      [1, 2, 1],
    ]);
    expect(tapsTouched({ hor: true, ver: false })[1]).toEqual([2, 2, 2]);
    expect(tapsTouched({ hor: false, ver: false }).flat()).toEqual(Array(9).fill(1));
  });
});
