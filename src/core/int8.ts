import { roundHalfEven } from './rounding.ts';

/**
 * The scalar part of symmetric INT8 quantization (see quantize.ts for tensors): the scale that
 * maps ±max|w| to ±127, and one value's code. Kept apart so the lab's exercises load only this.
 */
export const INT8_MAX = 127;

/** The float32 scale that maps ±maxAbs to ±127; an all-zero range gets scale 1 (every code is 0 anyway). */
export function symmetricScale(maxAbs: number): number {
  if (!(maxAbs >= 0) || !Number.isFinite(maxAbs)) throw new RangeError(`a range needs a finite max |value| ≥ 0, got ${maxAbs}`);
  return maxAbs === 0 ? 1 : Math.fround(maxAbs / INT8_MAX);
}

/** One value's code for a given scale: rounded half to even, clamped to [−127, 127]. */
export function quantizeValue(x: number, scale: number): number {
  const q = roundHalfEven(x / scale);
  return q > INT8_MAX ? INT8_MAX : q < -INT8_MAX ? -INT8_MAX : q;
}
