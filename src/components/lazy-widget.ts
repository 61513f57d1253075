/**
 * Base class of every widget: a custom element that does nothing until it is about to scroll
 * into view (Distill's figures do the same), so a chapter page stays light.
 */
export abstract class LazyWidget extends HTMLElement {
  private started = false;
  private observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    if (this.started) return;
    if (!('IntersectionObserver' in window)) return this.start();
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.start();
      },
      { rootMargin: '400px 0px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Start now, without waiting to scroll near (printing a lab sheet needs every exercise drawn). */
  startNow(): void {
    this.start();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.observer?.disconnect();
    this.dataset['ready'] = 'false';
    try {
      this.init();
      this.dataset['ready'] = 'true';
    } catch (error) {
      this.dataset['ready'] = 'error';
      this.prepend(startFailure(error));
      throw error;
    }
  }

  /** Build the controls and draw the first state. Called once, when the widget becomes visible. */
  protected abstract init(): void;
}

/** True when the reader asked for less motion: skip transitions and animated stepping. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** What a figure shows in its place when it could not start: the reason, and that the page still works. */
export function startFailure(error: unknown): HTMLParagraphElement {
  const message = document.createElement('p');
  message.className = 'widget-error';
  message.setAttribute('role', 'alert');
  message.textContent = `This figure could not start: ${error instanceof Error ? error.message : String(error)}. Reloading the page may help; the rest of the chapter still works.`;
  return message;
}
