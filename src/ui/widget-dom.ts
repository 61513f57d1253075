/**
 * Small DOM helpers shared by the widgets: redraw on resize, a disclosed values table and a plot's
 * series legend. Controls are in widgets/controls.ts, the scrolling box in viz/scroll-region.ts.
 */
import { el } from './el';
import { scrollRegion } from './viz/scroll-region';

/** Calls `redraw` when the element's width changes (not on the first observation). */
export function observeWidth(element: HTMLElement, redraw: () => void): void {
  if (typeof ResizeObserver === 'undefined') return;
  let last = element.clientWidth;
  let frame = 0;
  new ResizeObserver(() => {
    const width = element.clientWidth;
    if (Math.abs(width - last) < 8) return;
    last = width;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(redraw);
  }).observe(element);
}

/** A figure's values as a table behind a "Values as a table" disclosure, sideways-scrollable on a phone. */
export function disclosedTable(table: HTMLTableElement, regionLabel: string, summaryText = 'Values as a table'): HTMLDetailsElement {
  return el('details', { class: 'value-table' }, el('summary', { text: summaryText }), scrollRegion(el('div', {}, table), regionLabel));
}

/** The key of a plot's series: a swatch of each series' colour and symbol, then its name. */
export function seriesLegend(series: readonly { name: string; color: string; symbol: string; filled: boolean }[]): HTMLUListElement {
  return el(
    'ul',
    { class: 'plot-legend' },
    ...series.map((s) => {
      const swatch = el('span', { class: `swatch ${s.symbol}${s.filled ? ' filled' : ''}`, 'aria-hidden': 'true' });
      swatch.style.color = s.color;
      return el('li', {}, swatch, s.name);
    }),
  );
}

/**
 * A chart figure: the series' legend (drawn once), a chart region that scrolls sideways on a
 * narrow screen, a caption, and a slot for the values as a table. The widget draws into `chart`.
 */
export function chartFigure(
  className: string,
  regionLabel: string,
  caption: string,
  key: HTMLElement,
): { figure: HTMLElement; chart: HTMLElement; tableSlot: HTMLElement } {
  const chart = scrollRegion(el('div'), regionLabel);
  const tableSlot = el('div');
  const figure = el('figure', { class: `viz-figure ${className}` }, key, chart, el('figcaption', { text: caption }), tableSlot);
  return { figure, chart, tableSlot };
}

/** A readout line that assistive technology announces whenever it changes. */
export function statusReadout(className: string): HTMLParagraphElement {
  return el('p', { class: `readout ${className}`, role: 'status' });
}
