/**
 * The error figure's numbers and words, without the DOM: from one measured ErrorReport, the
 * summary sentence, the table's rows, one channel's error maps on a shared scale, and where in a
 * tile the error lands. The widget (winograd-error.ts) only draws them.
 */
import { type ErrorReport, type ErrorStats, errorByTilePosition } from '../../core/winograd/error';
import { F2_3, F4_3, type WinogradAlgorithm } from '../../core/winograd/matrices';
import { formatError } from '../../ui/viz/format';
import type { SimpleTableOptions } from '../../ui/viz/simple-table';
import type { ErrorData } from './error-data';

/** The status line while a measurement runs. */
export const computingText = (data: ErrorData): string => (data === 'photo' ? 'Loading the photo and computing…' : 'Computing…');

/** The status line when a measurement failed. */
export const failureText = (error: unknown): string => `Could not compute: ${error instanceof Error ? error.message : String(error)}`;

/** The output channel the box asks for, a whole number 0–15 (anything else reads as 0 or the nearest end). */
export const channelOf = (raw: string): number => Math.min(15, Math.max(0, Math.round(Number(raw) || 0)));

/** What the URL keeps for the channel box (`error.ch`): nothing for channel 0. */
export const channelQuery = (raw: string): string | null => (Number(raw) === 0 ? null : raw);

function methodsOf(r: ErrorReport): [direct: ErrorStats, f2: ErrorStats, f4: ErrorStats] {
  return r.methods as [ErrorStats, ErrorStats, ErrorStats];
}

/** F(4×4)'s RMS error over F(2×2)'s (the widget's data-ratio). */
export function f4OverF2(r: ErrorReport): number {
  const [, f2, f4] = methodsOf(r);
  return f4.rmsRelative / f2.rmsRelative;
}

/** The sentence that sums the measurement up. */
export function errorSummary(r: ErrorReport): string {
  const [direct, f2, f4] = methodsOf(r);
  return (
    `On this data, F(4×4)'s typical (RMS) error is ${(f4.rmsRelative / f2.rmsRelative).toFixed(1)}× F(2×2)'s, ` +
    `and F(2×2)'s is ${(f2.rmsRelative / direct.rmsRelative).toFixed(1)}× direct convolution's, all in float32.`
  );
}

/** The table of errors against float64, one row per method. */
export function errorTable(r: ErrorReport): SimpleTableOptions {
  const [, , h, w] = r.shape;
  const [direct] = methodsOf(r);
  return {
    caption: `Relative error against a float64 direct convolution of the same ${r.shape[1]}-channel output (${h}×${w}), measured now.`,
    head: ['Method', 'Multiplications per output', 'Max relative error', 'RMS relative error', 'RMS vs direct'],
    numeric: [1, 2, 3, 4],
    rows: r.methods.map((m) => [
      m.method,
      String(m.multiplicationsPerOutput),
      formatError(m.maxRelative),
      formatError(m.rmsRelative),
      `${(m.rmsRelative / direct.rmsRelative).toFixed(1)}×`,
    ]),
  };
}

/**
 * One output channel's |error| map per method, with one magnitude scale for all (so their colours
 * compare), each map's largest value, and a pixel size that keeps a map about 240 px wide.
 */
export function channelMaps(r: ErrorReport, channel: number): { slices: Float64Array[]; largest: number[]; top: number; pixel: number } {
  const [, , h, w] = r.shape;
  const plane = h * w;
  const slices = r.methods.map((m) => m.absError.subarray(channel * plane, (channel + 1) * plane));
  const largest = slices.map((e) => Math.max(...e));
  return { slices, largest, top: Math.max(...largest), pixel: Math.max(3, Math.min(8, Math.floor(240 / w))) };
}

/**
 * Where in a tile the error lands: for F(2×2) and F(4×4), the mean |error| over all channels at
 * each output position of the tile, their shared top, and F(4×4)'s far corner over its first
 * position (the widget's data-corner-ratio).
 */
export function positionErrors(r: ErrorReport): { byPosition: { alg: WinogradAlgorithm; values: Float64Array }[]; top: number; cornerRatio: number } {
  const byPosition = [F2_3, F4_3].map((alg, i) => ({ alg, values: errorByTilePosition(r.methods[i + 1]!.absError, r.shape, alg.m) }));
  const top = Math.max(...byPosition.map((p) => Math.max(...p.values)));
  const tile4 = byPosition[1]!.values;
  return { byPosition, top, cornerRatio: tile4[tile4.length - 1]! / tile4[0]! };
}
