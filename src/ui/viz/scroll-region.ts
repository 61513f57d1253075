/**
 * The one scrolling box of every widget: a wide figure on a narrow screen (or a long table) scrolls
 * inside its own box, never the page. A box that scrolls
 * must be reachable by keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"), but a tab stop on a
 * box that does not scroll is noise, so the tab stop comes and goes with the overflow: rechecked
 * when the box or anything drawn inside it changes size.
 */
export function scrollRegion(element: HTMLElement, label: string): HTMLElement {
  element.classList.add('scroll-region');
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', label);
  const sync = () => {
    const scrolls = element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
    // Written only when it changes: rewriting the same attribute still dirties the page's style,
    // which the next redraw would pay for.
    if (scrolls === element.hasAttribute('tabindex')) return;
    if (scrolls) element.tabIndex = 0;
    else element.removeAttribute('tabindex');
  };
  if (typeof ResizeObserver === 'function' && typeof MutationObserver === 'function') {
    const resize = new ResizeObserver(sync);
    const watch = () => {
      resize.disconnect();
      resize.observe(element);
      for (const child of element.children) resize.observe(child);
    };
    new MutationObserver(watch).observe(element, { childList: true });
    watch();
  }
  sync();
  return element;
}
