/**
 * A kernel puzzle: a grid of toggle buttons (aria-pressed), one per 3×3 kernel K[o, i]; pressed
 * means "its centre tap is 1". One tab stop for the whole grid, arrow keys move inside it
 * (Home/End to the row's ends), Space or Enter toggles: the native button's behaviour.
 */
import { judgePuzzle } from '../../lab/answers';
import type { ExerciseRecord } from '../../lab/progress';
import type { PuzzleInstance } from '../../lab/types';
import { el } from '../../ui/el';
import type { Shell } from './exercise-shell';
import { promptView } from './prompt-view';
import { uniqueId } from '../../ui/widgets/controls';

/** A drawn 3×3 kernel: nine taps, the centre one shows the state. */
function miniKernel(): HTMLElement {
  return el(
    'span',
    { class: 'lab-mini', 'aria-hidden': 'true' },
    ...Array.from({ length: 9 }, (_, k) => el('span', { class: k === 4 ? 'tap centre' : 'tap' })),
  );
}

export function mountPuzzle(shell: Shell, instance: PuzzleInstance, record: ExerciseRecord | undefined, save: (record: ExerciseRecord) => void): void {
  const askId = uniqueId('lab-ask');
  const { rows, cols } = instance;
  const pressed = new Set(record?.cells ?? []);
  const buttons: HTMLButtonElement[] = [];
  const body = el('tbody');
  for (let o = 0; o < rows; o++) {
    const tr = el('tr', {}, el('th', { scope: 'row', text: instance.rowLabels[o] }));
    for (let i = 0; i < cols; i++) {
      const cell = o * cols + i;
      const button = el(
        'button',
        { type: 'button', class: 'lab-cell', 'aria-label': `K[${o}, ${i}]`, 'aria-pressed': String(pressed.has(cell)), tabindex: cell === 0 ? 0 : -1 },
        miniKernel(),
      );
      button.addEventListener('click', () => {
        if (pressed.has(cell)) pressed.delete(cell);
        else pressed.add(cell);
        button.setAttribute('aria-pressed', String(pressed.has(cell)));
        persist();
      });
      buttons.push(button);
      tr.append(el('td', {}, button));
    }
    body.append(tr);
  }
  const grid = el(
    'table',
    { class: 'lab-puzzle-grid', 'aria-labelledby': askId },
    el('thead', {}, el('tr', {}, el('td', {}), ...instance.colLabels.map((label) => el('th', { scope: 'col', text: label })))),
    body,
  );
  grid.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const [o, i] = [Math.floor(at / cols), at % cols];
    const moves: Record<string, [number, number]> = {
      ArrowUp: [Math.max(0, o - 1), i],
      ArrowDown: [Math.min(rows - 1, o + 1), i],
      ArrowLeft: [o, Math.max(0, i - 1)],
      ArrowRight: [o, Math.min(cols - 1, i + 1)],
      Home: [o, 0],
      End: [o, cols - 1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    focusCell(move[0] * cols + move[1]);
  });
  const focusCell = (k: number): void => {
    buttons.forEach((b, j) => (b.tabIndex = j === k ? 0 : -1));
    buttons[k]!.focus();
  };

  const check = el('button', { type: 'button', class: 'lab-chrome', text: 'Check' });
  const clear = el('button', { type: 'button', class: 'lab-chrome', text: 'Clear' });
  shell.body.append(
    promptView(instance.prompt),
    el('p', { id: askId, class: 'lab-ask', text: instance.prompt.ask }),
    el('p', { class: 'lab-note lab-chrome', text: 'Arrow keys move between kernels, Space or Enter switches one on or off.' }),
    grid,
    el('div', { class: 'lab-actions' }, check, clear),
  );

  let revealed = record?.revealed === true;
  let checked = record?.cells !== undefined && record.cells.length > 0;
  const persist = (): void => save({ cells: [...pressed].sort((a, b) => a - b), ...(revealed ? { revealed } : {}) });
  const show = (announce: boolean): void => {
    const judgement = judgePuzzle(instance, [...pressed]);
    shell.feedback(judgement.verdict, judgement.message, announce);
    shell.setStatus(revealed ? 'revealed' : judgement.verdict === 'correct' ? 'solved' : 'tried');
  };
  check.addEventListener('click', () => {
    checked = true;
    persist();
    show(true);
  });
  clear.addEventListener('click', () => {
    pressed.clear();
    buttons.forEach((b) => b.setAttribute('aria-pressed', 'false'));
    persist();
    shell.feedback('info', 'Cleared.');
    shell.setStatus(revealed ? 'revealed' : 'open');
  });
  shell.addReveal(instance.answerText, revealed, () => {
    revealed = true;
    persist();
    shell.setStatus('revealed');
  });
  if (checked) show(false);
  else if (revealed) shell.setStatus('revealed');
}
