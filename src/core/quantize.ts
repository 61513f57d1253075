import { INT8_MAX, quantizeValue, symmetricScale } from './int8.ts';
import { roundHalfEven } from './rounding.ts';
import { type Tensor, sizeOf, tensor } from './tensor.ts';

/**
 * Symmetric INT8 quantization of weights, the scheme deployment toolchains apply to convolution
 * kernels: a real value w is stored as an integer code q in [−127, 127] and one float scale s,
 *
 *   s = max|w| / 127,   q = clamp(round(w / s), −127, 127),   w ≈ q · s,
 *
 * with round-half-to-even, no zero point (0 maps to code 0 exactly), and the code −128 left unused
 * so the range is symmetric (TensorRT's restricted range for weights). The scale is either one for
 * the whole tensor (per-tensor) or one per output channel, axis 0 of an [O, I/g, kh, kw] kernel
 * (per-channel). Scales are stored as float32, as a runtime stores them.
 */
export { INT8_MAX, quantizeValue, symmetricScale };

export type ScaleMode = 'per-tensor' | 'per-channel';

export interface QuantizedTensor {
  readonly shape: readonly number[];
  readonly codes: Int8Array;
  /** One scale (per-tensor) or one per index of axis 0 (per-channel). */
  readonly scales: Float32Array;
  readonly mode: ScaleMode;
}

/** Number of slices along axis 0 and the size of each (a kernel's output channels). */
function channelsOf(shape: readonly number[]): { channels: number; per: number } {
  const channels = shape[0] ?? 1;
  const size = sizeOf(shape);
  return { channels, per: channels > 0 ? size / channels : 0 };
}

export function quantizeSymmetric(t: Tensor, mode: ScaleMode): QuantizedTensor {
  const { channels, per } = mode === 'per-channel' ? channelsOf(t.shape) : { channels: 1, per: t.data.length };
  const codes = new Int8Array(t.data.length);
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    let maxAbs = 0;
    for (let i = c * per; i < (c + 1) * per; i++) maxAbs = Math.max(maxAbs, Math.abs(t.data[i]!));
    const s = symmetricScale(maxAbs);
    scales[c] = s;
    for (let i = c * per; i < (c + 1) * per; i++) codes[i] = quantizeValue(t.data[i]!, s);
  }
  return { shape: [...t.shape], codes, scales, mode };
}

/** q · s back to float32: what a runtime multiplies with when it dequantizes. */
export function dequantize(q: QuantizedTensor): Tensor {
  const channels = q.scales.length;
  const per = q.codes.length / channels;
  const data = new Float32Array(q.codes.length);
  for (let i = 0; i < data.length; i++) data[i] = q.codes[i]! * q.scales[Math.floor(i / per)]!;
  return tensor(q.shape, data);
}

/** Quantize and dequantize: the float weights an INT8 deployment effectively computes with. */
export function fakeQuantize(t: Tensor, mode: ScaleMode): Tensor {
  return dequantize(quantizeSymmetric(t, mode));
}

export interface RoundTripError {
  /** max |x̂ − x| */
  readonly maxAbs: number;
  /** ‖x̂ − x‖₂ / ‖x‖₂ (0 when both are zero, Infinity when only x is). */
  readonly relative: number;
  /** Signal-to-quantization-noise ratio, 10·log₁₀(Σx² / Σ(x̂ − x)²) in dB; Infinity when exact. */
  readonly sqnrDb: number;
}

export function roundTripError(original: ArrayLike<number>, restored: ArrayLike<number>): RoundTripError {
  if (original.length !== restored.length) throw new RangeError(`${original.length} values against ${restored.length}`);
  const acc = new ErrorSums();
  for (let i = 0; i < original.length; i++) acc.add(original[i]!, restored[i]!);
  return acc.result();
}

/** Running sums for one error statistic: max |Δ|, Σx², ΣΔ². */
class ErrorSums {
  maxAbs = 0;
  signal = 0;
  noise = 0;

