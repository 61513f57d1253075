/**
 * Presentation mode: the chapter's own article shown one section at a time, full screen, in
 * large type. Nothing is copied or moved: every part of the article gets a slide number, and only
 * the current slide's parts are displayed, so the widgets on a slide are the page's live widgets
 * (their state, URL and workers included). Loaded only when presentation is asked for (loader.ts).
 */
import './present.css';
import { type Action, type FocusKind, type PartKind, assignSlides, clampStep, keyAction, readPresentState, shouldScroll, writePresentState } from './steps';

export interface PresentOptions {
  /** The page starts in presentation mode (the demo): leaving writes `present=0`. */
  readonly defaultOn: boolean;
  /** Ask for browser full screen (only possible in a click or key handler). */
  readonly fullscreen: boolean;
}

/** The width a slide is laid out for; zoom scales it to the screen (1280 px → ×1.2, 1920 px → ×1.8). */
const DESIGN_WIDTH = 1040;
const MAX_ZOOM = 2.2;

function kindOf(el: Element): PartKind {
  if (el.tagName === 'HEADER') return 'title';
  if (el.tagName === 'H2') return 'section';
  if (el.matches('nav.toc, nav.pager')) return 'skip';
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

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

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
  private step = 0;
  private enteredFullscreen = false;
  private readonly onKey = (event: KeyboardEvent) => this.key(event);
  private readonly onResize = () => this.fit();
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
    this.parts = [...article.children].filter((el): el is HTMLElement => el instanceof HTMLElement);
    this.slideOf = assignSlides(this.parts.map(kindOf));
    this.count = Math.max(...this.slideOf) + 1;
    this.titles = Array.from({ length: this.count }, (_, i) => {
      const head = this.parts.find((p, k) => this.slideOf[k] === i && (p.tagName === 'H2' || p.tagName === 'HEADER'));
      return (head?.querySelector('h1') ?? head)?.textContent?.trim() ?? '';
    });
    this.outside = [...document.querySelectorAll<HTMLElement>('body > :not(.layout), .layout > .sidebar')].filter((el) => !el.matches('script'));

    this.bar = document.createElement('nav');
    this.bar.className = 'present-bar';
    this.bar.setAttribute('aria-label', 'Presentation');
    const button = (text: string, label: string, action: Action) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.setAttribute('aria-label', label);
      b.dataset['presentAction'] = action;
      b.addEventListener('click', () => this.act(action));
      return b;
    };
    this.counter = document.createElement('span');
    this.counter.className = 'present-counter';
    this.announce = document.createElement('p');
    this.announce.className = 'visually-hidden';
    this.announce.setAttribute('aria-live', 'polite');
    const help = document.createElement('span');
    help.className = 'present-help';
    help.textContent = '← → or PageUp PageDown · Esc leaves';
    this.bar.append(button('◀', 'Previous step', 'prev'), this.counter, button('▶', 'Next step', 'next'), help, button('Exit', 'Leave presentation (Esc)', 'exit'), this.announce);
  }

  start(step: number): void {
    document.documentElement.classList.add('presenting');
    for (const el of this.outside) el.inert = true;
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
    this.parts.forEach((el, k) => el.toggleAttribute('data-present-current', this.slideOf[k] === this.step));
    this.article.scrollTop = 0;
    this.counter.textContent = `${this.step + 1} / ${this.count}`;
    this.announce.textContent = `Step ${this.step + 1} of ${this.count}: ${this.titles[this.step]}`;
    document.documentElement.dataset['presentStep'] = String(this.step + 1);
    this.fit();
    this.article.focus({ preventScroll: true });
    history.replaceState(history.state, '', `${location.pathname}${writePresentState(location.search, { on: true, step: this.step }, this.options.defaultOn)}${location.hash}`);
  }

  /** Scales the slide's parts to the screen's width (CSS zoom: type, figures and canvases alike). */
  private fit(): void {
    const zoom = Math.min(MAX_ZOOM, Math.max(1, (innerWidth - 48) / DESIGN_WIDTH));
    this.article.style.setProperty('--present-zoom', zoom.toFixed(3));
  }

  private act(action: Action): void {
    const page = (direction: 1 | -1) => {
      const a = this.article;
      if (shouldScroll(direction, a.scrollTop, a.clientHeight, a.scrollHeight)) {
        a.scrollBy({ top: direction * a.clientHeight * 0.85, behavior: reducedMotion() ? 'auto' : 'smooth' });
      } else {
        this.go(this.step + direction);
      }
    };
    if (action === 'next') this.go(this.step + 1);
    else if (action === 'prev') this.go(this.step - 1);
    else if (action === 'page-next') page(1);
    else if (action === 'page-prev') page(-1);
    else if (action === 'first') this.go(0);
    else if (action === 'last') this.go(this.count - 1);
    else this.leave();
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
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    document.documentElement.classList.remove('presenting');
    delete document.documentElement.dataset['presentStep'];
    for (const el of this.outside) el.inert = false;
    for (const el of this.parts) el.removeAttribute('data-present-current');
    this.article.style.removeProperty('--present-zoom');
    this.article.removeAttribute('tabindex');
    this.bar.remove();
    if (this.enteredFullscreen && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    history.replaceState(history.state, '', `${location.pathname}${writePresentState(location.search, { on: false, step: 0 }, this.options.defaultOn)}${location.hash}`);
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
