/** An exercise's statement: its text, the named values as a list, and a small table. */
import type { Prompt } from '../../lab/types';
import { h } from './dom';

export function promptView(prompt: Prompt): HTMLElement {
  const box = h('div', { class: 'lab-prompt' }, h('p', { text: prompt.text }));
  if (prompt.given) {
    box.append(h('dl', { class: 'lab-given' }, ...prompt.given.map(([name, value]) => h('div', {}, h('dt', { text: name }), h('dd', { text: value })))));
  }
  if (prompt.table) {
    const { caption, columns, rows } = prompt.table;
    const table = h(
      'table',
      { class: 'lab-table' },
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, ...columns.map((c, i) => (i === 0 && c === '' ? h('td', {}) : h('th', { scope: 'col', text: c }))))),
      h(
        'tbody',
        {},
        ...rows.map((row) => h('tr', {}, ...row.map((cell, i) => (i === 0 ? h('th', { scope: 'row', text: cell }) : h('td', { class: 'num', text: cell }))))),
      ),
    );
    box.append(table);
  }
  return box;
}
