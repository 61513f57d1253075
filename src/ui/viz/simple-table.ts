/**
 * A plain data table (caption, one header row, body rows of text) for figures whose text
 * alternative is a list of records rather than a matrix (see value-table.ts for matrices).
 */
import { el } from '../el';

export interface SimpleTableOptions {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Column indexes to right-align with tabular digits. */
  readonly numeric?: readonly number[];
  /** Column indexes whose values are the paper's, styled as such. */
  readonly paper?: readonly number[];
  /** The first column names the row (th scope=row). Default true. */
  readonly rowHeaders?: boolean;
}

export function simpleTable(options: SimpleTableOptions): HTMLTableElement {
  const numeric = new Set(options.numeric ?? []);
  const paper = new Set(options.paper ?? []);
  const classOf = (i: number) => [numeric.has(i) ? 'num' : '', paper.has(i) ? 'paper' : ''].filter(Boolean).join(' ');
  const cell = (text: string, i: number) =>
    i === 0 && options.rowHeaders !== false ? el('th', { scope: 'row', text, class: classOf(i) }) : el('td', { text, class: classOf(i) });
  const head = options.head.map((text, i) => el('th', { scope: 'col', text, class: classOf(i) }));
  const rows = options.rows.map((row) => el('tr', {}, ...row.map(cell)));
  return el('table', {}, el('caption', { text: options.caption }), el('thead', {}, el('tr', {}, ...head)), el('tbody', {}, ...rows));
}
