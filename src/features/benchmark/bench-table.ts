/**
 * The benchmark's results table: one row per model, backend and graph, in the order they ran.
 * Every number cell carries its raw value (data-value) and its CSV column (data-col), so what
 * the page shows can be checked against the exported file.
 */
import { formatError } from '../../ui/viz/format';
import { BACKEND_NAME } from './settings';
import { type BenchRow, GRAPH_LABEL, formatMs, formatRate } from './rows';

type Cell = [text: string, col?: string, value?: number];

function cell(tag: 'td' | 'th', [text, col, value]: Cell, numeric: boolean): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (numeric) el.className = 'num';
  if (col) el.dataset['col'] = col;
  if (value !== undefined) el.dataset['value'] = String(value);
  return el;
}

export function rowKey(r: Pick<BenchRow, 'model' | 'backend' | 'graph'>): string {
  return `${r.model}|${r.backend}|${r.graph}`;
}

const HEAD = ['Model', 'Backend', 'Graph', 'Median (ms)', 'Middle half (ms)', 'Fastest–slowest (ms)', 'Images/s', '÷ deploy', 'Max rel. diff. vs deploy'];

export function benchTable(rows: readonly BenchRow[], caption: string): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'bench-table';
  const cap = document.createElement('caption');
  cap.textContent = caption;
  const head = document.createElement('tr');
  HEAD.forEach((h, i) => {
    const th = cell('th', [h], i >= 3);
    th.scope = 'col';
    head.append(th);
  });
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset['row'] = rowKey(r);
    const name = cell('th', [r.modelName, 'model'], false);
    name.scope = 'row';
    tr.append(
      name,
      cell('td', [`${BACKEND_NAME[r.backend]} (${r.backendDetail})`, 'backend'], false),
      cell('td', [GRAPH_LABEL[r.graph], 'graph'], false),
      cell('td', [formatMs(r.medianMs), 'median_ms', r.medianMs], true),
      cell('td', [`${formatMs(r.q1Ms)}–${formatMs(r.q3Ms)}`, 'q1_q3_ms'], true),
      cell('td', [`${formatMs(r.minMs)}–${formatMs(r.maxMs)}`, 'min_max_ms'], true),
      cell('td', [formatRate(r.imagesPerSecond), 'images_per_s', r.imagesPerSecond], true),
      cell('td', [r.graph === 'deploy' ? '1' : `${r.vsDeploy.toFixed(2)}×`, 'vs_deploy', r.vsDeploy], true),
      cell('td', [r.graph === 'deploy' ? '(reference)' : formatError(r.maxRelDiff), 'max_rel_diff_vs_deploy', r.maxRelDiff], true),
    );
    tbody.append(tr);
  }
  table.append(cap, thead, tbody);
  return table;
}
