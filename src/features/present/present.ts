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
 * "More" (M) shows the whole section, scrolled as a page.
 */
import './present.css';
import {
  type Action,
  type FitMeasure,
  type FocusKind,
  KEY_HINT,
  type PartKind,
  assignSlides,
  clampStep,
  fits,
  keyAction,
  largestFit,
  readableZoom,
} from './steps';
import { readPresentState, writePresentState } from './present-url';
import { el } from '../../ui/el';

export interface PresentOptions {
  /** The page starts in presentation mode (the demo): leaving writes `present=0`. */
  readonly defaultOn: boolean;
  /** Ask for browser full screen (only possible in a click or key handler). */
  readonly fullscreen: boolean;
}

/** The width a slide is laid out for; zoom scales it to the screen (1280 px → ×1.2, 1920 px → ×1.8). */
const DESIGN_WIDTH = 1040;
const MAX_ZOOM = 2.2;
const MIN_ZOOM = 0.45;
/** Full searches a slide gets when its widgets change size, before the zoom may only shrink. */
const FULL_REFITS = 8;

/**
 * What steps back first when a slide is too tall, group by group (inside the slide's widgets and
 * figures; a widget or figure marks a part of its own .present-secondary to put it in the first
 * group, .present-second-view in the third). `PROSE` stands for the section's text after its first paragraph, `LEAD` for that one.
 */