  add(x: number, restored: number): void {
    const d = restored - x;
    const a = Math.abs(d);
    if (a > this.maxAbs) this.maxAbs = a;
    this.signal += x * x;
    this.noise += d * d;
  }

  result(): RoundTripError {
    const { maxAbs, signal, noise } = this;
    const relative = noise === 0 ? 0 : signal === 0 ? Infinity : Math.sqrt(noise / signal);
    const sqnrDb = noise === 0 ? Infinity : signal === 0 ? -Infinity : 10 * Math.log10(signal / noise);
    return { maxAbs, relative, sqnrDb };
  }
}

/**
 * The same error statistics per channel. `axis` is the channel axis: 0 for a kernel
 * [O, I/g, kh, kw], 1 for an activation [N, C, H, W].
 */
export function roundTripErrorByChannel(original: Tensor, restored: Tensor, axis = 0): RoundTripError[] {
  if (original.data.length !== restored.data.length) throw new RangeError('tensors of different sizes');
  const channels = original.shape[axis];
  if (channels === undefined) throw new RangeError(`no axis ${axis} in [${original.shape.join(', ')}]`);
  const inner = sizeOf(original.shape.slice(axis + 1));
  const outer = sizeOf(original.shape.slice(0, axis));
  const sums = Array.from({ length: channels }, () => new ErrorSums());
  for (let n = 0; n < outer; n++) {
    for (let c = 0; c < channels; c++) {
      const acc = sums[c]!;
      const from = (n * channels + c) * inner;
      for (let i = from; i < from + inner; i++) acc.add(original.data[i]!, restored.data[i]!);
    }
  }
  return sums.map((s) => s.result());
}

export interface ChannelRange {
  readonly min: number;
  readonly max: number;
  readonly maxAbs: number;
}

/** Per output channel (axis 0) of a kernel: the smallest and largest entry, and max |entry|. */
export function channelRanges(kernel: Tensor): ChannelRange[] {
  const { channels, per } = channelsOf(kernel.shape);
  const out: ChannelRange[] = [];
  for (let c = 0; c < channels; c++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = c * per; i < (c + 1) * per; i++) {
      const v = kernel.data[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (per === 0) min = max = 0;
    out.push({ min, max, maxAbs: Math.max(Math.abs(min), Math.abs(max)) });
  }
  return out;
}

/** How many distinct codes a quantized tensor uses, of the 255 in [−127, 127]. */
export function levelsUsed(codes: Int8Array): number {
  return new Set(codes).size;
}

export interface Histogram {
  /** bins + 1 edges, from `min` to `max`. */
  readonly edges: Float64Array;
  readonly counts: Uint32Array;
}

/** Equal-width bins over [min, max]; a value equal to max falls in the last bin, values outside are not counted. */
export function histogram(values: ArrayLike<number>, bins: number, min: number, max: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (!(max > min)) throw new RangeError(`a histogram needs min < max, got [${min}, ${max}]`);
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = min + ((max - min) * i) / bins;
  const counts = new Uint32Array(bins);
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= min && v <= max)) continue;
    const b = Math.min(bins - 1, Math.floor((v - min) / width));
    counts[b]!++;
  }
  return { edges, counts };
}

/**
 * x rounded to the nearest IEEE 754 half-precision (float16) value, ties to even: 10 stored
 * mantissa bits, so a relative step of 2⁻¹⁰ whatever the size of the other entries; subnormals
 * below 2⁻¹⁴ (step 2⁻²⁴); beyond 65504 it overflows to ±Infinity. What casting weights to fp16 does.
 */
export function float16Round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  const step = 2 ** (Math.max(e, -14) - 10);
  const r = roundHalfEven(a / step) * step;
  const out = r > 65504 ? Infinity : r;
  return x < 0 ? -out : out;
}

/** A tensor with every entry rounded to float16 (and held in float32, which holds it exactly). */
export function toFloat16(t: Tensor): Tensor {
  return tensor(t.shape, Float32Array.from(t.data, float16Round));
}
