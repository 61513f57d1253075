/**
 * Defines a custom element only when one of its elements is about to scroll into view: the page
 * ships this small loader, and the widget's class (with Plot and whatever else it imports)
 * arrives as a separate chunk the first time a reader gets near the figure. Once defined, the
 * elements upgrade and start as every LazyWidget does. For widgets written as LazyWidget
 * subclasses; module-widget.ts does the same for widgets written as a mount() function.
 */
import { startFailure } from '../lazy-widget';

/** Returns a function that loads and defines the element at once (printing, say, cannot wait for a scroll). */
export function defineWhenNear(tag: string, load: () => Promise<CustomElementConstructor>): () => void {
  if (customElements.get(tag)) return () => {};
  let observer: IntersectionObserver | undefined;
  let loading = false;
  const go = () => {
    if (loading) return;
    loading = true;
    observer?.disconnect();
    load().then(
      (widget) => {
        if (!customElements.get(tag)) customElements.define(tag, widget);
      },
      (error: unknown) => {
        for (const el of document.querySelectorAll<HTMLElement>(tag)) {
          el.dataset['ready'] = 'error';
          el.prepend(startFailure(error));
        }
        console.error(error);
      },
    );
  };
  if (!('IntersectionObserver' in window)) {
    go();
    return go;
  }
  observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: '400px 0px' });
  for (const el of document.querySelectorAll(tag)) observer.observe(el);
  return go;
}
