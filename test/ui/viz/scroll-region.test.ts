// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { el } from '../../../src/ui/el';
import { scrollRegion } from '../../../src/ui/viz/scroll-region';

/** jsdom lays nothing out: give a box the sizes a browser would measure. */
function sized(box: HTMLElement, size: { scroll: number; client: number }): HTMLElement {
  Object.defineProperty(box, 'scrollWidth', { configurable: true, get: () => size.scroll });
  Object.defineProperty(box, 'clientWidth', { configurable: true, get: () => size.client });
  return box;
}

afterEach(() => vi.unstubAllGlobals());

describe('scrollRegion', () => {
  it('is a labelled group, a tab stop only while its content overflows', () => {
    const wide = scrollRegion(sized(el('div'), { scroll: 900, client: 300 }), 'Kernel, scrollable');
    expect(wide.getAttribute('role')).toBe('group');
    expect(wide.getAttribute('aria-label')).toBe('Kernel, scrollable');
    expect(wide.classList.contains('scroll-region')).toBe(true);
    expect(wide.tabIndex).toBe(0);
    const narrow = scrollRegion(sized(el('div'), { scroll: 300, client: 300 }), 'Table');
    expect(narrow.hasAttribute('tabindex')).toBe(false);
  });

  it('rechecks when the box or its content resizes, and writes the attribute only when it changes', () => {
    const callbacks: (() => void)[] = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          callbacks.push(callback);
        }
        observe() {}
        disconnect() {}
      },
    );
    const size = { scroll: 300, client: 300 };
    const box = scrollRegion(sized(el('div'), size), 'Figure');
    // Every write of the attribute, even of the same value, is a mutation (and dirties the style).
    const mutations = new MutationObserver(() => undefined);
    mutations.observe(box, { attributeFilter: ['tabindex'] });
    const resized = () => callbacks.forEach((callback) => callback());

    resized();
    expect(box.hasAttribute('tabindex')).toBe(false);
    size.scroll = 900; // the figure was redrawn wider
    resized();
    resized();
    expect(box.tabIndex).toBe(0);
    size.scroll = 300;
    resized();
    resized();
    expect(box.hasAttribute('tabindex')).toBe(false);
    // One write on, one removal off: the repeated checks wrote nothing.
    expect(mutations.takeRecords()).toHaveLength(2);
  });
});
