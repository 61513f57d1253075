import { describe, expect, it } from 'vitest';
import { comparePaper, matchesPaperRow, printedCounts } from '../../src/core/compare-paper';
import { getVariant } from '../../src/core/family';
import { paperRowsFor } from '../../src/core/paper';

describe('comparing our printed counts with the paper', () => {
  it('matches every reported variant and is silent where the paper is', () => {
    expect(comparePaper(getVariant('A0')).matches).toBe(true);
    expect(comparePaper(getVariant('B2g4')).rows).toHaveLength(2);
    expect(comparePaper(getVariant('B3g2')).matches).toBeNull();
  });

  it('fails on a single wrong digit, and on a row without Wino MULs', () => {
    const printed = printedCounts(getVariant('A0'));
    const row = paperRowsFor('RepVGG-A0')[0]!;
    expect(matchesPaperRow(printed, row)).toBe(true);
    expect(matchesPaperRow({ ...printed, flopsB: '1.5' }, row)).toBe(false);
    expect(matchesPaperRow(printed, { ...row, paramsM: row.paramsM + 0.01 })).toBe(false);
    expect(matchesPaperRow(printed, { ...row, winoMulsB: null })).toBe(false);
  });
});
