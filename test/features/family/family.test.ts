// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { familyTable } from '../../../src/features/family/family-table-view';
import { accuracyPoints, familyRows, planFor, stageSummaries } from '../../../src/core/family-rows';
import { countModel, formatBillions, formatParamsM, getVariant, PAPER_BASELINES, PAPER_REPVGG, planModel } from '../../../src/core/index.ts';

describe('family rows', () => {
  const rows = familyRows();

  it('has the 13 variants in the official order, counted by countModel', () => {
    expect(rows.map((r) => r.id)).toEqual(['A0', 'A1', 'A2', 'B0', 'B1', 'B1g2', 'B1g4', 'B2', 'B2g2', 'B2g4', 'B3', 'B3g2', 'B3g4']);
    for (const r of rows) {
      const c = countModel(getVariant(r.id));
      expect(r).toMatchObject({ deployParams: c.deployParams, flops: c.flops, winoMuls: c.winoMuls });
      expect(r.computed).toEqual({ paramsM: formatParamsM(c.deployParams), flopsB: formatBillions(c.flops), winoMulsB: formatBillions(c.winoMuls) });
    }
  });

  it('prints the same digits as the paper for the 11 reported variants; B2g2 and B3g2 have no paper row', () => {
    expect(rows.filter((r) => r.matchesPaper === true)).toHaveLength(11);
    expect(rows.filter((r) => r.paper === null).map((r) => r.id)).toEqual(['B2g2', 'B3g2']);
    const b2g4 = rows.find((r) => r.id === 'B2g4')!;
    expect(b2g4.paper!.accuracy).toEqual([
      { top1: '78.50', epochs: 120 },
      { top1: '79.38', epochs: 200 },
    ]);
    expect(rows.find((r) => r.id === 'B3')!.paper!.accuracy).toEqual([{ top1: '80.52', epochs: 200 }]);
  });

  it('the table view has 13 body rows whose cells carry their column names', () => {
    const table = familyTable(rows);
    const body = [...table.querySelectorAll('tbody tr')];
    expect(body).toHaveLength(13);
    const a0 = body[0]!;
    expect(a0.getAttribute('data-variant')).toBe('A0');
    expect(a0.querySelector('[data-col="params"]')!.textContent).toBe(rows[0]!.computed.paramsM);
    expect(a0.querySelector('[data-col="params-paper"]')!.textContent).toBe('8.30');
    expect(a0.querySelector('[data-col="top1-paper"]')!.textContent).toBe('72.41');
    expect(body[9]!.querySelector('[data-col="top1-paper"]')!.textContent).toBe('78.50 · 79.38 (200 ep)');
    expect(body[8]!.querySelector('[data-col="match"]')!.textContent).toBe('not in the paper');
    const exact = familyTable(rows, { exact: true });
    expect(exact.querySelector('tbody tr [data-col="params"]')!.textContent!.replace(/\u202f/g, '')).toBe(String(rows[0]!.deployParams));
  });
});

describe('stage summaries', () => {
  it('A0: five stages of 1, 2, 4, 14, 1 blocks from 224 down to 7, summing to the model counts', () => {
    const { spec, stages } = planFor('A0');
    expect(stages.map((s) => s.blocks)).toEqual([1, 2, 4, 14, 1]);
    expect(stages.map((s) => s.outputSize)).toEqual([112, 56, 28, 14, 7]);
    expect(stages.map((s) => s.outChannels)).toEqual([48, 48, 96, 192, 1280]);
    expect(stages.every((s) => s.strides[0] === 2 && s.strides.slice(1).every((x) => x === 1))).toBe(true);
    const total = countModel(spec);
    expect(stages.reduce((a, s) => a + s.flops, 0)).toBe(total.flops - total.head.flops);
    expect(stages.reduce((a, s) => a + s.winoMuls, 0)).toBe(total.winoMuls - total.head.winoMuls);
  });

  it('B1g4: grouped blocks are counted per stage and add up to the 13 grouped layers', () => {
    const stages = stageSummaries(planModel(getVariant('B1g4')));
    expect(stages.reduce((a, s) => a + s.groupedBlocks, 0)).toBe(13);
    expect(stages[3]!.groups).toEqual([1, 4]);
  });
});

describe('accuracy points', () => {
  it('RepVGG x is counted here, the baselines x is the paper\u2019s; every y is the paper\u2019s', () => {
    const points = accuracyPoints();
    expect(points).toHaveLength(PAPER_REPVGG.length + PAPER_BASELINES.length);
    const a0 = points.find((p) => p.model === 'RepVGG-A0')!;
    expect(a0.paramsM).toBe(countModel(getVariant('A0')).deployParams / 1e6);
    expect(a0.xSource).toBe('computed');
    const vgg = points.find((p) => p.model === 'VGG-16')!;
    expect(vgg).toMatchObject({ paramsM: 138.35, top1: 72.21, xSource: 'paper' });
    expect(points.filter((p) => p.epochs === 200).map((p) => p.label)).toEqual(['B2g4 (200 ep)', 'B3g4 (200 ep)', 'B3 (200 ep)']);
  });
});
