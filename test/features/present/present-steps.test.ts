import { describe, expect, it } from 'vitest';
import { KEY_HINT, assignSlides, clampStep, fits, keyAction, largestFit, readableZoom } from '../../../src/features/present/steps';
import { readPresentState, writePresentState } from '../../../src/features/present/present-url';

describe('presentation: slides', () => {
  it('the title and anything before the first section are slide 0; each h2 starts a slide; toc and pager belong to none', () => {
    expect(assignSlides(['title', 'skip', 'content', 'section', 'content', 'content', 'section', 'section', 'content', 'skip'])).toEqual([
      0, -1, 0, 1, 1, 1, 2, 3, 3, -1,
    ]);
    expect(assignSlides(['title', 'section'])).toEqual([0, 1]);
    expect(assignSlides(['section', 'content'])).toEqual([1, 1]); // no title part: slide 0 is empty but exists
  });

  it('clamps steps into the deck', () => {
    expect([-3, 0, 2.7, 9].map((s) => clampStep(s, 5))).toEqual([0, 0, 2, 4]);
    expect(clampStep(3, 0)).toBe(0);
  });
});

describe('presentation: keys', () => {
  it('arrows, clicker keys and Space each move exactly one step, Home/End jump, M shows more, Esc leaves', () => {
    expect(keyAction({ key: 'ArrowRight' })).toBe('next');
    expect(keyAction({ key: 'ArrowLeft' })).toBe('prev');
    expect(keyAction({ key: 'PageDown' })).toBe('next');
    expect(keyAction({ key: 'PageUp' })).toBe('prev');
    expect(keyAction({ key: ' ' })).toBe('next');
    expect(keyAction({ key: ' ', shiftKey: true })).toBe('prev');
    expect(keyAction({ key: 'm' })).toBe('more');
    expect(keyAction({ key: 'm' }, 'text')).toBeNull();
    expect(keyAction({ key: 'Home' })).toBe('first');
    expect(keyAction({ key: 'End' })).toBe('last');
    expect(keyAction({ key: 'Escape' })).toBe('exit');
    expect(keyAction({ key: 'a' })).toBeNull();
    expect(keyAction({ key: 'ArrowRight', altKey: true })).toBeNull(); // browser history
    expect(keyAction({ key: 'PageDown', ctrlKey: true })).toBeNull(); // next browser tab
  });

  it('a focused slider keeps its arrows, a button its Space; clicker keys still move on, except in a text editor', () => {
    expect(keyAction({ key: 'ArrowRight' }, 'control')).toBeNull();
    expect(keyAction({ key: 'Home' }, 'control')).toBeNull();
    expect(keyAction({ key: 'PageDown' }, 'control')).toBe('next');
    expect(keyAction({ key: 'PageUp' }, 'control')).toBe('prev');
    expect(keyAction({ key: ' ' }, 'button')).toBeNull();
    expect(keyAction({ key: 'ArrowRight' }, 'button')).toBe('next');
    expect(keyAction({ key: 'PageDown' }, 'text')).toBeNull();
    expect(keyAction({ key: 'Escape' }, 'text')).toBe('exit');
  });

  it('the bar’s hint names every key that moves, and what it does', () => {
    for (const key of ['→', 'PageDown', 'Space', '←', 'PageUp', 'M', 'Esc']) expect(KEY_HINT).toContain(key);
    expect(KEY_HINT).toMatch(/PageDown[^·]*next/);
    expect(KEY_HINT).toMatch(/PageUp[^·]*back/);
  });
});

describe('presentation: fitting a slide', () => {
  it('fits with a pixel of slack, on both axes', () => {
    const m = { zoom: 1, contentWidth: 1280, contentHeight: 600, availWidth: 1280, availHeight: 600 };
    expect(fits(m)).toBe(true);
    expect(fits({ ...m, contentHeight: 601 })).toBe(true);
    expect(fits({ ...m, contentHeight: 602 })).toBe(false);
    expect(fits({ ...m, contentWidth: 1300 })).toBe(false);
  });

  it('finds the largest zoom that fits, heights not proportional to the zoom (text rewraps)', () => {
    // A slide 900 px tall at zoom 1 whose height grows faster than the zoom (rewrapping), 700 px of room.
    const height = (z: number) => 900 * z ** 1.4;
    const z = largestFit(0.5, 2, (zoom) => height(zoom) <= 700, 12);
    expect(height(z)).toBeLessThanOrEqual(700);
    expect(height(z + 0.001)).toBeGreaterThan(700);
    expect(largestFit(0.5, 2, () => true)).toBe(2); // fits at the largest: no search
    expect(largestFit(0.5, 2, (zoom) => zoom <= 0.5)).toBeCloseTo(0.5, 1);
  });

  it('readable size: 24 px at 1080p, scaled to the screen', () => {
    expect(readableZoom(16, 1920, 1080)).toBeCloseTo(1.5);
    expect(readableZoom(16, 1280, 720)).toBeCloseTo(1);
    expect(readableZoom(16, 2560, 1080)).toBeCloseTo(1.5); // a wide screen: the height decides
  });
});

describe('presentation: URL', () => {
  it('reads ?present and a 1-based step; bad steps start at the beginning', () => {
    expect(readPresentState('?present&step=3')).toEqual({ on: true, step: 2 });
    expect(readPresentState('?bn.gamma0=2&present')).toEqual({ on: true, step: 0 });
    expect(readPresentState('?present&step=0')).toEqual({ on: true, step: 0 });
    expect(readPresentState('?present&step=banana')).toEqual({ on: true, step: 0 });
    expect(readPresentState('?step=3')).toEqual({ on: false, step: 2 });
    expect(readPresentState('?present=0')).toEqual({ on: false, step: 0 });
    expect(readPresentState('', true).on).toBe(true); // the demo
    expect(readPresentState('?present=off', true).on).toBe(false);
  });

  it('writes the state beside the widgets’ own keys, and round-trips', () => {
    expect(writePresentState('?bn.gamma0=2', { on: true, step: 2 })).toBe('?bn.gamma0=2&present&step=3');
    expect(writePresentState('?present&step=3&bn.gamma0=2', { on: false, step: 2 })).toBe('?bn.gamma0=2');
    expect(writePresentState('?present&step=3', { on: false, step: 0 })).toBe('');
    expect(writePresentState('', { on: true, step: 4 }, true)).toBe('?step=5');
    expect(writePresentState('?step=5', { on: false, step: 4 }, true)).toBe('?present=0');
    for (const state of [
      { on: true, step: 0 },
      { on: true, step: 6 },
    ]) {
      expect(readPresentState(writePresentState('?run.model=A0', state))).toEqual(state);
      expect(readPresentState(writePresentState('', state, true), true)).toEqual(state);
    }
  });
});
