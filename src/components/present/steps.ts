/**
 * Presentation mode's logic, apart from the DOM: which slide each part of a chapter belongs to,
 * what a key does, and how the mode and step live in the URL (`?present&step=3`, steps from 1).
 */

/** How a top-level element of the article takes part in the slides. */
export type PartKind = 'title' | 'section' | 'content' | 'skip';

/**
 * Slide index of each part: the title (and anything before the first section) is slide 0, each
 * `section` (an h2) starts the next slide, content joins the current one, skipped parts (table of
 * contents, previous/next links) belong to none (-1).
 */
export function assignSlides(kinds: readonly PartKind[]): number[] {
  let slide = 0;
  let started = false;
  return kinds.map((kind) => {
    if (kind === 'skip') return -1;
    if (kind === 'section') {
      if (started) slide += 1;
      else slide = 1;
      started = true;
    }
    return slide;
  });
}

export type Action = 'next' | 'prev' | 'page-next' | 'page-prev' | 'first' | 'last' | 'exit';

export interface KeyInput {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/** Where the key was pressed: a text or range control keeps its arrows, a button its Space. */
export type FocusKind = 'none' | 'text' | 'control' | 'button';

/**
 * The action of a key, or null when it belongs to the page (modifiers, or a focused control that
 * uses it). Clicker keys (PageUp/PageDown) always move the slides, except inside a text editor:
 * a remote must work even after the speaker clicked a slider.
 */
export function keyAction(input: KeyInput, focus: FocusKind = 'none'): Action | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const inControl = focus === 'text' || focus === 'control';
  switch (input.key) {
    case 'ArrowRight':
      return inControl ? null : 'next';
    case 'ArrowLeft':
      return inControl ? null : 'prev';
    case 'PageDown':
      return focus === 'text' ? null : 'page-next';
    case 'PageUp':
      return focus === 'text' ? null : 'page-prev';
    case ' ':
    case 'Spacebar':
      return focus === 'none' ? (input.shiftKey ? 'page-prev' : 'page-next') : null;
    case 'Home':
      return inControl ? null : 'first';
    case 'End':
      return inControl ? null : 'last';
    case 'Escape':
    case 'Esc':
      return 'exit';
    default:
      return null;
  }
}

/**
 * A "page" key first reveals the rest of a slide taller than the screen, then moves on: true when
 * there is still something to scroll to in that direction (2 px of slack for rounding).
 */
export function shouldScroll(direction: 1 | -1, scrollTop: number, clientHeight: number, scrollHeight: number): boolean {
  return direction > 0 ? scrollTop + clientHeight < scrollHeight - 2 : scrollTop > 2;
}

export function clampStep(step: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.trunc(step)));
}

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
