import { describe, expect, it } from 'vitest';
import {
  INT8_MAX,
  channelRanges,
  dequantize,
  fakeQuantize,
  float16Round,
  toFloat16,
  histogram,
  levelsUsed,
  quantizeSymmetric,
  quantizeValue,
  roundTripError,
  roundTripErrorByChannel,
  symmetricScale,
} from '../../src/core/quantize.ts';
import { roundHalfEven } from '../../src/core/rounding.ts';
import { tensor } from '../../src/core/tensor.ts';

describe('roundHalfEven', () => {
  it('sends halves to the even neighbour, everything else to the nearest integer', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5].map((x) => roundHalfEven(x) + 0)).toEqual([0, 2, 2, 4, 0, -2, -2]);
    expect([2.4, 2.6, -2.4, -2.6, 7, -7, 0].map((x) => roundHalfEven(x) + 0)).toEqual([2, 3, -2, -3, 7, -7, 0]);
  });
});

describe('symmetric INT8 scale and codes', () => {
  it('maps ±max|w| to ±127; a zero range gets scale 1', () => {
    expect(symmetricScale(127)).toBe(1);
    expect(symmetricScale(127 / 64)).toBe(1 / 64);
    expect(symmetricScale(0)).toBe(1);
    expect(symmetricScale(1)).toBe(Math.fround(1 / 127));
    expect(() => symmetricScale(-1)).toThrow(RangeError);
    expect(() => symmetricScale(Infinity)).toThrow(RangeError);
  });

  it('rounds half to even and clamps to [−127, 127]', () => {
    expect([127, -2.5, 0.5, 1.5, -3.49, 300, -300].map((x) => quantizeValue(x, 1) + 0)).toEqual([127, -2, 0, 2, -3, 127, -127]);
    expect(INT8_MAX).toBe(127);
  });
});

describe('per-tensor and per-channel quantization (hand-computed)', () => {
  // Two output channels: channel 0 spans ±127 (scale 1), channel 1 spans ±127/64 (scale 1/64).
  const k = tensor([2, 1, 1, 2], [127, -2.5, 127 / 64, 0.5078125]);

  it('per-tensor: one scale from the largest entry; the small channel gets coarse codes', () => {
    const q = quantizeSymmetric(k, 'per-tensor');
    expect([...q.scales]).toEqual([1]);
    expect([...q.codes]).toEqual([127, -2, 2, 1]);
    expect([...dequantize(q).data]).toEqual([127, -2, 2, 1]);
    expect(q.shape).toEqual([2, 1, 1, 2]);
  });

  it('per-channel: one scale per output channel; 0.5078125 · 64 = 32.5 rounds to 32', () => {
    const q = quantizeSymmetric(k, 'per-channel');
    expect([...q.scales]).toEqual([1, 1 / 64]);
    expect([...q.codes]).toEqual([127, -2, 127, 32]);
    expect([...dequantize(q).data]).toEqual([127, -2, 127 / 64, 0.5]);
  });

  it('fakeQuantize = dequantize(quantize); an already-quantized tensor comes back unchanged', () => {
    const once = fakeQuantize(k, 'per-channel');
    expect([...once.data]).toEqual([127, -2, 127 / 64, 0.5]);
    expect([...fakeQuantize(once, 'per-channel').data]).toEqual([...once.data]);
  });

  it('an all-zero channel stays exactly zero', () => {
    const z = tensor([2, 2], [0, 0, 1, -1]);
    expect([...fakeQuantize(z, 'per-channel').data]).toEqual([0, 0, 1, -1]);
  });

  it('per-channel error is never larger than per-tensor error here', () => {
    const pt = roundTripError(k.data, fakeQuantize(k, 'per-tensor').data);
    const pc = roundTripError(k.data, fakeQuantize(k, 'per-channel').data);
    expect(pt.maxAbs).toBe(0.5); // −2.5 → −2
    expect(pc.maxAbs).toBe(0.5);
    expect(pc.relative).toBeLessThan(pt.relative);
  });
});

