/**
 * Deriving Winograd F(m, r) matrices from interpolation points (Toom–Cook). Polynomial product
 * c = a·b (deg a = m−1, deg b = r−1) is: evaluate both at α = m + r − 1 points, multiply
 * point by point, interpolate: c = V⁻¹[(Vₐ a) ⊙ (V_b b)]. Transposing that bilinear algorithm
 * (the correlation y_i = Σ_j d_{i+j} g_j is its transpose) gives
 *   Aᵀ = Vₐᵀ,  G = V_b,  Bᵀ = (V⁻¹)ᵀ,
 * where V_k has rows (1, p, p², …, p^{k−1}) and the point at infinity picks the top coefficient.
 * Any point's column of Aᵀ, row of G and row of Bᵀ may be scaled by a, g and 1/(a·g); Lavin and
 * Gray choose scalings that keep Bᵀ integral, so their matrices equal these up to that.
 */
import type { WinogradAlgorithm } from './matrices.ts';

/** Rows (1, p, …, p^{n−1}); ∞ → (0, …, 0, 1). */
export function vandermonde(points: readonly number[], n: number): number[][] {
  return points.map((p) => Array.from({ length: n }, (_, k) => (p === Infinity ? (k === n - 1 ? 1 : 0) : p ** k)));
}

/** Inverse of a small square matrix by Gauss–Jordan elimination with partial pivoting. */
export function invert(matrix: readonly (readonly number[])[]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new RangeError('matrix is singular: are two interpolation points equal?');
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const head = a[col]![col]!;
    a[col] = a[col]!.map((v) => v / head);
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      if (f !== 0) a[r] = a[r]!.map((v, j) => v - f * a[col]![j]!);
    }
  }
  return a.map((row) => row.slice(n));
}

/** F(m, r) from α = m + r − 1 distinct points, in the unscaled Toom–Cook form above. */
export function toomCook(m: number, r: number, points: readonly number[]): Pick<WinogradAlgorithm, 'm' | 'r' | 'alpha' | 'points' | 'BT' | 'G' | 'AT'> {
  const alpha = m + r - 1;
  if (points.length !== alpha) throw new RangeError(`F(${m}, ${r}) needs ${alpha} points, got ${points.length}`);
  const va = vandermonde(points, m);
  const vInverse = invert(vandermonde(points, alpha));
  return {
    m,
    r,
    alpha,
    points,
    AT: va[0]!.map((_, i) => va.map((row) => row[i]!)),
    G: vandermonde(points, r),
    BT: vInverse[0]!.map((_, i) => vInverse.map((row) => row[i]!)),
  };
}
