/**
 * Transforms from tensors to the rows a Plot mark draws. Kept apart from rendering so they can
 * be tested without a DOM, and so the text alternative tables read exactly the same rows.
 */

/** A row-major matrix view: `values[r * cols + c]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: ArrayLike<number>;
}

export interface MatrixCell {
  readonly row: number;
  readonly col: number;
  readonly value: number;
}

/** One cell per entry, row-major. */
export function matrixCells(m: Matrix): MatrixCell[] {
  if (m.values.length !== m.rows * m.cols) {
    throw new Error(`matrix of ${m.rows}×${m.cols} needs ${m.rows * m.cols} values, got ${m.values.length}`);
  }
  const out: MatrixCell[] = new Array(m.values.length);
  for (let r = 0, i = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++, i++) out[i] = { row: r, col: c, value: m.values[i]! };
  return out;
}

/** A bank of kernels laid out as [out, in, kh, kw] (NCHW weights), values row-major. */
export interface KernelBank {
  readonly shape: readonly [number, number, number, number];
  readonly data: ArrayLike<number>;
}

export interface KernelCell {
  /** Output channel: the row of the grid. */
  readonly out: number;
  /** Input channel (within the group): the column of the grid. */
  readonly in: number;
  /** Tap position inside the kernel. */
  readonly u: number;
  readonly v: number;
  readonly value: number;
}

export function kernelCells(bank: KernelBank): KernelCell[] {
  const [o, i, kh, kw] = bank.shape;
  if (bank.data.length !== o * i * kh * kw) {
    throw new Error(`kernel bank ${bank.shape.join('×')} needs ${o * i * kh * kw} values, got ${bank.data.length}`);
  }
  const out: KernelCell[] = new Array(bank.data.length);
  let n = 0;
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++) for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++, n++) out[n] = { out: a, in: b, u, v, value: bank.data[n]! };
  return out;
}
