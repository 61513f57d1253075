/**
 * How far float32 results are from a float64 reference of the same layer on the same data:
 * direct convolution and each Winograd algorithm, all computed in float32 arithmetic
 * (conv.ts rounds every operation), compared with float64 direct convolution.
 */
import { type LayerInput, directConv3x3, winogradConv2d } from './conv.ts';
import type { WinogradAlgorithm } from './matrices.ts';

export interface ErrorStats {
  readonly method: string;
  /** Per output and channel pair: 9 direct, α²/m² for F(m×m, 3×3) (4 and 2.25). */
  readonly multiplicationsPerOutput: number;
  /** max |y − ref| / max |ref|. */
  readonly maxRelative: number;
  /** sqrt(mean (y − ref)²) / sqrt(mean ref²). */
  readonly rmsRelative: number;
  /** |y − ref| for every output, NCHW. */
  readonly absError: Float64Array;
}

export interface ErrorReport {
  readonly shape: readonly [number, number, number, number];
  readonly reference: Float64Array;
  readonly methods: readonly ErrorStats[];
}

function stats(method: string, multiplicationsPerOutput: number, y: Float64Array, ref: Float64Array): ErrorStats {
  const absError = new Float64Array(y.length);
  let maxErr = 0;
  let maxRef = 0;
  let sumErr = 0;
  let sumRef = 0;
  for (let i = 0; i < y.length; i++) {
    const e = Math.abs(y[i]! - ref[i]!);
    absError[i] = e;
    if (!(e <= maxErr)) maxErr = e; // NaN propagates
    maxRef = Math.max(maxRef, Math.abs(ref[i]!));
    sumErr += e * e;
    sumRef += ref[i]! * ref[i]!;
  }
  return {
    method,
    multiplicationsPerOutput,
    maxRelative: maxErr / Math.max(maxRef, 1e-30),
    rmsRelative: Math.sqrt(sumErr / Math.max(sumRef, 1e-30)),
    absError,
  };
}

export function measureErrors(layer: LayerInput, algorithms: readonly WinogradAlgorithm[]): ErrorReport {
  const reference = directConv3x3(layer, 'float64');
  const methods = [
    stats('direct, float32', 9, directConv3x3(layer, 'float32').data, reference.data),
    ...algorithms.map((alg) => stats(`${alg.name}, float32`, alg.alpha ** 2 / alg.m ** 2, winogradConv2d(layer, alg, 'float32').data, reference.data)),
  ];
  return { shape: reference.shape, reference: reference.data, methods };
}

/**
 * Mean |error| at each position inside the m×m output tiles (row-major m×m), over all channels:
 * where in a tile the rounding error lands.
 */
export function errorByTilePosition(absError: ArrayLike<number>, shape: readonly [number, number, number, number], m: number): Float64Array {
  const [n, c, h, w] = shape;
  const sum = new Float64Array(m * m);
  const count = new Float64Array(m * m);
  for (let plane = 0; plane < n * c; plane++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const k = (y % m) * m + (x % m);
        sum[k] = sum[k]! + absError[(plane * h + y) * w + x]!;
        count[k] = count[k]! + 1;
      }
  return sum.map((s, k) => (count[k]! > 0 ? s / count[k]! : 0));
}
