/**
 * Winograd minimal filtering F(m, r): m outputs of an r-tap filter from α = m + r − 1 inputs with
 * α multiplications, y = Aᵀ[(G g) ⊙ (Bᵀ d)]. Nested in 2-D, F(m×m, r×r) computes an m×m output
 * tile from an α×α input tile with α² multiplications: Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A.
 *
 * The matrices are those of Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks"
 * (CVPR 2016). toom-cook.ts derives them from their interpolation points, and the tests check
 * both the derivation and that each algorithm computes exactly the direct correlation.
 */

export type Matrix = readonly (readonly number[])[];

export interface WinogradAlgorithm {
  /** "F(2×2, 3×3)". */
  readonly name: string;
  /** Output tile side. */
  readonly m: number;
  /** Filter side. */
  readonly r: number;
  /** Input tile side, m + r − 1. */
  readonly alpha: number;
  /** Interpolation points; Infinity is the point at infinity. */
  readonly points: readonly number[];
  /** α × α input transform. */
  readonly BT: Matrix;
  /** α × r kernel transform. */
  readonly G: Matrix;
  /** m × α output transform. */
  readonly AT: Matrix;
}

/** F(2, 3) and its nesting F(2×2, 3×3): points 0, 1, −1, ∞. */
export const F2_3: WinogradAlgorithm = {
  name: 'F(2×2, 3×3)',
  m: 2,
  r: 3,
  alpha: 4,
  points: [0, 1, -1, Infinity],
  BT: [
    [1, 0, -1, 0],
    [0, 1, 1, 0],
    [0, -1, 1, 0],
    [0, 1, 0, -1],
  ],
  G: [
    [1, 0, 0],
    [1 / 2, 1 / 2, 1 / 2],
    [1 / 2, -1 / 2, 1 / 2],
    [0, 0, 1],
  ],
  AT: [
    [1, 1, 1, 0],
    [0, 1, -1, -1],
  ],
};

/** F(4, 3) and its nesting F(4×4, 3×3): points 0, ±1, ±2, ∞. */
export const F4_3: WinogradAlgorithm = {
  name: 'F(4×4, 3×3)',
  m: 4,
  r: 3,
  alpha: 6,
  points: [0, 1, -1, 2, -2, Infinity],
  BT: [
    [4, 0, -5, 0, 1, 0],
    [0, -4, -4, 1, 1, 0],
    [0, 4, -4, -1, 1, 0],
    [0, -2, -1, 2, 1, 0],
    [0, 2, -1, -2, 1, 0],
    [0, 4, 0, -5, 0, 1],
  ],
  G: [
    [1 / 4, 0, 0],
    [-1 / 6, -1 / 6, -1 / 6],
    [-1 / 6, 1 / 6, -1 / 6],
    [1 / 24, 1 / 12, 1 / 6],
    [1 / 24, -1 / 12, 1 / 6],
    [0, 0, 1],
  ],
  AT: [
    [1, 1, 1, 1, 1, 0],
    [0, 1, -1, 2, -2, 0],
    [0, 1, 1, 4, 4, 0],
    [0, 1, -1, 8, -8, 1],
  ],
};

export const WINOGRAD_ALGORITHMS = { F2: F2_3, F4: F4_3 } as const;

export function transpose(a: Matrix): number[][] {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

/** Multiplications for an m×m output tile of one (input, output) channel pair: α² against m²·r² direct. */
export function tileMultiplications(alg: WinogradAlgorithm): { winograd: number; direct: number } {
  return { winograd: alg.alpha ** 2, direct: alg.m ** 2 * alg.r ** 2 };
}
