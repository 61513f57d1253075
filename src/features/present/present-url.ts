/**
 * Presentation state in the URL (`?present&step=3`). A module of its own: every page's loader reads
 * it on first load, and the rest of the presentation code (steps.ts) loads only with present.ts.
 */

export interface PresentState {
  readonly on: boolean;
  /** 0-based; the URL's `step` is 1-based. */
  readonly step: number;
}

/** `?present` (any value but 0/false/off) turns it on; `defaultOn` for pages that start presenting (the demo). */
export function readPresentState(search: string, defaultOn = false): PresentState {
  const params = new URLSearchParams(search);
  const raw = params.get('present');
  const on = raw === null ? defaultOn : !['0', 'false', 'off'].includes(raw.toLowerCase());
  const step = Number(params.get('step'));
  return { on, step: Number.isInteger(step) && step >= 1 ? step - 1 : 0 };
}

/** The query string with the state written in (other keys kept); `present` alone, without `=`. */
export function writePresentState(search: string, state: PresentState, defaultOn = false): string {
  const params = new URLSearchParams(search);
  params.delete('present');
  params.delete('step');
  if (state.on) {
    if (!defaultOn) params.set('present', '');
    params.set('step', String(state.step + 1));
  } else if (defaultOn) {
    params.set('present', '0');
  }
  const text = params.toString().replace(/(^|&)present=(?=&|$)/, '$1present');
  return text ? `?${text}` : '';
}
