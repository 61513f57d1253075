// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../src/ui/viz/label-placement';
import { labelledScatter } from '../../../src/ui/viz/labelled-scatter';
import { simpleTable } from '../../../src/ui/viz/simple-table';
import { layoutStageBars, stageBars } from '../../../src/ui/viz/stage-bars';
import { getVariant, planModel } from '../../../src/core/index.ts';

describe('stage bars', () => {
  const plan = planModel(getVariant('B1g4'));

  it('lays out one bar per layer, a gap between stages, s2 on the first block and g4 on grouped ones', () => {
    const { bars, stages } = layoutStageBars(plan);
    expect(bars).toHaveLength(28);
    expect(stages.map((s) => s.blocks)).toEqual([1, 4, 6, 16, 1]);
    const within = bars[2]!.x1 - bars[1]!.x2;
    const between = bars[1]!.x1 - bars[0]!.x2;
    expect(between).toBeGreaterThan(within);
    expect(bars.filter((b) => b.mark === 's2').map((b) => b.index)).toEqual([0, 1, 5, 11, 27]);
    expect(bars.filter((b) => b.mark === 'g4')).toHaveLength(13);
  });

  it('draws 28 rects, grouped ones lighter, with stage labels', () => {
    const fig = stageBars(plan, { label: 'B1g4 plan', width: 800, document });
    const rects = [...fig.querySelectorAll('g[aria-label="rect"] rect')];
    expect(rects).toHaveLength(28);
    expect(rects.filter((r) => r.getAttribute('fill-opacity') === '0.35')).toHaveLength(13);
    expect(fig.textContent).toContain('stage 3');
    expect(fig.textContent).toContain('14×14');
  });
});

describe('label placement', () => {
  it('keeps labels of neighbouring points apart and inside the frame', () => {
    const frame = { left: 0, right: 200, top: 0, bottom: 100 };
    const spots = placeLabels(
      [
        { x: 50, y: 50, width: 40, height: 12 },
        { x: 52, y: 52, width: 40, height: 12 },
        { x: 195, y: 20, width: 40, height: 12 },
      ],
      frame,
    );
    const box = (i: number, w = 40) => {
      const s = spots[i]!;
      const x0 = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - w : s.x - w / 2;
      return { x0, x1: x0 + w, y0: s.y - 6, y1: s.y + 6 };
    };
    const [a, b] = [box(0), box(1)];
    const overlapArea = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
    expect(overlapArea).toBe(0);
    expect(spots[2]!.anchor).not.toBe('start'); // no room on the right
    expect(box(2).x1).toBeLessThanOrEqual(200);
  });
});

describe('labelled scatter', () => {
  it('draws every point and labels each one', () => {
    const fig = labelledScatter(
      [
        { x: 1, y: 70, label: 'A', series: 's' },
        { x: 2, y: 75, label: 'B', series: 's' },
        { x: 3, y: 72, label: 'C', series: 't', showLabel: false },
      ],
      {
        label: 'acc',
        width: 500,
        xLabel: 'x',
        yLabel: 'y',
        series: [
          { name: 's', color: 'red', symbol: 'circle', filled: true, line: true },
          { name: 't', color: 'grey', symbol: 'square', filled: false },
        ],
        document,
      },
    );
    expect(fig.querySelectorAll('g[aria-label="dot"] path')).toHaveLength(3);
    const texts = [...fig.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
    expect(texts.sort()).toEqual(['A', 'B']);
    expect(fig.querySelectorAll('g[aria-label="line"] path')).toHaveLength(1);
  });
});

describe('simple table', () => {
  it('has row headers, numeric and paper columns', () => {
    const t = simpleTable({ caption: 'c', head: ['a', 'b'], rows: [['x', '1']], numeric: [1], paper: [1] });
    expect(t.querySelector('tbody th[scope="row"]')!.textContent).toBe('x');
    expect(t.querySelector('tbody td')!.className).toBe('num paper');
  });
});
