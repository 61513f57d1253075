/**
 * The frame every exercise shares: a heading with a status badge, the body, the feedback line
 * (a polite live region: a verdict is announced, not shouted) and "Show the answer".
 */
import type { Exercise } from '../../lab/catalog';
import type { Verdict } from '../../lab/types';
import { el } from '../../ui/el';
import { uniqueId } from '../../ui/widgets/controls';

export type Status = 'open' | 'tried' | 'solved' | 'revealed';

const BADGES: Record<Status, string> = { open: '', tried: 'not yet', solved: 'solved ✓', revealed: 'answer shown' };

export interface Shell {
  readonly section: HTMLElement;
  readonly body: HTMLElement;
  setStatus(status: Status): void;
  /** `announce` false: restore a saved verdict without speaking it. */
  feedback(verdict: Verdict | 'info', message: string, announce?: boolean): void;
  /** "Show the answer" (collapsed); opening it calls onReveal once. */
  addReveal(answerText: string, revealed: boolean, onReveal: () => void): void;
}

export function exerciseShell(exercise: Exercise, label: string, headingLevel: 3 | 4): Shell {
  const id = uniqueId(`lab-${exercise.id}`);
  const badge = el('span', { class: 'lab-badge' });
  const heading = el(`h${headingLevel}`, { id, class: 'lab-title' }, el('span', { class: 'lab-number', text: label }), ` ${exercise.title} `, badge);
  const body = el('div', { class: 'lab-body' });
  const live = el('p', { class: 'lab-feedback', role: 'status', 'aria-live': 'polite' });
  const section = el(
    'section',
    { class: 'lab-exercise', 'data-exercise': exercise.id, 'data-kind': exercise.kind, 'aria-labelledby': id },
    heading,
    body,
    live,
  );
  const shell: Shell = {
    section,
    body,
    setStatus(status) {
      section.dataset['status'] = status;
      badge.textContent = BADGES[status];
      badge.hidden = status === 'open';
    },
    feedback(verdict, message, announce = true) {
      live.dataset['verdict'] = verdict;
      // A live region speaks changes only: restoring a saved state writes it with the region muted.
      if (!announce) live.setAttribute('aria-live', 'off');
      live.textContent = message;
      if (!announce) queueMicrotask(() => live.setAttribute('aria-live', 'polite'));
    },
    addReveal(answerText, revealed, onReveal) {
      const details = el(
        'details',
        { class: 'lab-reveal lab-chrome' },
        el('summary', { text: 'Show the answer (it then no longer counts as solved)' }),
        el('p', { text: answerText }),
      );
      details.open = revealed;
      details.addEventListener('toggle', () => {
        if (details.open) onReveal();
      });
      section.insertBefore(details, live.nextSibling);
    },
  };
  shell.setStatus('open');
  return shell;
}