const PROSE = 'prose';
const LEAD = 'lead';
const SECONDARY: readonly string[] = [
  ':is(.widget, figure) :is(small, .present-secondary, .formula-row, .value-table, .paper-table, .bn-table, .bias-table, .run-downloads, .probe, .step-text, .run-env, .bench-env, .legend-note, .quant-histograms, .quant-errors)',
  PROSE,
  // A chart's caption (the speaker says it), and a second view of what the key figure shows.
  ':is(.widget, figure) :is(.present-second-view, .viz-figure > figcaption, .map-comparison, .input-figure, .photo-figure, .probe-sum, .tile-stages, .quant-output, .error-maps, .error-legend)',
  LEAD,
  // A lab sheet too tall for the screen shows its first exercise; More shows the rest.
  '.lab-exercise ~ .lab-exercise',
];
/** Parts of a slide that are its figure, never stepped back. */
const FIGURE = '.widget, figure, .wide, .table-scroll, .katex-display';

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
  private step = 0;
  /** "More": the whole section, as a scrolled page. */
  private all = false;
  private refits = 0;
  /** Parts the current fit stepped back (shown by More). */
  private hidden = 0;
  private refitQueued = false;
  private enteredFullscreen = false;
  private readonly onKey = (event: KeyboardEvent) => this.key(event);
  private readonly onResize = () => this.fit();
  private readonly onPartResize = () => this.queueRefit();
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
    this.refits = 0;
    this.resizeObserver.disconnect();
    this.parts.forEach((node, k) => node.toggleAttribute('data-present-current', this.slideOf[k] === this.step));
    for (const node of this.current()) this.resizeObserver.observe(node);
    this.article.scrollTop = 0;
    this.counter.textContent = `${this.step + 1} / ${this.count}`;
    this.announce.textContent = `Step ${this.step + 1} of ${this.count}: ${this.titles[this.step]}`;
    document.documentElement.dataset['presentStep'] = String(this.step + 1);
    this.fit();
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

  private setZoom(zoom: number): void {
    this.article.style.setProperty('--present-zoom', zoom.toFixed(3));
  }

  private measure(zoom: number): FitMeasure {
    const a = this.article;
    return { zoom, contentWidth: a.scrollWidth, contentHeight: a.scrollHeight, availWidth: a.clientWidth, availHeight: a.clientHeight };
  }

  /** The elements that step back at a level of SECONDARY, on the current slide. */
  private secondary(level: string, parts: HTMLElement[]): HTMLElement[] {
    const prose = parts.filter(
      (node) => node.tagName !== 'H2' && node.tagName !== 'HEADER' && !node.matches('script, style') && !node.matches(FIGURE) && !node.querySelector('.widget'),
    );
    if (level === LEAD) return prose.slice(0, 1);
    if (level === PROSE) return prose.slice(1);
    return parts.flatMap((node) => [...node.querySelectorAll<HTMLElement>(level)]);
  }

  /**
   * Fits the current slide to the screen: the largest zoom (up to the screen's width) at which it
   * fits; if that is below a readable size, the next group of secondary parts steps back and it
   * tries again. Every zoom and part is measured, not guessed: text rewraps as it scales.
   */
  private fit(): void {
    const started = performance.now();
    try {
      this.fitNow();
    } finally {
      // For npm run bench:present: what fitting a slide costs (a few layouts per zoom tried).
      performance.measure('present-fit', { start: started });
    }
  }

  private fitNow(): void {
    const bar = this.bar.getBoundingClientRect().height;
    this.article.style.setProperty('--present-bar', `${Math.ceil(bar)}px`);
    const widthZoom = Math.min(MAX_ZOOM, Math.max(1, (innerWidth - 48) / DESIGN_WIDTH));
    const parts = this.current();
    for (const node of this.article.querySelectorAll('[data-present-more]')) node.removeAttribute('data-present-more');
    spanFigureRows(parts);
    document.documentElement.classList.toggle('present-all', this.all);
    if (this.all) {
      this.setZoom(Math.min(widthZoom, Math.max(1, readableZoom(this.bodyPx(), innerWidth, innerHeight))));
      this.showFit('all', 0);
      return;
    }
    const readable = Math.min(widthZoom, Math.max(MIN_ZOOM, readableZoom(this.bodyPx(), innerWidth, innerHeight)));
    const fitsAt = (zoom: number) => {
      this.setZoom(zoom);
      return fits(this.measure(zoom));
    };
    let hidden = 0;
    let readableFits = false;
    for (let level = 0; ; level++) {
      readableFits = fitsAt(readable);
      if (readableFits || level >= SECONDARY.length) break;
      for (const node of this.secondary(SECONDARY[level]!, parts)) {
        node.setAttribute('data-present-more', '');
        hidden++;
      }
      spanFigureRows(parts);
    }
    const zoom = readableFits ? largestFit(readable, widthZoom, fitsAt, 5) : fitsAt(MIN_ZOOM) ? largestFit(MIN_ZOOM, readable, fitsAt, 5) : MIN_ZOOM;
    this.hidden = hidden;
    this.showFit(fitsAt(zoom) ? 'fits' : 'tight', hidden);
  }

  private bodyPx(): number {
    return parseFloat(getComputedStyle(document.body).fontSize) || 17;
  }

  /** The fit's outcome, for the bar ("More" only when something stepped back) and for tests. */
  private showFit(state: 'fits' | 'tight' | 'all', hidden: number): void {
    document.documentElement.dataset['presentFit'] = state;
    this.moreButton.hidden = !this.all && hidden === 0;
    this.moreButton.setAttribute('aria-pressed', String(this.all));
    this.moreButton.textContent = this.all ? 'Less' : 'More';
    this.moreButton.setAttribute('aria-label', this.all ? 'Less: back to the step’s key figure (M)' : 'More on this step (M)');
  }

  /** A widget that starts or changes size refits its slide, once per frame, and not for ever. */
  private queueRefit(): void {
    if (this.refitQueued || this.all) return;
    this.refitQueued = true;
    requestAnimationFrame(() => {
      this.refitQueued = false;
      const zoom = Number(this.article.style.getPropertyValue('--present-zoom')) || 1;
      const m = this.measure(zoom);
      const roomy = m.contentHeight < 0.85 * m.availHeight && zoom < Math.min(MAX_ZOOM, (innerWidth - 48) / DESIGN_WIDTH) - 1e-3;
      if (fits(m) && !roomy) return;
      if (this.refits < FULL_REFITS) {
        this.refits++;
        this.fit();
        return;
      }
      // A widget that redraws for its new width can answer each zoom with a new height, and the
      // search would go back and forth; from here on the zoom only shrinks, so the slide settles.
      if (fits(m) || zoom <= MIN_ZOOM) return;
      const smaller = Math.max(MIN_ZOOM, zoom * 0.95);
      this.setZoom(smaller);
      const settled = fits(this.measure(smaller));
      this.showFit(settled ? 'fits' : 'tight', this.hidden);
      if (!settled) this.queueRefit(); // bounded: at most ~16 more frames down to MIN_ZOOM
    });
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
    this.fit();
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
    document.documentElement.classList.remove('present-all');
    delete document.documentElement.dataset['presentFit'];
    for (const node of this.article.querySelectorAll('[data-present-more]')) node.removeAttribute('data-present-more');
    this.article.style.removeProperty('--present-bar');
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    document.documentElement.classList.remove('presenting');
    delete document.documentElement.dataset['presentStep'];
    for (const node of this.outside) node.inert = false;
    for (const node of this.parts) node.removeAttribute('data-present-current');
    this.article.style.removeProperty('--present-zoom');
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

/**
 * A widget's presentation layout puts its controls in a column beside its other parts, one grid
 * row each: the column spans exactly as many rows as there are parts shown (present.css).
 */
function spanFigureRows(parts: readonly HTMLElement[]): void {
  for (const part of parts) {
    if (!part.matches('.widget') || !part.querySelector(':scope > .controls')) continue;
    const shown = [...part.children].filter((c) => !c.matches('.controls, [data-present-more], [hidden], script, style'));
    part.style.setProperty('--present-rows', String(Math.max(1, shown.length)));
  }
}
