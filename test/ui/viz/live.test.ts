// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it, vi } from 'vitest';
import { MAGNITUDE_FLOOR, colorRamp, niceMax, parseColor, rampIndex } from '../../../src/ui/viz/color-ramp';
import { kernelGrid, kernelLayout, recolorKernelGrid } from '../../../src/ui/viz/kernel-grid';
import { LiveTable } from '../../../src/ui/viz/live-table';
import { drawRaster, rasterHeatmap } from '../../../src/ui/viz/raster';
import { magnitudeColor, signedColor } from '../../../src/ui/viz/scales';
import { kernelTable, updateTableValues } from '../../../src/ui/viz/value-table';
import { KernelFigure } from '../../../src/ui/widgets/kernel-figure';

// jsdom has no canvas: a stub that keeps what was painted, so the colours can be checked.
let painted: ImageData | null = null;
HTMLCanvasElement.prototype.getContext = (() =>
  ({
    fillStyle: '',
    fillRect() {},
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: (image: ImageData) => (painted = image),
  }) as unknown as CanvasRenderingContext2D) as unknown as typeof HTMLCanvasElement.prototype.getContext;
HTMLCanvasElement.prototype.toDataURL = () => 'data:image/png;base64,';

const bank = (values: number[], shape: [number, number, number, number] = [2, 2, 3, 3]) => ({ shape, data: Float32Array.from(values) });
const wave = (n: number, phase = 0) => Array.from({ length: n }, (_, i) => Math.sin(i + phase));
const drawn = (root: Element) => ({
  fills: [...root.querySelectorAll('g[aria-label="cell"] rect')].map((r) => r.getAttribute('fill')),
  titles: [...root.querySelectorAll('g[aria-label="cell"] title')].map((t) => t.textContent),
  texts: [...root.querySelectorAll('g[aria-label="text"]')].map((g) =>
    [...g.querySelectorAll('text')].map((t) => `${t.textContent} ${t.getAttribute('fill')} ${t.getAttribute('fill-opacity')}`),
  ),
});

