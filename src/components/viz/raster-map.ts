/**
 * A large map of magnitudes (|difference| over a whole feature map) as one raster image on the
 * notebook's log magnitude scale: thousands of values without thousands of SVG elements, and no
 * gaps between pixels. Row 0 at the top, as in an image. The legend is drawn separately
 * (magnitudeLegend) so several maps can share one.
 */
import * as Plot from '@observablehq/plot';
import { hideUnlabelledMarks } from './a11y';
import type { Matrix } from './cells';
import { magnitudeColor } from './scales';

/** float32's unit roundoff: exact zeros are drawn at this floor. */
export const MAGNITUDE_FLOOR = 2 ** -24;

export interface RasterMapOptions {
  readonly label: string;
  /** Top of the shared colour domain. */
  readonly domainMax: number;
  /** Screen pixels per value. */
  readonly pixel?: number;
  readonly document?: Document;
}

export function rasterMap(m: Matrix, options: RasterMapOptions): SVGSVGElement | HTMLElement {
  const pixel = options.pixel ?? 4;
  const { values, rows, cols } = m;
  return hideUnlabelledMarks(Plot.plot({
    width: cols * pixel,
    height: rows * pixel,
    margin: 0,
    x: { domain: [0, cols], axis: null },
    y: { domain: [0, rows], axis: null, reverse: true },
    color: { ...magnitudeColor(options.domainMax, MAGNITUDE_FLOOR), legend: false },
    marks: [
      Plot.raster({
        width: cols,
        height: rows,
        x1: 0,
        y1: 0,
        x2: cols,
        y2: rows,
        imageRendering: 'pixelated',
        fill: (x: number, y: number) => Math.max(values[Math.floor(y) * cols + Math.floor(x)]!, MAGNITUDE_FLOOR),
      }),
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.3 }),
    ],
    ariaLabel: options.label,
    ariaDescription: `${rows} by ${cols} magnitudes on a log colour scale; the summary table follows.`,
    ...(options.document ? { document: options.document } : {}),
  }));
}

/** The shared legend for maps drawn with the same domainMax. */
export function magnitudeLegend(domainMax: number, label: string, document?: Document): HTMLElement | SVGSVGElement {
  return Plot.legend({ color: { ...magnitudeColor(domainMax, MAGNITUDE_FLOOR), label }, ...(document ? { document } : {}) }) as HTMLElement | SVGSVGElement;
}
