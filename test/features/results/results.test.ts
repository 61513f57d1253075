import { describe, expect, it } from 'vitest';
import { HEADLINES, compare, percentFaster, ranks, resultPoints, spearman, speedCorrelations } from '../../../src/features/results/model';

describe('results page: the paper’s numbers', () => {
  it('plots every row of Tables 4 and 5, EfficientNet-B0 left out only where it has no Wino MULs', () => {
    const speed = resultPoints('speed');
    expect(speed).toHaveLength(22);
    expect(speed.filter((p) => p.group === 'repvgg-200').map((p) => p.label)).toEqual(['B2g4 (200 ep)', 'B3g4 (200 ep)', 'B3 (200 ep)']);
    expect(speed.find((p) => p.model === 'ResNet-50')).toMatchObject({ top1: 76.31, x: 719, group: 'baseline' });
    const wino = resultPoints('wino');
    expect(wino).toHaveLength(21);
    expect(wino.some((p) => p.model === 'EfficientNet-B0')).toBe(false);
    expect(resultPoints('flops').find((p) => p.model === 'VGG-16')!.x).toBe(15.5);
  });

  it('recomputes each headline claim of §4.1 from Table 4', () => {
    const byPair = Object.fromEntries(HEADLINES.map((h) => [`${h.repvgg}|${h.baseline}`, compare(h)]));
    const check = (pair: string, dTop1: number, faster: number) => {
      expect(byPair[pair]!.dTop1).toBe(dTop1);
      expect(percentFaster(byPair[pair]!.speedRatio)).toBe(faster);
    };
    check('RepVGG-A0|ResNet-18', 1.25, 33);
    check('RepVGG-A1|ResNet-34', 0.29, 64);
    check('RepVGG-A2|ResNet-50', 0.17, 83);
    check('RepVGG-B1g4|ResNet-101', 0.37, 101);
    check('RepVGG-A2|EfficientNet-B0', 1.37, 59);
    check('RepVGG-B2|VGG-16', 6.57, 10);
    const b1g2 = byPair['RepVGG-B1g2|ResNet-152']!;
    expect(b1g2.dTop1).toBe(0);
    expect(Math.floor(b1g2.speedRatio * 100) / 100).toBe(2.66);
    expect(Math.round(byPair['RepVGG-B2|VGG-16']!.paramsRatio * 100)).toBe(58);
    expect(byPair['RepVGG-B1|RegNetX-3.2GF']!.speedRatio).toBeGreaterThan(1);
  });

  it('ranks with ties and Spearman’s correlation on hand-checked cases', () => {
    expect(ranks([10, 30, 20, 30])).toEqual([1, 3.5, 2, 3.5]);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // d = (0, 0, 1, −1): 1 − 6·2 / (4·15) = 0.8
    expect(spearman([1, 2, 3, 4], [1, 2, 4, 3])).toBeCloseTo(0.8, 12);
    expect(() => spearman([1], [1])).toThrow(RangeError);
  });

  it('Wino MULs rank the paper’s speeds better than FLOPs do', () => {
    const c = speedCorrelations();
    expect(c.models).toBe(20);
    expect(c.wino).toBeLessThan(c.flops);
    expect(c.flops).toBeLessThan(0);
  });
});
