/**
 * The family table as a DOM table: computed counts beside the paper's printed digits. Cells carry
 * data-col names so tests read them without depending on column order.
 */
import { el } from '../../ui/el';
import { formatCount } from '../../ui/viz/format';
import type { FamilyRow } from '../../core/family-rows';

export interface FamilyTableOptions {
  /** Show exact integer counts instead of the paper-style rounding. */
  readonly exact?: boolean;
  /** Row id to mark as selected (aria-current), e.g. "B1g2". */
  readonly selected?: string;
}

const NOT_REPORTED = '—';

export function familyTable(rows: readonly FamilyRow[], options: FamilyTableOptions = {}): HTMLTableElement {
  const table = el('table', { class: 'family-table' });
  table.append(
    el(
      'caption',
      { class: 'present-secondary' }, // on a slide the speaker says it; More shows it
      options.exact
        ? 'Exact counts computed by this notebook, beside the paper\u2019s printed values (paper).'
        : 'Counts computed by this notebook, printed the way the paper prints them (params truncated to 0.01 M, FLOPs and Wino MULs rounded to 0.1 B), beside the paper\u2019s printed values (paper).',
    ),
  );

  const thead = el('thead');
  const top = el('tr');
  const groupHead = (text: string, span: number, className?: string) => {
    const th = el('th', { class: className, text });
    th.scope = 'colgroup';
    th.colSpan = span;
    return th;
  };
  const variantHead = el('th', { text: 'Variant' });
  variantHead.scope = 'col';
  variantHead.rowSpan = 2;
  top.append(
    variantHead,
    groupHead(options.exact ? 'Params' : 'Params (M)', 2, 'num'),
    groupHead(options.exact ? 'FLOPs' : 'FLOPs (B)', 2, 'num'),
    groupHead(options.exact ? 'Wino MULs' : 'Wino MULs (B)', 2, 'num'),
    groupHead('Reported by the paper', 2, 'num paper'),
    groupHead('Same digits?', 1),
  );
  const sub = el('tr');
  const subHead = (text: string, className = 'num') => {
    const th = el('th', { class: className, text });
    th.scope = 'col';
    return th;
  };
  for (let i = 0; i < 3; i++) sub.append(subHead('here'), subHead('(paper)', 'num paper'));
  sub.append(subHead('Top-1 % (paper)', 'num paper'), subHead('Speed, img/s (paper)', 'num paper'), subHead('', ''));
  thead.append(top, sub);

  const tbody = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    tr.dataset['variant'] = row.id;
    if (row.id === options.selected) tr.setAttribute('aria-current', 'true');
    const name = el('th', { text: row.variant });
    name.scope = 'row';
    tr.append(name);
    const cell = (col: string, text: string, className = 'num') => {
      const td = el('td', { class: className, text });
      td.dataset['col'] = col;
      tr.append(td);
    };
    const paper = row.paper;
    cell('params', options.exact ? formatCount(row.deployParams) : row.computed.paramsM);
    cell('params-paper', paper?.paramsM ?? NOT_REPORTED, 'num paper');
    cell('flops', options.exact ? formatCount(row.flops) : row.computed.flopsB);
    cell('flops-paper', paper?.flopsB ?? NOT_REPORTED, 'num paper');
    cell('wino', options.exact ? formatCount(row.winoMuls) : row.computed.winoMulsB);
    cell('wino-paper', paper?.winoMulsB ?? NOT_REPORTED, 'num paper');
    cell('top1-paper', paper ? paper.accuracy.map((a) => (a.epochs === 200 ? `${a.top1} (200 ep)` : a.top1)).join(' · ') : NOT_REPORTED, 'num paper');
    cell('speed-paper', paper?.speed ?? NOT_REPORTED, 'num paper');
    const verdict = row.matchesPaper === null ? 'not in the paper' : row.matchesPaper ? '✓ yes' : '✗ no';
    cell('match', verdict, row.matchesPaper === null ? 'muted' : row.matchesPaper ? 'ok' : 'bad');
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return table;
}
