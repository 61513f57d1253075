/**
 * A heatmap of a feature map painted into a canvas, one canvas pixel per value, scaled up by CSS
 * without smoothing. Plot.cell draws one SVG element per value, which is too slow to redraw
 * thousands of values on every slider step; this redraws a 32×32 map in well under a millisecond.
 * Same colours as the Plot figures (color-ramp.ts); the values themselves are in the figure's
 * text alternative (value-table.ts), as for every figure.
 */
import { el } from '../el';
import type { Matrix } from './cells';
import { type RampKind, colorRamp, rampIndex } from './color-ramp';

export interface RasterOptions {
  /** Accessible name of the image. */
  readonly label: string;
  readonly scale: RampKind;
  /** Top of the colour domain: the largest |value| for 'signed', the largest value for 'magnitude'. */
  readonly domainMax: number;
  /** CSS pixels per value at full size (the canvas shrinks with its container). */
  readonly pixel?: number;
}

/** A new canvas showing the matrix. */
export function rasterHeatmap(m: Matrix, options: RasterOptions): HTMLCanvasElement {
  const canvas = el('canvas', { class: 'raster', role: 'img' });
  drawRaster(canvas, m, options);
  return canvas;
}

/** Repaints a canvas made by rasterHeatmap (resizing it if the matrix changed shape). */
export function drawRaster(canvas: HTMLCanvasElement, m: Matrix, options: RasterOptions): void {
  if (m.values.length !== m.rows * m.cols) throw new Error(`matrix of ${m.rows}×${m.cols} needs ${m.rows * m.cols} values, got ${m.values.length}`);
  if (canvas.width !== m.cols || canvas.height !== m.rows) {
    canvas.width = m.cols;
    canvas.height = m.rows;
  }
  const pixel = options.pixel ?? Math.max(4, Math.floor(160 / Math.max(m.cols, m.rows)));
  // Touch the element only where something changed: each write would cost the page a style pass.
  setIfChanged(canvas, 'style', `width: ${m.cols * pixel}px`);
  setIfChanged(canvas, 'aria-label', options.label);
  setIfChanged(canvas, 'data-domain-max', String(options.domainMax));
  const context = canvas.getContext('2d');
  if (!context) return; // no canvas support (tests without one): the table still has the values
  const image = context.createImageData(m.cols, m.rows);
  const { rgb } = colorRamp(options.scale);
  const px = image.data;
  for (let i = 0; i < m.values.length; i++) {
    const k = rampIndex(options.scale, m.values[i]!, options.domainMax) * 3;
    px[i * 4] = rgb[k]!;
    px[i * 4 + 1] = rgb[k + 1]!;
    px[i * 4 + 2] = rgb[k + 2]!;
    px[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

function setIfChanged(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** The (row, column) under a pointer event on a raster canvas, or null outside it. */
export function rasterCellAt(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }): { row: number; col: number } | null {
  const box = canvas.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return null;
  const col = Math.floor(((event.clientX - box.left) / box.width) * canvas.width);
  const row = Math.floor(((event.clientY - box.top) / box.height) * canvas.height);
  return row >= 0 && row < canvas.height && col >= 0 && col < canvas.width ? { row, col } : null;
}
