/**
 * The notebook's two colour scales (design notes): one diverging scale for signed values,
 * centred on zero and symmetric (the largest |value| on a figure sets both ends), and one
 * sequential log scale for magnitudes such as |difference|.
 */
import type { ScaleOptions } from '@observablehq/plot';

export const SIGNED_SCHEME = 'burd';
/** float32's unit roundoff: the floor of every magnitude figure, where exact zeros are drawn. */
export const MAGNITUDE_FLOOR = 2 ** -24;
export const MAGNITUDE_SCHEME = 'viridis';

/** Largest |value| over several arrays; 1 when everything is zero so the scale stays valid. */
export function symmetricExtent(...arrays: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m > 0 ? m : 1;
}

export function signedColor(maxAbs: number, label?: string): ScaleOptions {
  return {
    type: 'linear',
    scheme: SIGNED_SCHEME,
    domain: [-maxAbs, maxAbs],
    clamp: true,
    legend: true,
    ...(label ? { label } : {}),
  };
}

/**
 * |difference| on a log scale. Exact zeros are drawn at the floor; the floor defaults to
 * float32's unit roundoff so "at rounding level" looks the same on every figure.
 */
export function magnitudeColor(max: number, floor = MAGNITUDE_FLOOR, label?: string): ScaleOptions {
  const top = Math.max(max, floor * 10);
  return {
    type: 'log',
    scheme: MAGNITUDE_SCHEME,
    domain: [floor, top],
    clamp: true,
    legend: true,
    ...(label ? { label } : {}),
  };
}
