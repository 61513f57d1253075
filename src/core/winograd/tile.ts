/**
 * One Winograd tile, stage by stage, with every operation counted:
 *   V = Bᵀ d B   input transform   (additions, and multiplications by constants for F(4×4))
 *   U = G g Gᵀ   kernel transform  (once per kernel, not per tile)
 *   M = U ⊙ V    element-wise product: the α² multiplications that count
 *   Y = Aᵀ M A   output transform  (additions, constant multiplications for F(4×4))
 * Values are row-major Float64Arrays. In 'float32' precision every product and every partial sum
 * is rounded to float32 (Math.fround), as float32 hardware without fused multiply-add would do.
 */
import type { Matrix, WinogradAlgorithm } from './matrices.ts';

export type Precision = 'float32' | 'float64';

const identity = (x: number): number => x;
export function rounding(precision: Precision): (x: number) => number {
  return precision === 'float32' ? Math.fround : identity;
}

export interface OpCount {
  /** Products of two data values (or data and transformed weight): what "Wino MULs" count. */
  multiplications: number;
  /** Products with a constant of the transform (½, 4, −5, …); ±1 and 0 cost nothing. */
  constantMultiplications: number;
  /** Additions and subtractions. */
  additions: number;
}

export const noOps = (): OpCount => ({ multiplications: 0, constantMultiplications: 0, additions: 0 });

/** Sum of c_k·x_k over the non-zero constants, counting what it costs. */
function combine(coefficients: ArrayLike<number>, value: (k: number) => number, round: (x: number) => number, ops: OpCount): number {
  let sum = 0;
  let first = true;
  for (let k = 0; k < coefficients.length; k++) {
    const c = coefficients[k]!;
    if (c === 0) continue;
    const x = value(k);
    let term: number;
    if (c === 1) term = x;
    else if (c === -1) term = -x;
    else {
      term = round(c * x);
      ops.constantMultiplications++;
    }
    if (first) sum = term;
    else {
      sum = round(sum + term);
      ops.additions++;
    }
    first = false;
  }
  return sum;
}

/** (L · X) · Rᵀ for constant matrices L (p×q), R (s×n) and data X (q×n), row-major. */
export function sandwich(L: Matrix, X: ArrayLike<number>, xCols: number, R: Matrix, round: (x: number) => number, ops: OpCount): Float64Array {
  const p = L.length;
  const q = L[0]!.length;
  const s = R.length;
  if (X.length !== q * xCols) throw new RangeError(`expected a ${q}×${xCols} matrix, got ${X.length} values`);
  const left = new Float64Array(p * xCols); // L · X
  for (let i = 0; i < p; i++) for (let j = 0; j < xCols; j++) left[i * xCols + j] = combine(L[i]!, (k) => X[k * xCols + j]!, round, ops);
  const out = new Float64Array(p * s); // (L · X) · Rᵀ
  for (let i = 0; i < p; i++) for (let j = 0; j < s; j++) out[i * s + j] = combine(R[j]!, (k) => left[i * xCols + k]!, round, ops);
  return out;
}

/** V = Bᵀ d B for an α×α input tile. (B = (Bᵀ)ᵀ, so the right factor's rows are Bᵀ's rows.) */
export function inputTransform(d: ArrayLike<number>, alg: WinogradAlgorithm, precision: Precision = 'float64', ops = noOps()): Float64Array {
  return sandwich(alg.BT, d, alg.alpha, alg.BT, rounding(precision), ops);
}

/** U = G g Gᵀ for an r×r kernel. */
export function kernelTransform(g: ArrayLike<number>, alg: WinogradAlgorithm, precision: Precision = 'float64', ops = noOps()): Float64Array {
  return sandwich(alg.G, g, alg.r, alg.G, rounding(precision), ops);
}

/** M = U ⊙ V: α² multiplications. */
export function elementwiseProduct(u: ArrayLike<number>, v: ArrayLike<number>, precision: Precision = 'float64', ops = noOps()): Float64Array {
  if (u.length !== v.length) throw new RangeError(`cannot multiply ${u.length} by ${v.length} values element-wise`);
  const round = rounding(precision);
  const m = new Float64Array(u.length);
  for (let i = 0; i < m.length; i++) m[i] = round(u[i]! * v[i]!);
  ops.multiplications += m.length;
  return m;
}

/** Y = Aᵀ M A: the m×m output tile. */
export function outputTransform(m: ArrayLike<number>, alg: WinogradAlgorithm, precision: Precision = 'float64', ops = noOps()): Float64Array {
  return sandwich(alg.AT, m, alg.alpha, alg.AT, rounding(precision), ops);
}

export interface TileStages {
  readonly V: Float64Array;
  readonly U: Float64Array;
  readonly M: Float64Array;
  readonly Y: Float64Array;
  readonly ops: { readonly input: OpCount; readonly kernel: OpCount; readonly product: OpCount; readonly output: OpCount };
}

/** All four stages for one α×α tile d and one r×r kernel g. */
export function winogradTile(d: ArrayLike<number>, g: ArrayLike<number>, alg: WinogradAlgorithm, precision: Precision = 'float64'): TileStages {
  if (d.length !== alg.alpha ** 2) throw new RangeError(`${alg.name} needs a ${alg.alpha}×${alg.alpha} tile, got ${d.length} values`);
  if (g.length !== alg.r ** 2) throw new RangeError(`${alg.name} needs a ${alg.r}×${alg.r} kernel, got ${g.length} values`);
  const ops = { input: noOps(), kernel: noOps(), product: noOps(), output: noOps() };
  const V = inputTransform(d, alg, precision, ops.input);
  const U = kernelTransform(g, alg, precision, ops.kernel);
  const M = elementwiseProduct(U, V, precision, ops.product);
  const Y = outputTransform(M, alg, precision, ops.output);
  return { V, U, M, Y, ops };
}

/** The same m×m outputs by direct correlation: m²·r² multiplications. */
export function directTile(
  d: ArrayLike<number>,
  g: ArrayLike<number>,
  m: number,
  r: number,
  precision: Precision = 'float64',
): { Y: Float64Array; ops: OpCount } {
  const alpha = m + r - 1;
  const round = rounding(precision);
  const ops = noOps();
  const Y = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let u = 0; u < r; u++)
        for (let v = 0; v < r; v++) {
          const product = round(d[(i + u) * alpha + j + v]! * g[u * r + v]!);
          ops.multiplications++;
          if (u === 0 && v === 0) sum = product;
          else {
            sum = round(sum + product);
            ops.additions++;
          }
        }
      Y[i * m + j] = sum;
    }
  return { Y, ops };
}
