/**
 * The printed max |difference|, always with its meaning: exactly equal, float32 rounding, or a real
 * difference. Float32 keeps about 7 significant digits, so two correct computations of outputs of
 * size s may differ by a few times 1e-7 · s; anything above 1e-5 · s is not rounding.
 */
import { el } from '../el';
import { formatError, formatValue } from '../viz/format';

/** Relative size below which a difference counts as float32 rounding. */
export const ROUNDING_LEVEL = 1e-5;

export type Verdict = 'exact' | 'rounding' | 'different';

export function verdict(maxDiff: number, scale: number): Verdict {
  if (maxDiff === 0) return 'exact';
  return maxDiff <= ROUNDING_LEVEL * Math.max(scale, 1) ? 'rounding' : 'different';
}

export interface DifferenceReadout {
  readonly element: HTMLElement;
  /** `why` explains a real difference (train mode, say); shown only then. */
  update(maxDiff: number, scale: number, why?: string): void;
}

export function differenceReadout(what: string): DifferenceReadout {
  const value = el('strong');
  const meaning = el('span');
  const element = el('p', { class: 'readout difference-readout', role: 'status' }, `max |difference| of ${what} = `, value, ' ', meaning);
  return {
    element,
    update(maxDiff, scale, why) {
      const v = verdict(maxDiff, scale);
      element.dataset['maxDiff'] = String(maxDiff);
      element.dataset['verdict'] = v;
      value.textContent = formatError(maxDiff);
      value.className = v === 'different' ? 'bad' : 'ok';
      const size = formatValue(scale, 2);
      meaning.textContent =
        v === 'exact'
          ? '— exactly equal, to the last bit.'
          : v === 'rounding'
            ? `— float32 rounding: the outputs reach ${size}, and float32 keeps about 7 significant digits.`
            : `— not rounding: the two computations differ (outputs reach ${size}).${why ? ` ${why}` : ''}`;
    },
  };
}
