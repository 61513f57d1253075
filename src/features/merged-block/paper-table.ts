/**
 * The paper's branch ablation (Table 6, RepVGG-B0 on ImageNet) with the row for the reader's
 * current choice of branches marked. Reported numbers, labelled as the paper's: nothing here is
 * computed, training a B0 four times takes GPU-days.
 */
import { PAPER_BRANCH_ABLATION_B0 } from '../../core/paper';
import type { BranchSet } from '../../core/paths';

export function paperAblationTable(keep: BranchSet): HTMLTableElement {
  const table = document.createElement('table');
  table.innerHTML =
    '<caption>RepVGG-B0 trained with different branches: ImageNet top-1 accuracy as reported in the paper (Table 6). The row for the branches switched on above is marked.</caption>' +
    '<thead><tr><th scope="col">branches in training</th><th scope="col" class="num">top-1 % (paper)</th></tr></thead>';
  const tbody = document.createElement('tbody');
  for (const row of PAPER_BRANCH_ABLATION_B0) {
    const names = ['3×3', ...(row.oneByOne ? ['1×1'] : []), ...(row.identity ? ['identity'] : [])];
    const current = row.oneByOne === keep.oneByOne && row.identity === keep.identity;
    const tr = document.createElement('tr');
    if (current) {
      tr.className = 'current';
      tr.setAttribute('aria-current', 'true');
    }
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = names.join(' + ') + (current ? ' ← this block' : '');
    const td = document.createElement('td');
    td.className = 'num';
    td.textContent = row.top1.toFixed(2);
    tr.append(th, td);
    tbody.append(tr);
  }
  table.append(tbody);
  return table;
}
