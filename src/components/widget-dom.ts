/**
 * Small DOM helpers shared by the widgets: labelled controls, a focusable sideways-scrolling
 * region (axe: a scrollable region must be reachable by keyboard), and redraw on resize.
 */

let nextId = 0;
/** A document-unique id for label/control pairs. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A container that scrolls sideways on a phone; a tab stop with a name, as axe requires. */
export function scrollRegion(label: string): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'table-scroll';
  div.tabIndex = 0;
  div.setAttribute('role', 'region');
  div.setAttribute('aria-label', label);
  return div;
}

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

/** A labelled <select> in a .control box. */
export function selectControl(labelText: string, options: readonly (readonly [value: string, text: string])[], value: string): { box: HTMLDivElement; select: HTMLSelectElement } {
  const box = document.createElement('div');
  box.className = 'control';
  const label = document.createElement('label');
  label.textContent = labelText;
  const select = document.createElement('select');
  select.id = uniqueId('select');
  label.htmlFor = select.id;
  for (const [v, text] of options) select.add(new Option(text, v));
  select.value = value;
  box.append(label, select);
  return { box, select };
}

/** A fieldset of radio buttons; `onChange` receives the chosen value. */
export function radioGroup(legendText: string, name: string, options: readonly (readonly [value: string, text: string])[], value: string, onChange: (value: string) => void): { box: HTMLFieldSetElement; set(value: string): void } {
  const box = document.createElement('fieldset');
  box.className = 'control';
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  box.append(legend);
  const groupName = uniqueId(name);
  const inputs = options.map(([v, text]) => {
    const label = document.createElement('label');
    label.className = 'inline';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = groupName;
    input.value = v;
    input.checked = v === value;
    input.addEventListener('change', () => input.checked && onChange(v));
    label.append(input, ` ${text}`);
    box.append(label);
    return input;
  });
  return { box, set: (v) => inputs.forEach((i) => (i.checked = i.value === v)) };
}

/** A figure's values as a table behind a "Values as a table" disclosure, sideways-scrollable on a phone. */
export function disclosedTable(table: HTMLTableElement, regionLabel: string, summaryText = 'Values as a table'): HTMLDetailsElement {
  const details = document.createElement('details');
  details.className = 'value-table';
  const summary = document.createElement('summary');
  summary.textContent = summaryText;
  const scroll = scrollRegion(regionLabel);
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
