/** The quantization chapter: one entry's INT8 code, and how few codes a per-tensor scale leaves a small channel. */
import { quantizeValue, symmetricScale } from '../../core/int8.ts';
import type { Rng } from '../../core/random.ts';
import { formatNumber } from '../answers.ts';
import { numericExercise } from '../define.ts';
import { decimalBetween } from '../session.ts';

/** Draws (w, M) until w·127/M is not within 0.02 of a half: the answer must not hang on the scale's float32 rounding. */
function drawAwayFromTie(rng: Rng, draw: (rng: Rng) => { w: number; m: number }): { w: number; m: number } {
  for (;;) {
    const d = draw(rng);
    const x = Math.abs((d.w * 127) / d.m);
    if (Math.abs(x - Math.floor(x) - 0.5) > 0.02) return d;
  }
}

export const int8Code = numericExercise('q8-code', 'quantization', 'An INT8 code', (rng) => {
  const { w, m } = drawAwayFromTie(rng, (r) => {
    const m = decimalBetween(r, 0.3, 2.5, 2);
    return { m, w: decimalBetween(r, -m, m, 3, true) };
  });
  const q = quantizeValue(w, symmetricScale(m));
  return {
    prompt: {
      text: 'A symmetric INT8 quantizer with one scale per output channel: s = M / 127, where M is the largest |entry| of the channel, and each entry w is stored as the code q = round(w / s), between −127 and 127.',
      given: [
        ['M', formatNumber(m, 2)],
        ['w', formatNumber(w, 3)],
      ],
      ask: 'What is the code q of the entry w?',
    },
    expected: q,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'q = round(127 · w / M); keep the sign of w.',
    answerText: `q = ${formatNumber(q, 0)} (s = ${formatNumber(m / 127, 5)})`,
  };
});

export const int8Levels = numericExercise('q8-levels', 'quantization', 'Codes left to a small channel', (rng) => {
  const { w: small, m: big } = drawAwayFromTie(rng, (r) => ({ m: decimalBetween(r, 8, 60, 1), w: decimalBetween(r, 0.2, 1.5, 2) }));
  const reach = quantizeValue(small, symmetricScale(big));
  const levels = 2 * reach + 1;
  return {
    prompt: {
      text: 'A merged kernel W′ is quantized to INT8 with one scale for the whole tensor, s = max|W′| / 127. One output channel was blown up by a small running variance; another channel’s entries spread over the whole interval from −m to m.',
      given: [
        ['max|W′| (the blown-up channel)', formatNumber(big, 1)],
        ['m (the other channel)', formatNumber(small, 2)],
      ],
      ask: 'How many different codes can the other channel’s entries get?',
    },
    expected: levels,
    tolerance: 0,
    integer: true,
    toleranceText: 'a whole number, exactly',
    hint: 'The largest code it reaches is round(m / s); the codes run from minus that to plus that, zero included.',
    answerText: `${levels} codes: −${reach} … ${reach}, out of 255`,
  };
});
