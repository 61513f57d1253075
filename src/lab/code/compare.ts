/**
 * Comparing what a student's function returned with the reference, and describing the first
 * difference in words a student can act on: where (with its tensor index), expected, got.
 * `got` is plain data as it comes back from the sandbox (typed arrays arrive as arrays).
 */
import type { Tensor } from '../../core/tensor.ts';

export interface Mismatch {
  /** Which value differs, e.g. "bias[2]" or "weight.data[13] = W′[1, 0, 1, 1]". */
  readonly where: string;
  readonly expected: string;
  readonly got: string;
}

/** Relative tolerance: |got − expected| ≤ tolerance · max(1, |expected|). */
export const CODE_TOLERANCE = 1e-5;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isArrayLike = (x: unknown): x is ArrayLike<unknown> => Array.isArray(x) || ArrayBuffer.isView(x);

/** A short, bounded rendering of any value, for the report. */
export function describeValue(x: unknown, limit = 8): string {
  if (typeof x === 'number') return Object.is(x, -0) ? '0' : Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(7)));
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (x === undefined || x === null || typeof x === 'boolean') return String(x);
  if (isArrayLike(x)) {
    const items = Array.from({ length: Math.min(x.length, limit) }, (_, i) => describeValue(x[i], 3));
    return `[${items.join(', ')}${x.length > limit ? `, … (${x.length} values)` : ''}]`;
  }
  if (isRecord(x)) {
    if ('shape' in x && 'data' in x) return `{ shape: ${describeValue(x['shape'])}, data: ${describeValue(x['data'], limit)} }`;
    const keys = Object.keys(x);
    return `{ ${keys
      .slice(0, 6)
      .map((k) => `${k}: ${describeValue(x[k], 4)}`)
      .join(', ')}${keys.length > 6 ? ', …' : ''} }`;
  }
  return typeof x;
}

function closeEnough(got: unknown, expected: number, tolerance: number): boolean {
  return typeof got === 'number' && Math.abs(got - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

/** Position k of a row-major array of this shape as an index tuple. */
function unravel(k: number, shape: readonly number[]): number[] {
  const index: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index.unshift(k % shape[axis]!);
    k = Math.floor(k / shape[axis]!);
  }
  return index;
}

/** Element by element; `label` names position k (with its tensor index where there is one). */
export function compareValues(
  name: string,
  expected: ArrayLike<number>,
  got: unknown,
  label: (k: number) => string = (k) => `${name}[${k}]`,
  tolerance = CODE_TOLERANCE,
): Mismatch | null {
  if (!isArrayLike(got)) return { where: name, expected: `${expected.length} numbers`, got: describeValue(got) };
  if (got.length !== expected.length) return { where: `${name}.length`, expected: String(expected.length), got: String(got.length) };
  for (let k = 0; k < expected.length; k++) {
    if (!closeEnough(got[k], expected[k]!, tolerance)) return { where: label(k), expected: describeValue(expected[k]), got: describeValue(got[k]) };
  }
  return null;
}

/** A { shape, data } result against a reference tensor; `symbol` names its entries, e.g. "W′". */
export function compareTensor(name: string, symbol: string, expected: Tensor, got: unknown, tolerance = CODE_TOLERANCE): Mismatch | null {
  if (!isRecord(got)) return { where: name, expected: `{ shape: [${expected.shape.join(', ')}], data }`, got: describeValue(got) };
  const shape = got['shape'];
  if (!isArrayLike(shape) || shape.length !== expected.shape.length || expected.shape.some((d, i) => shape[i] !== d)) {
    return { where: `${name}.shape`, expected: `[${expected.shape.join(', ')}]`, got: describeValue(shape) };
  }
  return compareValues(
    `${name}.data`,
    expected.data,
    got['data'],
    (k) => `${name}.data[${k}] = ${symbol}[${unravel(k, expected.shape).join(', ')}]`,
    tolerance,
  );
}
