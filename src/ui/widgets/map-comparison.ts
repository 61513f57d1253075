/**
 * The comparison every chapter makes: the same input through two computations, side by side per
 * output channel, and their |difference|. Rows = output channels; columns = reference, converted,
 * |Δ|. The first two columns share one signed colour scale (equal values, equal colours), the third
 * uses the log magnitude scale from float32 rounding up. Rasters (fast to redraw), a pointer probe
 * that reads all three values at one pixel, and the values as tables.
 */
import type { Tensor } from '../../core/tensor';
import { el } from '../el';
import { niceMax } from '../viz/color-ramp';
import { formatError, formatValue } from '../viz/format';
import { LegendSlot } from '../viz/legend';
import { LiveTable, tableOnly } from '../viz/live-table';
import { drawRaster, rasterCellAt, rasterHeatmap } from '../viz/raster';
import { RasterOverlay } from '../viz/raster-overlay';
import { symmetricExtent } from '../viz/scales';
import { valueTable } from '../viz/value-table';

export interface MapComparisonOptions {
  /** Column titles, e.g. "conv → BN" and "folded conv". */
  readonly reference: string;
  readonly converted: string;
  /** Row title of output channel o. */
  readonly channelLabel?: (o: number) => string;
  /** CSS pixels per value. */
  readonly pixel?: number;
}

export class MapComparison {
  readonly element: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly probe: HTMLElement;
  private readonly signedLegend = new LegendSlot();
  private readonly diffLegend = new LegendSlot();
  private readonly tables = new LiveTable('Values as tables (every map, every pixel)');
  private canvases: HTMLCanvasElement[][] = [];
  private overlays: RasterOverlay[] = [];
  private marked: { row: number; col: number } | null = null;
  private last: { reference: Tensor; converted: Tensor; diff: ArrayLike<number> } | null = null;

  constructor(private readonly options: MapComparisonOptions) {
    this.grid = el('div', { class: 'map-grid' });
    this.probe = el('p', { class: 'probe', text: 'Point at a pixel to read its three values.' });
    const legends = el('div', { class: 'map-legends' }, this.signedLegend.element, this.diffLegend.element);
    this.element = el('div', { class: 'map-comparison' }, this.grid, legends, this.probe, this.tables.element);
    this.grid.addEventListener('pointermove', (event) => this.showProbe(event));
  }

  /** Draws [1, C, H, W] maps and the element-wise |reference − converted| (same length). */
  update(reference: Tensor, converted: Tensor, diff: ArrayLike<number>): void {
    const [, channels, rows, cols] = reference.shape as [number, number, number, number];
    if (this.canvases.length !== channels || this.canvases[0]?.[0]?.width !== cols || this.canvases[0]?.[0]?.height !== rows) {
      this.build(channels);
    }
    const signedMax = niceMax(symmetricExtent(reference.data, converted.data));
    let diffMax = 0;
    for (let i = 0; i < diff.length; i++) diffMax = Math.max(diffMax, diff[i]!);
    // From float32 rounding up to at least 1: rounding-level differences stay dark, real ones glow.
    const diffTop = Math.max(1, niceMax(diffMax));
    const plane = rows * cols;
    const label = this.options.channelLabel ?? ((o: number) => `output channel ${o}`);
    for (let o = 0; o < channels; o++) {
      const slice = (values: ArrayLike<number>) => ({ rows, cols, values: subarray(values, o * plane, (o + 1) * plane) });
      const [ref, conv, delta] = this.canvases[o]!;
      drawRaster(ref!, slice(reference.data), {
        label: `${this.options.reference}, ${label(o)}, ${rows}×${cols}`,
        scale: 'signed',
        domainMax: signedMax,
        ...this.pixel(),
      });
      drawRaster(conv!, slice(converted.data), {
        label: `${this.options.converted}, ${label(o)}, ${rows}×${cols}`,
        scale: 'signed',
        domainMax: signedMax,
        ...this.pixel(),
      });
      drawRaster(delta!, slice(diff), { label: `|difference|, ${label(o)}, ${rows}×${cols}`, scale: 'magnitude', domainMax: diffTop, ...this.pixel() });
    }
    this.signedLegend.update({ kind: 'signed', domainMax: signedMax, label: 'value', width: 220 });
    this.diffLegend.update({ kind: 'magnitude', domainMax: diffTop, label: '|difference| (log)', width: 220 });
    this.last = { reference, converted, diff };
    this.drawMark();
    this.tables.update(() => this.buildTables(channels, rows, cols));
  }

