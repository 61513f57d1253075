/** An exercise's statement: its text, the named values as a list, and a small table. */
import type { Prompt } from '../../lab/types';
import { el } from '../../ui/el';

export function promptView(prompt: Prompt): HTMLElement {
  const box = el('div', { class: 'lab-prompt' }, el('p', { text: prompt.text }));
  if (prompt.given) {
    box.append(el('dl', { class: 'lab-given' }, ...prompt.given.map(([name, value]) => el('div', {}, el('dt', { text: name }), el('dd', { text: value })))));
  }
  if (prompt.table) {
    const { caption, columns, rows } = prompt.table;
    const table = el(
      'table',
      { class: 'lab-table' },
      el('caption', { text: caption }),
      el('thead', {}, el('tr', {}, ...columns.map((c, i) => (i === 0 && c === '' ? el('td', {}) : el('th', { scope: 'col', text: c }))))),
      el(
        'tbody',
        {},
        ...rows.map((row) =>
          el('tr', {}, ...row.map((cell, i) => (i === 0 ? el('th', { scope: 'row', text: cell }) : el('td', { class: 'num', text: cell })))),
        ),
      ),
    );
    box.append(table);
  }
  return box;
}
