/**
 * Reading and judging typed answers. Lenient about how a number is written (a comma as decimal
 * point, a Unicode minus, thousands separators in whole numbers), strict about its value.
 */
import type { Judgement, NumericInstance, PuzzleInstance } from './types.ts';

/** The number a student typed, or null when it is not one. */
export function parseAnswer(text: string, integer: boolean): number | null {
  let s = text
    .trim()
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .replace(/[\s\u2009\u202f_']/g, '');
  if (integer) s = s.replace(/,/g, '');
  else if (s.includes(',') && !s.includes('.')) s = s.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

/** Fixed digits with a true minus sign, as the prompts print numbers. */
export function formatNumber(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return (/^-0\.?0*$/.test(s) ? s.slice(1) : s).replace(/^-/, '−');
}

/** Thin-space thousands separators for whole numbers. */
export function formatInteger(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

export function judgeNumeric(instance: NumericInstance, text: string): Judgement {
  const value = parseAnswer(text, instance.integer);
  if (value === null) {
    return { verdict: 'invalid', message: instance.integer ? 'Type a whole number, e.g. 1234.' : 'Type a number, e.g. 0.125 or −1.5.' };
  }
  if (instance.integer && !Number.isInteger(value)) return { verdict: 'invalid', message: 'The answer is a whole number.' };
  const ok = Math.abs(value - instance.expected) <= instance.tolerance;
  return ok
    ? { verdict: 'correct', message: `Correct: ${instance.answerText}.` }
    : {
        verdict: 'incorrect',
        message: `Not yet: ${text.trim()} is not ${instance.integer ? 'the answer' : `within ${instance.toleranceText}`}. ${instance.hint}`,
      };
}

/** `pressed` holds the row-major indices of the cells the student switched on. */
export function judgePuzzle(instance: PuzzleInstance, pressed: readonly number[]): Judgement {
  const on = new Set(pressed);
  let missing = 0;
  let extra = 0;
  instance.expected.forEach((want, i) => {
    if (want && !on.has(i)) missing++;
    if (!want && on.has(i)) extra++;
  });
  if (missing === 0 && extra === 0) return { verdict: 'correct', message: `Correct: ${instance.answerText}` };
  if (on.size === 0) return { verdict: 'invalid', message: 'Switch on the cells of your answer first.' };
  const parts = [missing ? `${missing} cell${missing > 1 ? 's' : ''} missing` : '', extra ? `${extra} cell${extra > 1 ? 's' : ''} that should be off` : ''];
  return { verdict: 'incorrect', message: `Not yet: ${parts.filter(Boolean).join(' and ')}. ${instance.hint}` };
}
