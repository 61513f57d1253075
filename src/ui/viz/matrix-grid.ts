/**
 * A small matrix as an HTML table whose cells are coloured by the notebook's signed scale (the
 * same scale as the heatmaps) and print their values: the figure and its text alternative in one.
 * Used where a reader steps through a computation: cells can be blank (not computed yet) or
 * highlighted (just computed). Text is black or white, whichever contrasts more with the cell.
 */
import * as Plot from '@observablehq/plot';
import { el } from '../el';
import type { Matrix } from './cells';
import { formatValue } from './format';
import { signedColor } from './scales';

export interface MatrixGridOptions {
  /** Caption: what the matrix is, e.g. "V = Bᵀ d B". */
  readonly caption: string;
  /** Largest |value| of the colour domain, shared by the figures that are compared. */
  readonly domainMax: number;
  /** Cells to leave blank, row-major index → true. */
  readonly blank?: (index: number) => boolean;
  /** Cells to outline as just computed. */
  readonly highlight?: (index: number) => boolean;
  readonly digits?: number;
  readonly rowLabel?: (r: number) => string;
  readonly colLabel?: (c: number) => string;
}

/** Relative luminance of an "rgb(r, g, b)" or "#rrggbb" colour (WCAG 2). */
export function luminance(color: string): number {
  const rgb = color.startsWith('#')
    ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
    : (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever gives the higher contrast ratio on `background`. */
export function textColorOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

export function matrixGrid(m: Matrix, options: MatrixGridOptions): HTMLTableElement {
  const scale = Plot.scale({ color: signedColor(options.domainMax) });
  const cell = (r: number, c: number) => {
    const i = r * m.cols + c;
    const label = `${options.rowLabel?.(r) ?? `row ${r + 1}`}, ${options.colLabel?.(c) ?? `column ${c + 1}`}`;
    const blank = options.blank?.(i);
    const className = [blank ? 'blank' : '', options.highlight?.(i) ? 'new' : ''].filter(Boolean).join(' ') || undefined;
    if (blank) return el('td', { 'data-index': i, class: className, text: '·', 'aria-label': `${label}: not computed yet` });
    const value = m.values[i]!;
    const fill = String(scale.apply(value));
    const td = el('td', { 'data-index': i, class: className, text: formatValue(value, options.digits ?? 2), title: `${label}: ${formatValue(value, 4)}` });
    td.style.background = fill;
    td.style.color = textColorOn(fill);
    return td;
  };
  const rows = Array.from({ length: m.rows }, (_, r) => el('tr', {}, ...Array.from({ length: m.cols }, (_, c) => cell(r, c))));
  return el('table', { class: 'matrix-grid' }, el('caption', { text: options.caption }), el('tbody', {}, ...rows));
}
