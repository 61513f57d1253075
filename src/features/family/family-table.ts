/**
 * <family-table>: the 13 variants, counted here, beside the paper. One option: exact integers
 * instead of the paper's rounding (URL: family.exact=1).
 */
import { scrollRegion } from '../../ui/viz/scroll-region';
import { UrlState } from '../../ui/url-state';
import { familyTable } from './family-table-view';
import { familyRows } from '../../core/family-rows';

export function mount(host: HTMLElement): void {
  const state = new UrlState('family');
  const rows = familyRows();

  const controls = document.createElement('div');
  controls.className = 'options';
  const label = document.createElement('label');
  label.className = 'inline';
  const exact = document.createElement('input');
  exact.type = 'checkbox';
  exact.checked = state.flag('exact');
  label.append(exact, ' Show exact counts instead of the paper\u2019s rounding');
  controls.append(label);

  const scroll = scrollRegion(document.createElement('div'), 'RepVGG family table (scrolls sideways)');

  const reported = rows.filter((r) => r.matchesPaper !== null);
  const same = reported.filter((r) => r.matchesPaper);
  const readout = document.createElement('p');
  readout.className = 'readout';
  readout.setAttribute('aria-live', 'polite');
  const verdict = document.createElement('span');
  verdict.className = same.length === reported.length ? 'ok' : 'bad';
  verdict.textContent = `${same.length} of ${reported.length}`;
  readout.append(
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
