/**
 * Base class of every widget: a custom element that does nothing until it is about to scroll
 * into view (Distill's figures do the same), so a chapter page stays light.
 */
export abstract class LazyWidget extends HTMLElement {
  private started = false;
  /** Whether a control's input is the reader's early choice: before init, and while a module widget's code loads. */
  private recording = true;
  private observer: IntersectionObserver | undefined;
  /** Controls the reader changed before init ran, with the value they chose (see keepChoices). */
  private readonly choices = new Map<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, string>();
  private readonly onEarlyChoice = (event: Event) => {
    if (!this.recording) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement)
      this.choices.set(target, controlValue(target));
  };
  /** A form the reader submitted (Run pressed) before the widget could act on it: submitted again once it can. */
  private earlySubmit: HTMLFormElement | null = null;
  private readonly onEarlySubmit = (event: Event) => {
    if (!this.recording || !(event.target instanceof HTMLFormElement)) return;
    event.preventDefault(); // not the browser's own submission, which would reload the page
    this.earlySubmit = event.target;
  };

  connectedCallback(): void {
    if (this.started) return;
    // The markup's controls work before the script starts: a choice made then is the reader's.
    this.addEventListener('input', this.onEarlyChoice, true);
    this.addEventListener('change', this.onEarlyChoice, true);
    this.addEventListener('submit', this.onEarlySubmit, true);
    if (!('IntersectionObserver' in window)) {
      this.start();
      return;
    }
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

  /**
   * Start now, without waiting to scroll near (printing a lab sheet needs every exercise drawn);
   * resolves once the widget is drawn (or failed), which for a module widget is after its code arrived.
   */
  startNow(): Promise<void> {
    this.start();
    return this.drawn;
  }

  private drawn: Promise<void> = Promise.resolve();

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.observer?.disconnect();
    this.dataset['ready'] = 'false';
    this.recording = false; // init's own events are not the reader's
    try {
      const drawing = this.init();
      // A widget that draws once its module arrives keeps the choices made while it loads too.
      if (drawing instanceof Promise) {
        this.recording = true;
        this.drawn = drawing.then(this.keepChoices);
      } else this.keepChoices();
      this.dataset['ready'] = 'true';
    } catch (error) {
      this.dataset['ready'] = 'error';
      this.prepend(startFailure(error));
      throw error;
    }
  }

  /**
   * A choice the reader made before init ran (a model picked while the page loads) is never
   * overwritten by init's defaults: it is put back and announced to the widget as if made now,
   * so the widget's own handlers save it (URL) and act on it.
   */
  private readonly keepChoices = (): void => {
    this.recording = false; // from now on the listeners ignore every event
    for (const [control, value] of this.choices) {
      if (!control.isConnected || controlValue(control) === value) continue;
      if (isToggle(control)) control.checked = value === 'on';
      else control.value = value;
      control.dispatchEvent(new Event('input', { bubbles: true }));
      control.dispatchEvent(new Event('change', { bubbles: true }));
    }
    this.choices.clear();
    const form = this.earlySubmit;
    this.earlySubmit = null;
    if (form?.isConnected && this.dataset['state'] !== 'error') form.requestSubmit();
  };

  /**
   * Build the controls and draw the first state. Called once, when the widget becomes visible;
   * a promise (one that never rejects) means the drawing finishes later (module-widget.ts: once
   * the widget's code arrives, or it failed).
   */
  protected abstract init(): void | Promise<void>;
}

const isToggle = (control: Element): control is HTMLInputElement =>
  control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');

function controlValue(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string {
  return isToggle(control) ? (control.checked ? 'on' : 'off') : control.value;
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