  private pixel(): { pixel?: number } {
    return this.options.pixel ? { pixel: this.options.pixel } : {};
  }

  private build(channels: number): void {
    const label = this.options.channelLabel ?? ((o: number) => `output channel ${o}`);
    const head = (text: string, className = 'map-head') => el('div', { class: className, text });
    const cells: Node[] = [el('div'), head(this.options.reference), head(this.options.converted), head('|difference|')];
    this.canvases = [];
    this.overlays = [];
    for (let o = 0; o < channels; o++) {
      const rowHead = head(label(o), 'map-head map-row-head');
      const row = [0, 1, 2].map(() => rasterHeatmap({ rows: 1, cols: 1, values: [0] }, { label: '', scale: 'signed', domainMax: 1 }));
      row.forEach((canvas, column) => {
        canvas.dataset['channel'] = String(o);
        canvas.dataset['column'] = ['reference', 'converted', 'difference'][column]!;
      });
      this.canvases.push(row);
      const wrapped = row.map((canvas) => new RasterOverlay(canvas));
      this.overlays.push(...wrapped);
      cells.push(rowHead, ...wrapped.map((w) => w.element));
    }
    this.grid.replaceChildren(...cells);
  }

  /** Outlines one output pixel on every map (null: none). */
  mark(cell: { row: number; col: number } | null): void {
    this.marked = cell;
    this.drawMark();
  }

  private drawMark(): void {
    const cell = this.marked;
    for (const overlay of this.overlays) overlay.draw(cell ? [{ ...cell, rows: 1, cols: 1, kind: 'focus' }] : []);
  }

  private showProbe(event: PointerEvent): void {
    const canvas = event.target;
    if (!(canvas instanceof HTMLCanvasElement) || !this.last) return;
    const cell = rasterCellAt(canvas, event);
    if (!cell) return;
    const o = Number(canvas.dataset['channel']);
    const [, , rows, cols] = this.last.reference.shape as [number, number, number, number];
    const i = (o * rows + cell.row) * cols + cell.col;
    const label = this.options.channelLabel ?? ((c: number) => `output channel ${c}`);
    this.probe.textContent =
      `${label(o)}, row ${cell.row}, column ${cell.col}: ${this.options.reference} ${formatValue(this.last.reference.data[i]!, 4)}, ` +
      `${this.options.converted} ${formatValue(this.last.converted.data[i]!, 4)}, |difference| ${formatError(this.last.diff[i]!)}`;
  }

  private buildTables(channels: number, rows: number, cols: number): Node[] {
    if (!this.last) return [];
    const { reference, converted, diff } = this.last;
    const plane = rows * cols;
    const label = this.options.channelLabel ?? ((o: number) => `output channel ${o}`);
    const out: Node[] = [];
    for (let o = 0; o < channels; o++) {
      const slice = (values: ArrayLike<number>) => ({ rows, cols, values: subarray(values, o * plane, (o + 1) * plane) });
      out.push(
        tableOnly(valueTable(slice(reference.data), { caption: `${this.options.reference}, ${label(o)}` })),
        tableOnly(valueTable(slice(converted.data), { caption: `${this.options.converted}, ${label(o)}` })),
        tableOnly(valueTable(slice(diff), { caption: `|difference|, ${label(o)}`, format: (x) => formatError(x) })),
      );
    }
    for (const table of out) (table as HTMLElement).dataset['kind'] = 'map';
    return out;
  }
}

function subarray(values: ArrayLike<number>, start: number, end: number): ArrayLike<number> {
  return ArrayBuffer.isView(values) ? (values as Float32Array).subarray(start, end) : Array.prototype.slice.call(values, start, end);
}
