/**
 * The text alternative of a figure: its values as an HTML table inside a <details>, reachable
 * by keyboard and read by screen readers. Built from the same rows the figure draws.
 */
import { el } from '../el';
import type { Matrix } from './cells';
import { formatValue } from './format';
import { setText } from './set-text';

export interface ValueTableOptions {
  readonly caption: string;
  readonly format?: (x: number) => string;
  readonly rowLabel?: (r: number) => string;
  readonly colLabel?: (c: number) => string;
  readonly summary?: string;
}

export function valueTable(m: Matrix, options: ValueTableOptions): HTMLDetailsElement {
  const format = options.format ?? ((x: number) => formatValue(x, 3));
  const rowLabel = options.rowLabel ?? ((r: number) => `row ${r}`);
  const colLabel = options.colLabel ?? ((c: number) => `col ${c}`);
  const cols = Array.from({ length: m.cols }, (_, c) => c);
  const head = el('tr', {}, el('td'), ...cols.map((c) => el('th', { scope: 'col', text: colLabel(c) })));
  const rows = Array.from({ length: m.rows }, (_, r) =>
    el('tr', {}, el('th', { scope: 'row', text: rowLabel(r) }), ...cols.map((c) => el('td', { class: 'num', text: format(m.values[r * m.cols + c]!) }))),
  );
  const table = el('table', {}, el('caption', { text: options.caption }), el('thead', {}, head), el('tbody', {}, ...rows));
  return el('details', { class: 'value-table' }, el('summary', { text: options.summary ?? 'Values as a table' }), el('div', { class: 'table-scroll' }, table));
}

/** A kernel bank as a table: one row per (output, input) pair, one column per tap. */
export function kernelTable(
  bank: { readonly shape: readonly [number, number, number, number]; readonly data: ArrayLike<number> },
  options: Omit<ValueTableOptions, 'rowLabel' | 'colLabel'>,
): HTMLDetailsElement {
  const [, inC, kh, kw] = bank.shape;
  return valueTable(
    { rows: bank.data.length / (kh * kw), cols: kh * kw, values: bank.data },
    {
      ...options,
      rowLabel: (r) => `out ${Math.floor(r / inC)}, in ${r % inC}`,
      colLabel: (c) => `(${Math.floor(c / kw)}, ${c % kw})`,
    },
  );
}

/**
 * New values into a table made by valueTable or kernelTable, in place (cells in row-major order,
 * the order both write them). False, changing nothing, when the number of cells differs.
 */
export function updateTableValues(details: Element, values: ArrayLike<number>, format: (x: number) => string = (x) => formatValue(x, 3)): boolean {
  const cells = details.querySelectorAll('tbody td');
  if (cells.length !== values.length) return false;
  const before = shownValues.get(details);
  for (let i = 0; i < values.length; i++) {
    if (before && before[i] === values[i]) continue; // unchanged: leave the text alone
    setText(cells[i]!, format(values[i]!));
  }
  shownValues.set(details, Float64Array.from(values));
  return true;
}

/** The values a table updated in place shows now (a fresh table is written in full first). */
const shownValues = new WeakMap<Element, Float64Array>();
