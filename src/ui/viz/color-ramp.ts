/**
 * The notebook's colour scales as lookup tables, for figures painted pixel by pixel (raster.ts).
 * The colours come from Plot's own scale with the options in scales.ts, sampled once, so a raster
 * map and a Plot figure with the same domain show a value in the same colour.
 */
import * as Plot from '@observablehq/plot';
import { MAGNITUDE_FLOOR, magnitudeColor, signedColor } from './scales';

export { MAGNITUDE_FLOOR };

export type RampKind = 'signed' | 'magnitude';

/** Colours sampled at evenly spaced positions along the scale (linear, or log for magnitudes). */
const STEPS = 256;

export interface ColorRamp {
  readonly kind: RampKind;
  /** STEPS RGB triples, position 0 = the bottom of the domain. */
  readonly rgb: Uint8ClampedArray;
}

const cache = new Map<RampKind, ColorRamp>();

/**
 * Along a linear or log scale the colour depends only on the fraction of the way from one end of
 * the domain to the other, so one table per kind serves every domain.
 */
export function colorRamp(kind: RampKind): ColorRamp {
  const cached = cache.get(kind);
  if (cached) return cached;
  const options = kind === 'signed' ? signedColor(1) : magnitudeColor(10, 1);
  const scale = Plot.scale({ color: { ...options, legend: false } });
  const rgb = new Uint8ClampedArray(STEPS * 3);
  for (let k = 0; k < STEPS; k++) {
    const f = k / (STEPS - 1);
    const value = kind === 'signed' ? 2 * f - 1 : 10 ** f;
    rgb.set(parseColor(String(scale.apply(value))), k * 3);
  }
  const ramp = { kind, rgb };
  cache.set(kind, ramp);
  return ramp;
}

/** Index into the ramp for a value, for a domain [−max, max] (signed) or [floor, max] (magnitude, log). */
export function rampIndex(kind: RampKind, value: number, max: number): number {
  let f: number;
  if (kind === 'signed') {
    f = max > 0 ? (value / max + 1) / 2 : 0.5;
  } else {
    const top = Math.max(max, MAGNITUDE_FLOOR * 10);
    f = (Math.log(Math.max(value, MAGNITUDE_FLOOR)) - Math.log(MAGNITUDE_FLOOR)) / (Math.log(top) - Math.log(MAGNITUDE_FLOOR));
  }
  if (!(f >= 0)) f = 0; // also NaN: drawn at the bottom, and the tables print it
  return Math.min(STEPS - 1, Math.round(f * (STEPS - 1)));
}

/** "rgb(1, 2, 3)" or "#rrggbb" → [r, g, b]. */
export function parseColor(css: string): [number, number, number] {
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  throw new Error(`unexpected colour from the scale: ${css}`);
}

/**
 * A domain top that changes in visible steps (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ), at or above
 * the largest |value|: while a slider moves, the colours stay comparable and the legend does not
 * redraw on every step.
 */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= max * (1 - 1e-12)) return step * power;
  return 10 * power;
}
