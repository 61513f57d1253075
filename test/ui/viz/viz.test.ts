// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { kernelCells, matrixCells } from '../../../src/ui/viz/cells';
import { absDifference } from '../../../src/core/tensor';
import { formatCount, formatError, formatValue, powerOfTen, superscript } from '../../../src/ui/viz/format';
import { heatmap } from '../../../src/ui/viz/heatmap';
import { kernelGrid } from '../../../src/ui/viz/kernel-grid';
import { symmetricExtent } from '../../../src/ui/viz/scales';
import { kernelTable, valueTable } from '../../../src/ui/viz/value-table';

// jsdom has no canvas; Plot's continuous legend paints its ramp into one and embeds it as an image.
HTMLCanvasElement.prototype.getContext = (() =>
  ({ fillStyle: '', fillRect() {} }) as unknown as CanvasRenderingContext2D) as unknown as typeof HTMLCanvasElement.prototype.getContext;
HTMLCanvasElement.prototype.toDataURL = () => 'data:image/png;base64,';

const fills = (root: Element) => [...root.querySelectorAll('g[aria-label="cell"] rect')].map((r) => r.getAttribute('fill'));

describe('transforms', () => {
  it('matrixCells is row-major and checks the size', () => {
    expect(matrixCells({ rows: 2, cols: 2, values: [1, 2, 3, 4] })[2]).toEqual({ row: 1, col: 0, value: 3 });
    expect(() => matrixCells({ rows: 2, cols: 2, values: [1, 2, 3] })).toThrow(/needs 4 values/);
  });
  it('kernelCells walks [out, in, kh, kw]', () => {
    const data = Array.from({ length: 2 * 3 * 3 * 3 }, (_, i) => i);
    const cells = kernelCells({ shape: [2, 3, 3, 3], data });
    expect(cells[9 * 4 + 5]).toEqual({ out: 1, in: 1, u: 1, v: 2, value: 9 * 4 + 5 });
  });
  it('absDifference gives the elementwise |a−b| and its max', () => {
    const d = absDifference([1, -2, 3], [1.5, -2, 0]);
    expect([...d.values]).toEqual([0.5, 0, 3]);
    expect(d.max).toBe(3);
  });
  it('symmetricExtent never returns 0', () => {
    expect(symmetricExtent([0, 0])).toBe(1);
    expect(symmetricExtent([-3, 2], [1])).toBe(3);
  });
});

describe('formatting', () => {
  it('uses a true minus sign, exponents for tiny values, thin spaces for thousands', () => {
    expect(formatValue(-0.125)).toBe('−0.13');
    expect(formatValue(0.0001)).toBe('1.0e-4');
    expect(formatError(2.4e-7)).toBe('2.4e−7');
    expect(formatError(0)).toBe('0');
    expect(formatCount(123456789)).toBe('123\u202f456\u202f789');
  });
  it('writes exponents as superscripts; a log axis labels only the powers of ten', () => {
    expect(superscript(17)).toBe('¹⁷');
    expect(superscript(-3)).toBe('⁻³');
    expect([1e-3, 0.002, 1, 100].map(powerOfTen)).toEqual(['10⁻³', '', '10⁰', '10²']);
  });
});

describe('heatmap', () => {
  it('draws one cell per value on a scale symmetric around zero', () => {
    const fig = heatmap({ rows: 2, cols: 3, values: [-2, 0, 2, 1, -1, 0] }, { label: 'test map' });
    const svg = fig.tagName.toLowerCase() === 'svg' ? fig : fig.querySelector('svg[aria-label="test map"]')!;
    expect(svg.getAttribute('aria-label')).toBe('test map');
    const f = fills(svg);
    expect(f).toHaveLength(6);
    expect(f[1]).toBe(f[5]); // both zeros: the centre of the diverging scale
    expect(f[0]).not.toBe(f[2]); // −2 and +2 at opposite ends
    expect(fig.querySelector('svg.plot-ramp, .plot-ramp, svg[class$="-ramp"]')).not.toBeNull(); // a legend
    expect(fig.outerHTML).toMatchSnapshot();
  });

  it('a shared domain makes equal values equal colours across figures', () => {
    const a = heatmap({ rows: 1, cols: 2, values: [1, 0] }, { label: 'a', domainMax: 4, legend: false });
    const b = heatmap({ rows: 1, cols: 2, values: [1, 4] }, { label: 'b', domainMax: 4, legend: false });
    expect(fills(a)[0]).toBe(fills(b)[0]);
  });

  it('magnitude scale draws exact zeros at the floor instead of failing on log(0)', () => {
    const fig = heatmap({ rows: 1, cols: 3, values: [0, 1e-7, 1e-3] }, { label: 'diff', scale: 'magnitude', legend: false });
    const f = fills(fig);
    expect(f.every((c) => c && c !== 'none')).toBe(true);
    expect(new Set(f).size).toBe(3);
  });

  it('prints the values when asked', () => {
    const fig = heatmap({ rows: 1, cols: 2, values: [0.5, -0.25] }, { label: 'v', showValues: true, legend: false });
    expect([...fig.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['0.50', '−0.25']));
  });
});

describe('kernel grid', () => {
  it('draws rows = output channels, columns = input channels, 9 taps each', () => {
    const data = Float32Array.from({ length: 2 * 2 * 9 }, (_, i) => (i % 9 === 4 ? 1 : 0));
    const fig = kernelGrid({ shape: [2, 2, 3, 3], data }, { label: 'kernels' });
    expect(fills(fig)).toHaveLength(36);
    const text = fig.textContent ?? '';
    expect(text).toContain('out 1');
    expect(text).toContain('in 1');
    expect(fig.outerHTML).toMatchSnapshot();
  });
});

describe('text alternatives', () => {
  it('valueTable has one body cell per value, formatted, with row and column headers', () => {
    const t = valueTable({ rows: 2, cols: 2, values: [1, -2, 3, 4] }, { caption: 'm' });
    expect(t.tagName).toBe('DETAILS');
    expect([...t.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['1.000', '−2.000', '3.000', '4.000']);
    expect(t.querySelectorAll('th[scope="row"]')).toHaveLength(2);
    expect(t.querySelector('caption')!.textContent).toBe('m');
  });
  it('kernelTable has one row per (out, in) pair', () => {
    const t = kernelTable({ shape: [2, 3, 3, 3], data: new Float32Array(54) }, { caption: 'k' });
    expect(t.querySelectorAll('tbody tr')).toHaveLength(6);
    expect(t.querySelector('tbody tr:last-child th')!.textContent).toBe('out 1, in 2');
  });
});
