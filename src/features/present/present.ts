/**
 * Presentation mode: the chapter's own article shown one section at a time, full screen, in
 * large type. Nothing is copied or moved: every part of the article gets a slide number, and only
 * the current slide's parts are displayed, so the widgets on a slide are the page's live widgets
 * (their state, URL and workers included). Loaded only when presentation is asked for (loader.ts).
 *
 * A slide fits one screen: it is zoomed to the largest size at which it fits above the control
 * bar; when that would make the text smaller than a projector needs (24 px at 1080p), the slide's
 * secondary parts step back one group at a time (a figure's notes, formulas and reference tables,
 * then the prose after the first paragraph, then a figure's second view), and stay one key away:
 * "More" (M) shows the whole section, scrolled as a page. The fitting is fit.ts's.
 */
import './present.css';
import { type FitState, SlideFitter } from './fit';
import { type Action, type FocusKind, KEY_HINT, type PartKind, assignSlides, clampStep, keyAction } from './steps';
import { readPresentState, writePresentState } from './present-url';
import { el } from '../../ui/el';

export interface PresentOptions {
  /** The page starts in presentation mode (the demo): leaving writes `present=0`. */
  readonly defaultOn: boolean;
  /** Ask for browser full screen (only possible in a click or key handler). */
  readonly fullscreen: boolean;
}

function kindOf(node: Element): PartKind {
  if (node.tagName === 'HEADER') return 'title';
  if (node.tagName === 'H2') return 'section';
  if (node.matches('nav.toc, nav.pager')) return 'skip';
  return 'content';
}

function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof HTMLElement)) return 'none';
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return 'text';
  if (target instanceof HTMLInputElement) return ['button', 'submit', 'reset', 'checkbox'].includes(target.type) ? 'button' : 'control';
  if (target instanceof HTMLSelectElement) return 'control';
  if (target.matches('[role="slider"], [role="spinbutton"], [role="radio"], [role="gridcell"], [role="textbox"]')) return 'control';
  if (target.matches('button, a[href], summary, [role="button"], [role="switch"]')) return 'button';
  return 'none';
}

class Presentation {
  private readonly article: HTMLElement;
  private readonly parts: HTMLElement[];
  private readonly slideOf: number[];
  private readonly count: number;
  private readonly titles: string[];
  private readonly bar: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly announce: HTMLElement;
  private readonly outside: HTMLElement[];
  private readonly moreButton: HTMLButtonElement;
  private readonly resizeObserver: ResizeObserver;
  private readonly fitter: SlideFitter;
  private step = 0;
  /** "More": the whole section, as a scrolled page. */
  private all = false;
  private enteredFullscreen = false;
  private readonly onKey = (event: KeyboardEvent) => this.key(event);
  private readonly onResize = () => this.fitter.fit();
  private readonly onPartResize = () => this.fitter.queueRefit();
  private readonly onFullscreen = () => {
    // Leaving the browser's full screen (Esc, F11) leaves the presentation with it.
    if (this.enteredFullscreen && !document.fullscreenElement) this.leave();
  };

  constructor(
    private readonly options: PresentOptions,
    private readonly onLeave: () => void,
  ) {
    const article = document.querySelector<HTMLElement>('main article');
    if (!article) throw new Error('presentation mode: no article on this page');
    this.article = article;
    this.parts = [...article.children].filter((node): node is HTMLElement => node instanceof HTMLElement);
    this.slideOf = assignSlides(this.parts.map(kindOf));
    this.count = Math.max(...this.slideOf) + 1;
    this.titles = Array.from({ length: this.count }, (_, i) => {
      const head = this.parts.find((p, k) => this.slideOf[k] === i && (p.tagName === 'H2' || p.tagName === 'HEADER'));
      return (head?.querySelector('h1') ?? head)?.textContent?.trim() ?? '';
    });
    this.outside = [...document.querySelectorAll<HTMLElement>('body > :not(.layout), .layout > .sidebar')].filter((node) => !node.matches('script'));

    const button = (text: string, label: string, action: Action) => {
      const b = el('button', { type: 'button', 'aria-label': label, 'data-present-action': action, text });
      b.addEventListener('click', () => this.act(action));
      return b;
    };
    this.counter = el('span', { class: 'present-counter' });
    this.announce = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.moreButton = button('More', 'More on this step (M)', 'more');
    this.moreButton.setAttribute('aria-pressed', 'false');
    this.bar = el(
      'nav',
      { class: 'present-bar', 'aria-label': 'Presentation' },
      button('◀ Previous', 'Previous step', 'prev'),
      this.counter,
      button('Next ▶', 'Next step', 'next'),
      this.moreButton,
      el('span', { class: 'present-help', text: KEY_HINT }),
      button('Exit', 'Leave presentation (Esc)', 'exit'),
      this.announce,
    );
    this.resizeObserver = new ResizeObserver(this.onPartResize);
    this.fitter = new SlideFitter(
      article,
      this.bar,
      () => ({ parts: this.current(), all: this.all }),
      (state, hidden) => this.showFit(state, hidden),
    );
  }