describe('kernel grid', () => {
  it('lays kernels out as rows = outputs, columns = inputs, with a gap between kernels', () => {
    const { cells, width, height } = kernelLayout(bank(wave(36)), 10, 6);
    expect([width, height]).toEqual([2 * 30 + 6, 2 * 30 + 6]);
    const cell = cells[9 * 3 + 5]!; // out 1, in 1, tap (1, 2)
    expect([cell.out, cell.in, cell.u, cell.v]).toEqual([1, 1, 1, 2]);
    expect([cell.x1, cell.y1]).toEqual([36 + 20, 36 + 10]);
  });

  it('recolouring in place gives exactly what a fresh grid would', () => {
    const options = { label: 'k', legend: false, showValues: true, domainMax: 1.5 };
    const grid = kernelGrid(bank(wave(36)), options);
    expect(recolorKernelGrid(grid, bank(wave(36, 2)), options)).toBe(true);
    expect(drawn(grid)).toEqual(drawn(kernelGrid(bank(wave(36, 2)), options)));
  });

  it('prints only the nonzero values of a sparse kernel when asked, and recolours it in place too', () => {
    const options = { label: 'k', legend: false, showValues: 'nonzero' as const, domainMax: 1 };
    const sparse = (at: number) => bank(Array.from({ length: 36 }, (_, i) => (i === at ? 0.5 : 0)));
    const grid = kernelGrid(sparse(4), options);
    const visible = [...grid.querySelectorAll('g[aria-label="text"]:last-of-type text')].filter((t) => t.getAttribute('fill-opacity') !== '0');
    expect(visible.map((t) => t.textContent)).toEqual(['0.50']);
    expect(recolorKernelGrid(grid, sparse(13), options)).toBe(true);
    expect(drawn(grid)).toEqual(drawn(kernelGrid(sparse(13), options)));
  });

  it('skips unchanged taps, yet follows a change of colour domain, over several updates', () => {
    const options = { label: 'k', legend: false, showValues: true, domainMax: 1 };
    const grid = kernelGrid(bank(wave(36)), options);
    const partly = wave(36).map((v, i) => (i % 5 ? v : v / 2));
    for (const [values, domainMax] of [
      [partly, 1],
      [partly, 2],
      [wave(36, 1), 2],
    ] as const) {
      expect(recolorKernelGrid(grid, bank([...values]), { ...options, domainMax })).toBe(true);
      expect(drawn(grid)).toEqual(drawn(kernelGrid(bank([...values]), { ...options, domainMax })));
    }
  });

  it('refuses to recolour a grid of another shape or layout, or one with a legend', () => {
    const options = { label: 'k', legend: false };
    const grid = kernelGrid(bank(wave(36)), options);
    const before = drawn(grid);
    expect(recolorKernelGrid(grid, bank(wave(18), [2, 1, 3, 3]), options)).toBe(false);
    expect(recolorKernelGrid(grid, bank(wave(36)), { ...options, showValues: true })).toBe(false);
    expect(recolorKernelGrid(kernelGrid(bank(wave(36)), { label: 'k' }), bank(wave(36)), { label: 'k' })).toBe(false);
    expect(drawn(grid)).toEqual(before);
  });

  it('its titles and its table print the same values', () => {
    const b = bank(wave(36));
    const titles = drawn(kernelGrid(b, { label: 'k', legend: false })).titles.map((t) => t!.split(': ')[1]);
    const cells = [...kernelTable(b, { caption: 'k' }).querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(titles).toEqual(cells);
  });
});

describe('KernelFigure', () => {
  const tensorOf = (values: number[], shape: [number, number, number, number]) => ({ shape, data: Float32Array.from(values) });
  const options = { label: 'k', caption: 'c', domainMax: 1.5, showValues: true as const };

  it('going back to a shape drawn before shows the new values, in the grid and, once opened, in the table', () => {
    const figure = new KernelFigure('k');
    figure.update(tensorOf(wave(36), [2, 2, 3, 3]), options);
    figure.update(tensorOf(wave(18), [2, 1, 3, 3]), { ...options, caption: 'narrow' });
    expect(figure.element.querySelector('figcaption')!.textContent).toBe('narrow');
    figure.update(tensorOf(wave(36, 3), [2, 2, 3, 3]), options);
    const fresh = kernelGrid(bank(wave(36, 3)), { label: 'k', legend: false, showValues: true, domainMax: 1.5 });
    expect(drawn(figure.element)).toEqual(drawn(fresh));
    const table = figure.element.querySelector('details')!;
    table.open = true;
    table.dispatchEvent(new Event('toggle'));
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(drawn(fresh).titles.map((t) => t!.split(': ')[1]));
  });
});

describe('tables in place', () => {
  it('updateTableValues rewrites the cells in order, and refuses a different count', () => {
    const table = kernelTable(bank(wave(36)), { caption: 'k' });
    expect(updateTableValues(table, wave(36, 1))).toBe(true);
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(
      [...kernelTable(bank(wave(36, 1)), { caption: 'k' }).querySelectorAll('tbody td')].map((td) => td.textContent),
    );
    expect(
      updateTableValues(
        table,
        wave(36, 2).map((v, i) => (i < 10 ? Math.sin(i + 1) : v)),
      ),
    ).toBe(true);
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(
      [...kernelTable(bank(wave(36, 2).map((v, i) => (i < 10 ? Math.sin(i + 1) : v))), { caption: 'k' }).querySelectorAll('tbody td')].map(
        (td) => td.textContent,
      ),
    );
    expect(updateTableValues(table, wave(35))).toBe(false);
  });

  it('LiveTable builds its tables only while open', () => {
    const live = new LiveTable('values');
    const build = vi.fn(() => [document.createElement('table')]);
    live.update(build);
    expect(build).not.toHaveBeenCalled();
    live.element.open = true;
    live.element.dispatchEvent(new Event('toggle'));
    expect(build).toHaveBeenCalledTimes(1);
    live.update(build); // open: rebuilt at once
    expect(build).toHaveBeenCalledTimes(2);
    expect(live.element.querySelectorAll('table')).toHaveLength(1);
  });
});

describe('raster colours', () => {
  it('the ramps sample the notebook scales: ends and centre', () => {
    const signed = Plot.scale({ color: signedColor(1) });
    const ramp = colorRamp('signed').rgb;
    expect([...ramp.subarray(0, 3)]).toEqual(parseColor(String(signed.apply(-1))));
    expect([...ramp.subarray(255 * 3, 256 * 3)]).toEqual(parseColor(String(signed.apply(1))));
    const magnitude = Plot.scale({ color: magnitudeColor(1, MAGNITUDE_FLOOR) });
    expect([...colorRamp('magnitude').rgb.subarray(255 * 3)]).toEqual(parseColor(String(magnitude.apply(1))));
  });

  it('rampIndex: signed is linear and centred on zero, magnitude is log from float32 rounding up', () => {
    expect(rampIndex('signed', 0, 2)).toBe(128); // round(0.5 · 255)
    expect(rampIndex('signed', -2, 2)).toBe(0);
    expect(rampIndex('signed', 5, 2)).toBe(255); // clamped
    expect(rampIndex('signed', Number.NaN, 2)).toBe(0);
    expect(rampIndex('magnitude', 0, 1)).toBe(0); // exact zeros at the floor
    expect(rampIndex('magnitude', Math.sqrt(MAGNITUDE_FLOOR), 1)).toBe(128); // half way, in log
  });

  it('drawRaster paints value i with the ramp colour of value i, row-major', () => {
    const values = [-1, 0, 0.5, 1];
    const canvas = rasterHeatmap({ rows: 2, cols: 2, values }, { label: 'map', scale: 'signed', domainMax: 1 });
    expect([canvas.width, canvas.height]).toEqual([2, 2]);
    expect(canvas.getAttribute('aria-label')).toBe('map');
    const ramp = colorRamp('signed').rgb;
    values.forEach((v, i) => {
      const k = rampIndex('signed', v, 1) * 3;
      expect([...painted!.data.subarray(i * 4, i * 4 + 4)]).toEqual([ramp[k], ramp[k + 1], ramp[k + 2], 255]);
    });
    drawRaster(canvas, { rows: 1, cols: 3, values: [0, 0, 0] }, { label: 'map', scale: 'signed', domainMax: 1 });
    expect([canvas.width, canvas.height]).toEqual([3, 1]);
  });

  it('niceMax rounds up to 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ', () => {
    expect(niceMax(0.9)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(1.01)).toBe(1.5);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(8.5)).toBe(10);
    expect(niceMax(3.2e-7)).toBeCloseTo(4e-7, 20);
    expect(niceMax(0)).toBe(1);
  });
});
