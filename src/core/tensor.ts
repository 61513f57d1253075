/**
 * A minimal tensor: a shape and a Float32Array in row-major (C) order, NCHW for images and
 * [out, in/groups, kh, kw] for kernels, as in PyTorch and ONNX. Plain data, so it crosses
 * postMessage to a Web Worker and back unchanged.
 */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** The number of elements a shape holds (1 for the scalar shape []). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) throw new RangeError(`bad dimension ${dim} in shape [${shape.join(', ')}]`);
    size *= dim;
  }
  return size;
}

/** A tensor over existing data (not copied) or over a copy of a plain number list. */
export function tensor(shape: readonly number[], data: Float32Array | ArrayLike<number>): Tensor {
  const size = sizeOf(shape);
  if (data.length !== size) {
    throw new RangeError(`shape [${shape.join(', ')}] holds ${size} values, got ${data.length}`);
  }
  return { shape: [...shape], data: data instanceof Float32Array ? data : Float32Array.from(data) };
}

export function zeros(shape: readonly number[]): Tensor {
  return { shape: [...shape], data: new Float32Array(sizeOf(shape)) };
}

/** Row-major strides: how far apart in `data` two neighbours along each axis are. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return strides;
}

/** Position in `data` of a multi-index, bounds-checked (for tests and figures, not inner loops). */
export function offsetOf(shape: readonly number[], index: readonly number[]): number {
  if (index.length !== shape.length) throw new RangeError(`index has ${index.length} axes, shape has ${shape.length}`);
  let offset = 0;
  for (let axis = 0; axis < shape.length; axis++) {
    const i = index[axis]!;
    const dim = shape[axis]!;
    if (!Number.isInteger(i) || i < 0 || i >= dim) throw new RangeError(`index ${i} out of range 0..${dim - 1} on axis ${axis}`);
    offset = offset * dim + i;
  }
  return offset;
}

export function at(t: Tensor, ...index: number[]): number {
  return t.data[offsetOf(t.shape, index)]!;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, axis) => dim === b[axis]);
}

export function assertSameShape(a: Tensor, b: Tensor, what = 'tensors'): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`${what} differ in shape: [${a.shape.join(', ')}] vs [${b.shape.join(', ')}]`);
  }
}

type Values = Tensor | Float32Array | Float64Array;
const valuesOf = (v: Values): Float32Array | Float64Array => (ArrayBuffer.isView(v) ? v : v.data);

function checkedPair(a: Values, b: Values): [Float32Array | Float64Array, Float32Array | Float64Array] {
  if (!ArrayBuffer.isView(a) && !ArrayBuffer.isView(b)) assertSameShape(a, b);
  const x = valuesOf(a);
  const y = valuesOf(b);
  if (x.length !== y.length) throw new RangeError(`lengths differ: ${x.length} vs ${y.length}`);
  return [x, y];
}

/** max |a − b| over all elements. NaN anywhere gives NaN, so a broken result never looks equal. */
export function maxAbsDiff(a: Values, b: Values): number {
  const [x, y] = checkedPair(a, b);
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i]! - y[i]!);
    if (Number.isNaN(d)) return NaN; // stop here: a later, smaller difference must not hide it
    if (d > max) max = d;
  }
  return max;
}

/** max |v| over the values: the scale a float32 rounding error is relative to. */
export function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  return max;
}

/** The floor under the denominator of maxRelDiff, so comparing two all-zero tensors gives 0, not NaN. */
export const TINY = 1e-30;

/**
 * Relative difference of `a` against the reference `b`: max|a − b| / max(max|b|, TINY).
 * One scale for the whole tensor (not per element), so entries that happen to be near zero
 * do not blow the figure up; this is what "equal within 1e-5 relative" means in this project.
 */
export function maxRelDiff(a: Values, b: Values): number {
  const [, y] = checkedPair(a, b);
  return maxAbsDiff(a, b) / Math.max(maxAbs(y), TINY);
}

/** Element-wise |a − b|, with its largest value (the number a chapter prints). */
export function absDifference(a: ArrayLike<number>, b: ArrayLike<number>): { values: Float64Array; max: number } {
  if (a.length !== b.length) throw new Error(`cannot compare ${a.length} values with ${b.length}`);
  const values = new Float64Array(a.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    values[i] = d;
    if (d > max) max = d;
  }
  return { values, max };
}

/** What a chapter prints when it checks a conversion: |a − b| per element, the largest, and the scale it is relative to. */
export interface OutputComparison {
  readonly diff: Float64Array;
  /** max |reference − converted|; NaN if either holds NaN. */
  readonly maxDiff: number;
  /** Largest |reference| value: what float32 rounding is relative to. */
  readonly scale: number;
}

export function compareOutputs(reference: Tensor, converted: Tensor): OutputComparison {
  const { values: diff } = absDifference(reference.data, converted.data);
  return { diff, maxDiff: maxAbsDiff(reference, converted), scale: maxAbs(reference.data) };
}