  start(step: number): void {
    document.documentElement.classList.add('presenting');
    for (const node of this.outside) node.inert = true;
    this.article.tabIndex = -1;
    document.body.append(this.bar);
    document.addEventListener('keydown', this.onKey);
    addEventListener('resize', this.onResize);
    document.addEventListener('fullscreenchange', this.onFullscreen);
    if (this.options.fullscreen && document.fullscreenEnabled && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().then(
        () => (this.enteredFullscreen = true),
        () => undefined, // refused (no gesture, or not allowed): the slides fill the window anyway
      );
    }
    this.go(step);
  }

  /** The slide of the section the reader is looking at, so pressing P continues from there. */
  static slideInView(): number {
    const sections = [...document.querySelectorAll('main article > h2')];
    const passed = sections.filter((h) => h.getBoundingClientRect().top <= innerHeight / 3).length;
    return passed;
  }

  private go(step: number): void {
    this.step = clampStep(step, this.count);
    this.all = false;
    this.fitter.reset();
    this.resizeObserver.disconnect();
    this.parts.forEach((node, k) => node.toggleAttribute('data-present-current', this.slideOf[k] === this.step));
    for (const node of this.current()) this.resizeObserver.observe(node);
    this.article.scrollTop = 0;
    this.counter.textContent = `${this.step + 1} / ${this.count}`;
    this.announce.textContent = `Step ${this.step + 1} of ${this.count}: ${this.titles[this.step]}`;
    document.documentElement.dataset['presentStep'] = String(this.step + 1);
    this.fitter.fit();
    this.article.focus({ preventScroll: true });
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${writePresentState(location.search, { on: true, step: this.step }, this.options.defaultOn)}${location.hash}`,
    );
  }

  private current(): HTMLElement[] {
    return this.parts.filter((_, k) => this.slideOf[k] === this.step);
  }

  /** The fit's outcome, for the bar ("More" only when something stepped back) and for tests. */
  private showFit(state: FitState, hidden: number): void {
    document.documentElement.dataset['presentFit'] = state;
    this.moreButton.hidden = !this.all && hidden === 0;
    this.moreButton.setAttribute('aria-pressed', String(this.all));
    this.moreButton.textContent = this.all ? 'Less' : 'More';
    this.moreButton.setAttribute('aria-label', this.all ? 'Less: back to the step’s key figure (M)' : 'More on this step (M)');
  }

  private act(action: Action): void {
    if (action === 'next') this.go(this.step + 1);
    else if (action === 'prev') this.go(this.step - 1);
    else if (action === 'first') this.go(0);
    else if (action === 'last') this.go(this.count - 1);
    else if (action === 'more') this.toggleAll();
    else this.leave();
  }

  private toggleAll(): void {
    if (!this.all && this.moreButton.hidden) return;
    this.all = !this.all;
    this.article.scrollTop = 0;
    this.fitter.fit();
    this.announce.textContent = this.all ? `Step ${this.step + 1}: the whole section; M goes back` : `Step ${this.step + 1}: the key figure`;
  }

  private key(event: KeyboardEvent): void {
    if (event.defaultPrevented) return; // a widget used the key
    const focus = focusKind(event.target);
    const action = keyAction(event, focus);
    if (!action) return;
    if (action === 'exit' && (focus === 'control' || focus === 'text') && event.target instanceof HTMLElement) {
      event.target.blur(); // first Esc leaves the control, the next one the presentation
      this.article.focus({ preventScroll: true });
      event.preventDefault();
      return;
    }
    event.preventDefault();
    this.act(action);
  }

  leave(): void {
    document.removeEventListener('keydown', this.onKey);
    removeEventListener('resize', this.onResize);
    this.resizeObserver.disconnect();
    this.fitter.clear();
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    document.documentElement.classList.remove('presenting');
    delete document.documentElement.dataset['presentStep'];
    for (const node of this.outside) node.inert = false;
    for (const node of this.parts) node.removeAttribute('data-present-current');
    this.article.removeAttribute('tabindex');
    this.bar.remove();
    if (this.enteredFullscreen && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${writePresentState(location.search, { on: false, step: 0 }, this.options.defaultOn)}${location.hash}`,
    );
    // Back in the page at the section that was on screen.
    const first = this.parts.find((_, k) => this.slideOf[k] === this.step);
    first?.scrollIntoView({ block: 'start' });
    this.onLeave();
  }
}

let current: Presentation | undefined;

/** Starts presenting (no-op when already on), at the URL's step or at the section in view. */
export function present(options: PresentOptions): void {
  if (current) return;
  const state = readPresentState(location.search, options.defaultOn);
  const step = state.on ? state.step : Presentation.slideInView();
  current = new Presentation(options, () => (current = undefined));
  current.start(step);
}
