/**
 * Fitting a slide to the screen: the largest zoom (up to the screen's width) at which the current
 * slide fits above the control bar; when that would make the text smaller than a projector needs,
 * the slide's secondary parts step back one group at a time (marked data-present-more, shown again
 * by "More"). Every zoom and part is measured, not guessed: text rewraps as it scales. The search
 * itself is pure (steps.ts: fits, largestFit, readableZoom); this file measures the page for it.
 */
import { type FitMeasure, fits, largestFit, readableZoom } from './steps';

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

export type FitState = 'fits' | 'tight' | 'all';

/** The slide to fit: its parts, and whether the reader asked for the whole section ("More"). */
export interface Slide {
  readonly parts: HTMLElement[];
  readonly all: boolean;
}

export class SlideFitter {
  private refits = 0;
  /** Parts the last fit stepped back (shown by More). */
  private hidden = 0;
  private refitQueued = false;

  constructor(
    private readonly article: HTMLElement,
    private readonly bar: HTMLElement,
    private readonly slide: () => Slide,
    /** Told each outcome: the bar shows "More" only when something stepped back. */
    private readonly show: (state: FitState, hidden: number) => void,
  ) {}

  /** A new slide: its widgets get their full refits again. */
  reset(): void {
    this.refits = 0;
  }

  fit(): void {
    const started = performance.now();
    try {
      this.fitNow();
    } finally {
      // For npm run bench:present: what fitting a slide costs (a few layouts per zoom tried).
      performance.measure('present-fit', { start: started });
    }
  }

  /** A widget that starts or changes size refits its slide, once per frame, and not for ever. */
  queueRefit(): void {
    if (this.refitQueued || this.slide().all) return;
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
      this.show(settled ? 'fits' : 'tight', this.hidden);
      if (!settled) this.queueRefit(); // bounded: at most ~16 more frames down to MIN_ZOOM
    });
  }

  /** Everything a fit wrote into the page, removed when the presentation ends. */
  clear(): void {
    document.documentElement.classList.remove('present-all');
    delete document.documentElement.dataset['presentFit'];
    this.unmark();
    this.article.style.removeProperty('--present-bar');
    this.article.style.removeProperty('--present-zoom');
  }

  private fitNow(): void {
    const { parts, all } = this.slide();
    const bar = this.bar.getBoundingClientRect().height;
    this.article.style.setProperty('--present-bar', `${Math.ceil(bar)}px`);
    const widthZoom = Math.min(MAX_ZOOM, Math.max(1, (innerWidth - 48) / DESIGN_WIDTH));
    this.unmark();
    spanFigureRows(parts);
    document.documentElement.classList.toggle('present-all', all);
    if (all) {
      this.setZoom(Math.min(widthZoom, Math.max(1, readableZoom(bodyPx(), innerWidth, innerHeight))));
      this.show('all', 0);
      return;
    }
    const readable = Math.min(widthZoom, Math.max(MIN_ZOOM, readableZoom(bodyPx(), innerWidth, innerHeight)));
    const fitsAt = (zoom: number) => {
      this.setZoom(zoom);
      return fits(this.measure(zoom));
    };
    let hidden = 0;
    let readableFits = false;
    for (let level = 0; ; level++) {
      readableFits = fitsAt(readable);
      if (readableFits || level >= SECONDARY.length) break;
      for (const node of secondary(SECONDARY[level]!, parts)) {
        node.setAttribute('data-present-more', '');
        hidden++;
      }
      spanFigureRows(parts);
    }
    const zoom = readableFits ? largestFit(readable, widthZoom, fitsAt, 5) : fitsAt(MIN_ZOOM) ? largestFit(MIN_ZOOM, readable, fitsAt, 5) : MIN_ZOOM;
    this.hidden = hidden;
    this.show(fitsAt(zoom) ? 'fits' : 'tight', hidden);
  }

  private unmark(): void {
    for (const node of this.article.querySelectorAll('[data-present-more]')) node.removeAttribute('data-present-more');
  }

  private setZoom(zoom: number): void {
    this.article.style.setProperty('--present-zoom', zoom.toFixed(3));
  }

  private measure(zoom: number): FitMeasure {
    const a = this.article;
    return { zoom, contentWidth: a.scrollWidth, contentHeight: a.scrollHeight, availWidth: a.clientWidth, availHeight: a.clientHeight };
  }
}

function bodyPx(): number {
  return parseFloat(getComputedStyle(document.body).fontSize) || 17;
}

/** The elements that step back at a level of SECONDARY, on the current slide. */
function secondary(level: string, parts: HTMLElement[]): HTMLElement[] {
  const prose = parts.filter(
    (node) => node.tagName !== 'H2' && node.tagName !== 'HEADER' && !node.matches('script, style') && !node.matches(FIGURE) && !node.querySelector('.widget'),
  );
  if (level === LEAD) return prose.slice(0, 1);
  if (level === PROSE) return prose.slice(1);
  return parts.flatMap((node) => [...node.querySelectorAll<HTMLElement>(level)]);
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
