/**
 * Every widget's lifecycle, one for all: a custom element that does nothing until it is about to
 * scroll into view (Distill's figures do the same), then loads its code (Plot and the widget's own
 * module arrive as a separate chunk) and mounts it. The page ships only this small definition.
 * `data-state` says where it is: absent (waiting), loading, live, error; a widget's own job state
 * (running, done…) lives in another attribute (`data-job`).
 */
export interface WidgetModule {
  /**
   * Build the controls and figures inside `host` and draw the first state. Work that outlives a
   * call (a timer, a worker) checks `host.isConnected` and stops once the element left the document.
   */
  mount(host: HTMLElement): void | Promise<void>;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export class ModuleWidget extends HTMLElement {
  private started = false;
  /** Whether a control's input is the reader's early choice: until the widget's code is mounted. */
  private recording = true;
  private observer: IntersectionObserver | undefined;
  private drawn: Promise<void> = Promise.resolve();
  /** Controls the reader changed while the code loaded, with the value they chose (see keepChoices). */
  private readonly choices = new Map<Control, string>();
  /** A form the reader submitted (Run pressed) before the widget could act on it: submitted again once it can. */
  private earlySubmit: HTMLFormElement | null = null;

  constructor(private readonly load: () => Promise<WidgetModule>) {
    super();
  }

  private readonly onEarlyChoice = (event: Event) => {
    const target = event.target;
    if (this.recording && (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement))
      this.choices.set(target, controlValue(target));
  };

  private readonly onEarlySubmit = (event: Event) => {
    if (!this.recording || !(event.target instanceof HTMLFormElement)) return;
    event.preventDefault(); // not the browser's own submission, which would reload the page
    this.earlySubmit = event.target;
  };

  connectedCallback(): void {
    if (this.started) return;
    // The markup's controls work before the code arrives: a choice made then is the reader's.
    this.addEventListener('input', this.onEarlyChoice, true);
    this.addEventListener('change', this.onEarlyChoice, true);
    this.addEventListener('submit', this.onEarlySubmit, true);
    if (!('IntersectionObserver' in window)) {
      this.start();
      return;
    }
    this.observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.start(), { rootMargin: '400px 0px' });
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /**
   * Start now, without waiting to scroll near (printing a lab sheet needs every exercise drawn);
   * resolves once the widget is drawn or has failed.
   */
  startNow(): Promise<void> {
    this.start();
    return this.drawn;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.observer?.disconnect();
    this.dataset['state'] = 'loading';
    this.drawn = this.load()
      .then((module) => {
        this.recording = false; // mount's own events are not the reader's
        return module.mount(this);
      })
      .then(
        () => {
          this.querySelector(':scope > .widget-placeholder')?.remove();
          this.dataset['state'] = 'live';
          this.keepChoices();
        },
        (error: unknown) => {
          this.recording = false;
          this.dataset['state'] = 'error';
          this.replaceChildren(startFailure(error));
          console.error(error);
        },
      );
  }

  /**
   * A choice the reader made while the code loaded (a model picked as the page opens) is never
   * overwritten by mount's defaults: it is put back and announced to the widget as if made now,
   * so the widget's own handlers save it (URL) and act on it; an early Run is pressed again.
   */
  private keepChoices(): void {
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
    if (form?.isConnected) form.requestSubmit();
  }
}

/** Defines `tag` as a widget whose code is `load`ed when it is about to scroll into view. */
export function defineModuleWidget(tag: string, load: () => Promise<WidgetModule>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends ModuleWidget {
      constructor() {
        super(load);
      }
    },
  );
}

const isToggle = (control: Element): control is HTMLInputElement =>
  control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');

function controlValue(control: Control): string {
  return isToggle(control) ? (control.checked ? 'on' : 'off') : control.value;
}

/** True when the reader asked for less motion: skip transitions and animated stepping. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** What a figure shows in its place when it could not start: the reason, and that the page still works. */
export function startFailure(error: unknown): HTMLParagraphElement {
  // The DOM API, not el(): this module is on every page's first load, and el's chunk is not.
  const message = document.createElement('p');
  message.className = 'widget-error';
  message.setAttribute('role', 'alert');
  message.textContent = `This figure could not start: ${error instanceof Error ? error.message : String(error)}. Reloading the page may help; the rest of the chapter still works.`;
  return message;
}
