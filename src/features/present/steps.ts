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

export type Action = 'next' | 'prev' | 'first' | 'last' | 'more' | 'exit';

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
 * What each key does, as the control bar's hint says it (one list, so the hint cannot drift from
 * the keys). Clickers send PageDown/PageUp (most), the arrows, or Space; each moves exactly one step.
 */
export const KEY_HINT = '→ PageDown Space: next · ← PageUp: back · M: more · Esc: leave';

/**
 * The action of a key, or null when it belongs to the page (modifiers, or a focused control that
 * uses it). Clicker keys (PageUp/PageDown) always move exactly one step, even on a focused slider
 * or menu (a remote must work after the speaker clicked a slider); only a text editor keeps them.
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
      return focus === 'text' ? null : 'next';
    case 'PageUp':
      return focus === 'text' ? null : 'prev';
    case ' ':
    case 'Spacebar':
      return focus === 'none' ? (input.shiftKey ? 'prev' : 'next') : null;
    case 'Home':
      return inControl ? null : 'first';
    case 'End':
      return inControl ? null : 'last';
    case 'm':
    case 'M':
      return focus === 'none' || focus === 'button' ? 'more' : null;
    case 'Escape':
    case 'Esc':
      return 'exit';
    default:
      return null;
  }
}

/** A slide's measured size against the room it has, all in screen pixels at the zoom it was measured with. */
export interface FitMeasure {
  readonly zoom: number;
  readonly contentWidth: number;
  readonly contentHeight: number;
  readonly availWidth: number;
  readonly availHeight: number;
}

/** True when the slide fits its room (1 px of slack for rounding). */
export function fits(m: FitMeasure): boolean {
  return m.contentWidth <= m.availWidth + 1 && m.contentHeight <= m.availHeight + 1;
}

/**
 * The largest zoom in [lo, hi] at which `fitsAt` holds, to `steps` halvings, assuming it holds at
 * `lo` (the caller checked): heights do not scale in proportion (text rewraps as it scales), so
 * the zoom is searched, not computed.
 */
export function largestFit(lo: number, hi: number, fitsAt: (zoom: number) => boolean, steps = 7): number {
  if (fitsAt(hi)) return hi;
  for (let i = 0; i < steps; i++) {
    const mid = (lo + hi) / 2;
    if (fitsAt(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The zoom at which body text reads as `targetPx` at 1080p, scaled to the screen (24 px on a
 * 1920×1080 projector is 16 px on a 1280×720 one): the slide hides its secondary parts (behind
 * "More") until it fits at this zoom or nothing is left to hide.
 */
export function readableZoom(bodyPx: number, width: number, height: number, targetPx = 24): number {
  return (targetPx * Math.min(width / 1920, height / 1080)) / bodyPx;
}

export function clampStep(step: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.trunc(step)));
}
