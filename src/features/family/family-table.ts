/**
 * <family-table>: the 13 variants, counted here, beside the paper. One option: exact integers
 * instead of the paper's rounding (URL: family.exact=1).
 */
import { el } from '../../ui/el';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { UrlState } from '../../ui/url-state';
import { familyTable } from './family-table-view';
import { familyRows } from '../../core/family-rows';

export function mount(host: HTMLElement): void {
  const state = new UrlState('family');
  const rows = familyRows();

  const exact = el('input', { type: 'checkbox', checked: state.flag('exact') });
  const controls = el('div', { class: 'options' }, el('label', { class: 'inline' }, exact, ' Show exact counts instead of the paper\u2019s rounding'));

  const scroll = scrollRegion(el('div'), 'RepVGG family table (scrolls sideways)');

  const reported = rows.filter((r) => r.matchesPaper !== null);
  const same = reported.filter((r) => r.matchesPaper);
  const verdict = el('span', { class: same.length === reported.length ? 'ok' : 'bad', text: `${same.length} of ${reported.length}` });
  const readout = el(
    'p',
    { class: 'readout', 'aria-live': 'polite' },
    `${rows.length} variants counted. `,
    verdict,
    ` variants the paper reports print the same params, FLOPs and Wino MULs digits here; ${rows.length - reported.length} (${rows
      .filter((r) => r.matchesPaper === null)
      .map((r) => r.id)
      .join(', ')}) are not in its tables.`,
  );

  const render = () => {
    scroll.replaceChildren(familyTable(rows, { exact: exact.checked }));
    host.dataset['exact'] = String(exact.checked);
  };
  exact.addEventListener('change', () => {
    state.set({ exact: exact.checked ? true : null });
    render();
  });
  render();
  host.append(controls, scroll, readout);
}
