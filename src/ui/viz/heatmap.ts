/**
 * A heatmap of one matrix (a feature map, a 4×4 Winograd tile, a 3×3 kernel): Plot.cell, one
 * square per entry, row 0 at the top as in an image. Colour: the signed or the magnitude scale.
 */
import * as Plot from '@observablehq/plot';
import { matrixCells, type Matrix } from './cells';
import { formatError, formatValue } from './format';
import { MAGNITUDE_FLOOR as FLOOR, magnitudeColor, signedColor, symmetricExtent } from './scales';

export interface HeatmapOptions {
  /** Accessible name of the figure (ARIA label on the SVG). */
  readonly label: string;
  /** 'signed' (diverging, centred on zero) or 'magnitude' (sequential log, for |difference|). */
  readonly scale?: 'signed' | 'magnitude';
  /** Share one colour domain across figures: the largest |value| for 'signed', the top for 'magnitude'. */
  readonly domainMax?: number;
  /** Pixel size of one cell. */
  readonly cell?: number;
  /** Print each value inside its cell (small matrices only). */
  readonly showValues?: boolean;
  /** Legend label. */
  readonly legendLabel?: string;
  readonly legend?: boolean;
  /** A Document to render into (tests pass jsdom's). */
  readonly document?: Document;
}

export function heatmap(m: Matrix, options: HeatmapOptions): SVGSVGElement | HTMLElement {
  const magnitude = options.scale === 'magnitude';
  const data = matrixCells(m).map((d) => (magnitude ? { ...d, shown: Math.max(d.value, FLOOR) } : { ...d, shown: d.value }));
  const cell = options.cell ?? (m.cols <= 4 ? 36 : Math.max(6, Math.floor(240 / m.cols)));
  const color = magnitude
    ? magnitudeColor(options.domainMax ?? Math.max(...data.map((d) => d.value)), FLOOR, options.legendLabel)
    : signedColor(options.domainMax ?? symmetricExtent(m.values), options.legendLabel);
  const format = magnitude ? formatError : (x: number) => formatValue(x);
  const marks: Plot.Markish[] = [
    Plot.cell(data, {
      x: 'col',
      y: 'row',
      fill: 'shown',
      inset: 0.5,
      title: (d: { row: number; col: number; value: number }) => `row ${d.row}, column ${d.col}: ${format(d.value)}`,
    }),
  ];
  if (options.showValues) {
    marks.push(
      Plot.text(data, {
        x: 'col',
        y: 'row',
        text: (d: { value: number }) => format(d.value),
        fill: 'currentColor',
        stroke: 'var(--bg, white)',
        strokeWidth: 3,
        fontSize: Math.max(9, Math.min(13, cell / 3.2)),
      }),
    );
  }
  return Plot.plot({
    width: m.cols * cell,
    height: m.rows * cell,
    margin: 0,
    padding: 0,
    x: { axis: null, domain: range(m.cols) },
    y: { axis: null, domain: range(m.rows) },
    color: { ...color, legend: options.legend ?? true },
    marks,
    ariaLabel: options.label,
    ariaDescription: `${m.rows} by ${m.cols} values; the table of values follows the figure.`,
    ...(options.document ? { document: options.document } : {}),
  });
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