describe('round-trip error statistics', () => {
  it('max |Δ|, ‖Δ‖/‖x‖ and SQNR in dB', () => {
    const e = roundTripError([3, 4], [3, 4.5]);
    expect(e.maxAbs).toBe(0.5);
    expect(e.relative).toBeCloseTo(0.1, 12); // 0.5 / 5
    expect(e.sqnrDb).toBeCloseTo(20, 10); // 25 / 0.25 = 100
  });

  it('exact: zero error, infinite SQNR; a zero signal with noise: infinite relative error', () => {
    expect(roundTripError([1, 2], [1, 2])).toEqual({ maxAbs: 0, relative: 0, sqnrDb: Infinity });
    expect(roundTripError([0, 0], [0, 1]).relative).toBe(Infinity);
    expect(() => roundTripError([1], [1, 2])).toThrow(RangeError);
  });

  it('per channel, along axis 0 of a kernel or axis 1 of an activation', () => {
    const a = tensor([2, 2], [3, 4, 1, 0]);
    const b = tensor([2, 2], [3, 4.5, 1, 0]);
    const byChannel = roundTripErrorByChannel(a, b, 0);
    expect(byChannel.map((e) => e.maxAbs)).toEqual([0.5, 0]);
    expect(byChannel[0]!.relative).toBeCloseTo(0.1, 12);
    // [N=2, C=2, 1, 1]: channel 0 holds items 0 and 2.
    const x = tensor([2, 2, 1, 1], [3, 1, 4, 1]);
    const y = tensor([2, 2, 1, 1], [3, 1, 4.5, 2]);
    const act = roundTripErrorByChannel(x, y, 1);
    expect(act.map((e) => e.maxAbs)).toEqual([0.5, 1]);
    expect(act[0]!.sqnrDb).toBeCloseTo(20, 10);
    expect(act[1]!.relative).toBeCloseTo(1 / Math.sqrt(2), 12);
  });
});

describe('channel ranges, levels and histograms', () => {
  it('min, max and max |w| per output channel', () => {
    const k = tensor([3, 1, 1, 2], [1, -2, 0.5, 0.25, -3, -1]);
    expect(channelRanges(k)).toEqual([
      { min: -2, max: 1, maxAbs: 2 },
      { min: 0.25, max: 0.5, maxAbs: 0.5 },
      { min: -3, max: -1, maxAbs: 3 },
    ]);
  });

  it('counts the distinct codes used', () => {
    expect(levelsUsed(Int8Array.from([0, 1, 1, -1, 127, 0]))).toBe(4);
  });

  it('equal-width bins; max falls in the last bin; values outside are skipped', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1, -0.1, 1.1], 2, 0, 1);
    expect([...h.edges]).toEqual([0, 0.5, 1]);
    expect([...h.counts]).toEqual([2, 3]);
    expect(() => histogram([1], 0, 0, 1)).toThrow(RangeError);
    expect(() => histogram([1], 2, 1, 1)).toThrow(RangeError);
  });
});

describe('float16Round (round to nearest half precision, ties to even)', () => {
  it('keeps representable values, rounds halfway cases to the even mantissa', () => {
    expect(float16Round(1)).toBe(1);
    expect(float16Round(1 + 2 ** -11)).toBe(1); // halfway between 1 and 1 + 2⁻¹⁰: to the even one
    expect(float16Round(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9); // halfway between odd and even mantissa
    expect(float16Round(-(1 + 2 ** -10))).toBe(-(1 + 2 ** -10));
    expect(float16Round(0.1)).toBe(0.0999755859375); // 1638.4 · 2⁻¹⁴ → 1638 · 2⁻¹⁴
    expect(float16Round(65504)).toBe(65504);
    expect(float16Round(65520)).toBe(Infinity); // halfway to 65536: rounds up and overflows
    expect(float16Round(2 ** -24)).toBe(2 ** -24); // smallest subnormal
    expect(float16Round(2 ** -25)).toBe(0); // halfway to 0: the even one
    expect(float16Round(3 * 2 ** -26)).toBe(2 ** -24);
    expect(float16Round(0)).toBe(0);
  });

  it('relative error at most 2⁻¹¹ in the normal range, whatever the size', () => {
    for (const x of [3.7e-4, 0.123, 1.9, 57.3, 300.01, 12345.6]) expect(Math.abs(float16Round(x) - x) / x).toBeLessThanOrEqual(2 ** -11);
    expect([...toFloat16(tensor([2], [1 + 2 ** -11, 300.01])).data]).toEqual([1, 300]);
  });
});
