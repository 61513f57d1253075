/**
 * The paper's branch ablation (Table 6, RepVGG-B0 on ImageNet) with the row for the reader's
 * current choice of branches marked. Reported numbers, labelled as the paper's: nothing here is
 * computed, training a B0 four times takes GPU-days.
 */
import { PAPER_BRANCH_ABLATION_B0 } from '../../core/paper';
import type { BranchSet } from '../../core/paths';
import { el } from '../../ui/el';

export function paperAblationTable(keep: BranchSet): HTMLTableElement {
  const table = el('table');
  table.innerHTML =
    '<caption>RepVGG-B0 trained with different branches: ImageNet top-1 accuracy as reported in the paper (Table 6). The row for the branches switched on above is marked.</caption>' +
    '<thead><tr><th scope="col">branches in training</th><th scope="col" class="num">top-1 % (paper)</th></tr></thead>';
  const rows = PAPER_BRANCH_ABLATION_B0.map((row) => {
    const names = ['3×3', ...(row.oneByOne ? ['1×1'] : []), ...(row.identity ? ['identity'] : [])];
    const current = row.oneByOne === keep.oneByOne && row.identity === keep.identity;
    return el(
      'tr',
      { class: current && 'current', 'aria-current': current && 'true' },
      el('th', { scope: 'row', text: names.join(' + ') + (current ? ' ← this block' : '') }),
      el('td', { class: 'num', text: row.top1.toFixed(2) }),
    );
  });
  table.append(el('tbody', {}, ...rows));
  return table;
}
