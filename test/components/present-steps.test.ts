import { describe, expect, it } from 'vitest';
import { assignSlides, clampStep, keyAction, readPresentState, shouldScroll, writePresentState } from '../../src/components/present/steps';

describe('presentation: slides', () => {
  it('the title and anything before the first section are slide 0; each h2 starts a slide; toc and pager belong to none', () => {
    expect(assignSlides(['title', 'skip', 'content', 'section', 'content', 'content', 'section', 'section', 'content', 'skip'])).toEqual([0, -1, 0, 1, 1, 1, 2, 3, 3, -1]);
    expect(assignSlides(['title', 'section'])).toEqual([0, 1]);
    expect(assignSlides(['section', 'content'])).toEqual([1, 1]); // no title part: slide 0 is empty but exists
  });

  it('clamps steps into the deck', () => {
    expect([-3, 0, 2.7, 9].map((s) => clampStep(s, 5))).toEqual([0, 0, 2, 4]);
    expect(clampStep(3, 0)).toBe(0);
  });
});

describe('presentation: keys', () => {
  it('arrows step, clicker keys and Space page, Home/End jump, Esc leaves', () => {
    expect(keyAction({ key: 'ArrowRight' })).toBe('next');
    expect(keyAction({ key: 'ArrowLeft' })).toBe('prev');
    expect(keyAction({ key: 'PageDown' })).toBe('page-next');
    expect(keyAction({ key: 'PageUp' })).toBe('page-prev');
    expect(keyAction({ key: ' ' })).toBe('page-next');
    expect(keyAction({ key: ' ', shiftKey: true })).toBe('page-prev');
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
    expect(keyAction({ key: 'PageDown' }, 'control')).toBe('page-next');
    expect(keyAction({ key: ' ' }, 'button')).toBeNull();
    expect(keyAction({ key: 'ArrowRight' }, 'button')).toBe('next');
    expect(keyAction({ key: 'PageDown' }, 'text')).toBeNull();
    expect(keyAction({ key: 'Escape' }, 'text')).toBe('exit');
  });

  it('a page key scrolls a slide taller than the screen before moving on', () => {
    expect(shouldScroll(1, 0, 700, 1500)).toBe(true);
    expect(shouldScroll(1, 800, 700, 1500)).toBe(false);
    expect(shouldScroll(1, 0, 700, 701)).toBe(false); // rounding
    expect(shouldScroll(-1, 0, 700, 1500)).toBe(false);
    expect(shouldScroll(-1, 300, 700, 1500)).toBe(true);
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
    for (const state of [{ on: true, step: 0 }, { on: true, step: 6 }]) {
      expect(readPresentState(writePresentState('?run.model=A0', state))).toEqual(state);
      expect(readPresentState(writePresentState('', state, true), true)).toEqual(state);
    }
  });
});
