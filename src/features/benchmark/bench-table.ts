/**
 * The benchmark's results table: one row per model, backend and graph, in the order they ran.
 * Every number cell carries its raw value (data-value) and its CSV column (data-col), so what
 * the page shows can be checked against the exported file.
 */
import { el } from '../../ui/el';
import { formatError } from '../../ui/viz/format';
import { BACKEND_NAME } from './settings';
import { type BenchRow, GRAPH_LABEL, formatMs, formatRate } from './rows';

type Cell = [text: string, col?: string, value?: number];

function cell(tag: 'td' | 'th', [text, col, value]: Cell, numeric: boolean, scope?: 'row' | 'col'): HTMLTableCellElement {
  return el(tag, { class: numeric && 'num', 'data-col': col, 'data-value': value, scope, text });
}

export function rowKey(r: Pick<BenchRow, 'model' | 'backend' | 'graph'>): string {
  return `${r.model}|${r.backend}|${r.graph}`;
}

const HEAD = ['Model', 'Backend', 'Graph', 'Median (ms)', 'Middle half (ms)', 'Fastest–slowest (ms)', 'Images/s', '÷ deploy', 'Max rel. diff. vs deploy'];

export function benchTable(rows: readonly BenchRow[], caption: string): HTMLTableElement {
  const body = rows.map((r) =>
    el(
      'tr',
      { 'data-row': rowKey(r) },
      cell('th', [r.modelName, 'model'], false, 'row'),
      cell('td', [`${BACKEND_NAME[r.backend]} (${r.backendDetail})`, 'backend'], false),
      cell('td', [GRAPH_LABEL[r.graph], 'graph'], false),
      cell('td', [formatMs(r.medianMs), 'median_ms', r.medianMs], true),
      cell('td', [`${formatMs(r.q1Ms)}–${formatMs(r.q3Ms)}`, 'q1_q3_ms'], true),
      cell('td', [`${formatMs(r.minMs)}–${formatMs(r.maxMs)}`, 'min_max_ms'], true),
      cell('td', [formatRate(r.imagesPerSecond), 'images_per_s', r.imagesPerSecond], true),
      cell('td', [r.graph === 'deploy' ? '1' : `${r.vsDeploy.toFixed(2)}×`, 'vs_deploy', r.vsDeploy], true),
      cell('td', [r.graph === 'deploy' ? '(reference)' : formatError(r.maxRelDiff), 'max_rel_diff_vs_deploy', r.maxRelDiff], true),
    ),
  );
  return el(
    'table',
    { class: 'bench-table' },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...HEAD.map((h, i) => cell('th', [h], i >= 3, 'col')))),
    el('tbody', {}, ...body),
  );
}
