// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { IMAGENET_MEAN, IMAGENET_STD, rgbaToTensor } from '../../../src/features/winograd/error-data';
import { tileWalkthrough } from '../../../src/features/winograd/tile-steps';
import { winogradFamilyRows } from '../../../src/features/winograd/winograd-family';
import { luminance, matrixGrid, textColorOn } from '../../../src/ui/viz/matrix-grid';
import { tilingMap, tilingPixels } from '../../../src/ui/viz/tiling-map';
import { countModel, F2_3, F4_3, getVariant, tilingPlan } from '../../../src/core/index.ts';

describe('tile walkthrough steps', () => {
  it('F(2×2): nine steps, the count rises only during the products, to 16 of 36, and Y equals direct', () => {
    const walk = tileWalkthrough([1, 2, 0, -1, 3, 1, 1, 0, -2, 0, 2, 1, 1, 1, -3, 2], [1, 0, -1, 2, 1, 0, 0, -2, 1], F2_3);
    expect(walk.steps).toHaveLength(9);
    expect(walk.steps.map((s) => s.multiplications)).toEqual([0, 0, 0, 4, 8, 12, 16, 16, 16]);
    expect(walk.steps.at(-1)!.shown).toContain('direct');
    expect(walk.maxDifference).toBe(0); // integers and halves: exact in float64
    expect(walk.steps[1]!.text).toContain('32 additions');
    expect(walk.steps[0]!.text).toContain('36');
  });

  it('F(4×4): 36 products in six rows against 144 direct', () => {
    const d = Array.from({ length: 36 }, (_, i) => ((i * 7) % 5) - 2);
    const walk = tileWalkthrough(d, [1, 2, 1, 0, 1, 0, -1, 0, 2], F4_3);
    expect(walk.steps.filter((s) => s.current === 'M')).toHaveLength(6);
    expect(walk.steps.at(-1)!.multiplications).toBe(36);
    expect(walk.steps.at(-1)!.text).toContain('144');
    expect(walk.maxDifference).toBeLessThan(1e-12);
  });
});

describe('matrix grid', () => {
  it('colours cells on the signed scale with readable text, blanks and highlights cells', () => {
    const table = matrixGrid({ rows: 2, cols: 2, values: [-4, 0, 4, 1] }, { caption: 'M', domainMax: 4, blank: (i) => i === 3, highlight: (i) => i === 2 });
    const cells = [...table.querySelectorAll('td')];
    expect(cells.map((c) => c.textContent)).toEqual(['−4.00', '0.00', '4.00', '·']);
    expect(cells[0]!.style.background).not.toBe(cells[2]!.style.background);
    expect(cells[3]!.className).toBe('blank');
    expect(cells[2]!.classList.contains('new')).toBe(true);
    expect(table.querySelector('caption')!.textContent).toBe('M');
  });
  it('picks the text colour with the higher contrast', () => {
    expect(textColorOn('#ffffff')).toBe('#000');
    expect(textColorOn('rgb(5, 48, 97)')).toBe('#fff');
    expect(luminance('#000000')).toBe(0);
  });
});

describe('tiling map', () => {
  it('marks the outputs an edge tile computes past a 5×5 map as discarded', () => {
    const plan = tilingPlan(5, 5, F2_3);
    const pixels = tilingPixels(plan, 0);
    expect(pixels).toHaveLength(9 * 4);
    expect(pixels.filter((p) => p.kind === 'discarded')).toHaveLength(36 - 25);
    expect(pixels.filter((p) => p.selected)).toHaveLength(4);
    const fig = tilingMap(plan, { label: 'tiles', selected: 8, size: 200, document });
    expect(fig.querySelectorAll('title').length).toBeGreaterThanOrEqual(36);
  });
});

describe('error data', () => {
  it('normalizes RGBA pixels with the ImageNet mean and std into [1, 3, h, w]', () => {
    const t = rgbaToTensor([255, 0, 128, 255, 0, 255, 0, 255], 2, 1);
    expect(t.shape).toEqual([1, 3, 1, 2]);
    expect(t.data[0]).toBeCloseTo((1 - IMAGENET_MEAN[0]) / IMAGENET_STD[0], 6);
    expect(t.data[3]).toBeCloseTo((1 - IMAGENET_MEAN[1]) / IMAGENET_STD[1], 6);
  });
});

describe('Wino MULs table rows', () => {
  it('count by tiling, agree with countModel and keep the paper digits apart', () => {
    const rows = winogradFamilyRows();
    expect(rows).toHaveLength(13);
    for (const r of rows) {
      const c = countModel(getVariant(r.id));
      expect(r.f2).toBe(c.winoMuls);
      expect(r.flops).toBe(c.flops);
      expect(r.f4).toBeLessThan(r.f2);
      expect(r.untouched).toBeGreaterThan(0);
    }
    expect(rows.filter((r) => r.paperF2 === null).map((r) => r.id)).toEqual(['B2g2', 'B3g2']);
  });
});
