/**
 * Small DOM helpers shared by the widgets: redraw on resize, a disclosed values table and a plot's
 * series legend. Controls are in widgets/controls.ts, the scrolling box in viz/scroll-region.ts.
 */
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
  const details = document.createElement('details');
  details.className = 'value-table';
  const summary = document.createElement('summary');
  summary.textContent = summaryText;
  const scroll = scrollRegion(document.createElement('div'), regionLabel);
  scroll.append(table);
  details.append(summary, scroll);
  return details;
}

/** The key of a plot's series: a swatch of each series' colour and symbol, then its name. */
export function seriesLegend(series: readonly { name: string; color: string; symbol: string; filled: boolean }[]): HTMLUListElement {
  const ul = document.createElement('ul');
  ul.className = 'plot-legend';
  for (const s of series) {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${s.symbol}${s.filled ? ' filled' : ''}`;
    swatch.style.color = s.color;
    swatch.setAttribute('aria-hidden', 'true');
    li.append(swatch, s.name);
    ul.append(li);
  }
  return ul;
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
  const figure = document.createElement('figure');
  figure.className = `viz-figure ${className}`;
  const chart = document.createElement('div');
  scrollRegion(chart, regionLabel);
  const figcaption = document.createElement('figcaption');
  figcaption.textContent = caption;
  const tableSlot = document.createElement('div');
  figure.append(key, chart, figcaption, tableSlot);
  return { figure, chart, tableSlot };
}

/** A readout line that assistive technology announces whenever it changes. */
export function statusReadout(className: string): HTMLParagraphElement {
  const readout = document.createElement('p');
  readout.className = `readout ${className}`;
  readout.setAttribute('role', 'status');
  return readout;
}
