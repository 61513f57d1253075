/**
 * A colour legend on its own, for figures that share one scale (a row of raster maps). Kept in a
 * slot that redraws only when the scale really changed: Plot renders the ramp into an image, which
 * is the slow part of a legend.
 */
import * as Plot from '@observablehq/plot';
import { el } from '../el';
import type { RampKind } from './color-ramp';
import { MAGNITUDE_FLOOR, magnitudeColor, signedColor } from './scales';

export interface LegendOptions {
  readonly kind: RampKind;
  readonly domainMax: number;
  readonly label: string;
  readonly width?: number;
  readonly document?: Document;
}

export function colorLegend(options: LegendOptions): SVGSVGElement | HTMLElement {
  const color = options.kind === 'signed' ? signedColor(options.domainMax, options.label) : magnitudeColor(options.domainMax, MAGNITUDE_FLOOR, options.label);
  return Plot.legend({
    color: { ...color, legend: 'ramp' },
    width: options.width ?? 240,
    // Room for the end tick labels ("−4", "1e+0"), which Plot centres on the ends of the ramp.
    marginLeft: 14,
    marginRight: 14,
    ...(options.kind === 'magnitude' ? { ticks: 4, tickFormat: '.0e' } : { ticks: 5 }),
    ...(options.document ? { document: options.document } : {}),
  } as Plot.LegendOptions & { color: Plot.ScaleOptions });
}

/** A place for a legend that is replaced only when its kind, domain or label changes. */
export class LegendSlot {
  readonly element: HTMLElement = el('div', { class: 'legend-slot' });
  private key = '';

  update(options: LegendOptions): void {
    const key = `${options.kind}|${options.domainMax}|${options.label}|${options.width ?? ''}`;
    if (key === this.key) return;
    this.key = key;
    let legend = rendered.get(key);
    if (!legend) {
      legend = colorLegend({ ...options, document: this.element.ownerDocument });
      rendered.set(key, legend);
      if (rendered.size > 64) rendered.delete(rendered.keys().next().value!); // oldest first
    }
    this.element.replaceChildren(legend.cloneNode(true));
  }
}

/**
 * Legends already drawn, by scale: a reader dragging a slider back and forth crosses the same few
 * domains again and again, and cloning a legend is far cheaper than drawing its ramp anew.
 */
const rendered = new Map<string, Node>();
