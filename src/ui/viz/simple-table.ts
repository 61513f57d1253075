/**
 * A plain data table (caption, one header row, body rows of text) for figures whose text
 * alternative is a list of records rather than a matrix (see value-table.ts for matrices).
 */
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
  readonly document?: Document;
}

export function simpleTable(options: SimpleTableOptions): HTMLTableElement {
  const doc = options.document ?? document;
  const numeric = new Set(options.numeric ?? []);
  const paper = new Set(options.paper ?? []);
  const classOf = (i: number) => [numeric.has(i) ? 'num' : '', paper.has(i) ? 'paper' : ''].filter(Boolean).join(' ');
  const table = doc.createElement('table');
  const caption = doc.createElement('caption');
  caption.textContent = options.caption;
  const thead = doc.createElement('thead');
  const head = doc.createElement('tr');
  options.head.forEach((text, i) => {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    th.className = classOf(i);
    head.append(th);
  });
  thead.append(head);
  const tbody = doc.createElement('tbody');
  for (const row of options.rows) {
    const tr = doc.createElement('tr');
    row.forEach((text, i) => {
      const header = i === 0 && options.rowHeaders !== false;
      const cell = doc.createElement(header ? 'th' : 'td');
      if (header) (cell as HTMLTableCellElement).scope = 'row';
      cell.textContent = text;
      cell.className = classOf(i);
      tr.append(cell);
    });
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  return table;
}
