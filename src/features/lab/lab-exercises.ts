/**
 * <lab-exercises data-exercises="bn-t,bn-bias" data-sheet="Chapter 1 · BN folding">: a lab sheet
 * of exercises with the current student's numbers. The same element serves the chapters' "Try it"
 * sections and the Lab page; it redraws when the seed or the identifier changes, and saves every
 * response to the student's progress.
 */
import { type Exercise, LAB_EXERCISES, exerciseById } from '../../lab/catalog';
import type { ExerciseRecord } from '../../lab/progress';
import type { LabSession } from '../../lab/session';
import { chapters } from '../../site/chapters';
import { mountCode } from './code-view';
import { el } from '../../ui/el';
import { exerciseShell } from './exercise-shell';
import { mountNumeric } from './numeric-view';
import { printLabSheet } from './print';
import { mountPuzzle } from './puzzle-view';
import { type CurrentSession, SESSION_EVENT, currentSession, loadProgress, saveRecord } from './session-store';
import { siteUrl } from '../../site/base-url';

/** "1.2": chapter number, then the exercise's place among that chapter's, the same on every page. */
export function exerciseLabel(exercise: Exercise): string {
  const chapter = chapters.find((c) => c.slug === exercise.chapter)?.number ?? 0;
  const place = LAB_EXERCISES.filter((e) => e.chapter === exercise.chapter).indexOf(exercise) + 1;
  return `${chapter}.${place}`;
}

export function sessionText(session: CurrentSession): string {
  if (session.source === 'practice') return 'Practice numbers: no lab seed. For a class lab, open the link your teacher gave you.';
  return `Lab “${session.seed}”, ${session.student ? `student “${session.student}”` : 'no identifier yet'}.`;
}

function mountExercise(exercise: Exercise, session: LabSession, heading: 3 | 4): HTMLElement {
  const shell = exerciseShell(exercise, exerciseLabel(exercise), heading);
  const record = loadProgress(session)[exercise.id];
  const save = (r: ExerciseRecord): void => saveRecord(session, exercise.id, r);
  if (exercise.kind === 'numeric') mountNumeric(shell, exercise.generate(session), record, save);
  else if (exercise.kind === 'kernel-puzzle') mountPuzzle(shell, exercise.generate(session), record, save);
  else mountCode(shell, exercise, session, record, save);
  return shell.section;
}

/** Draws the sheet for the current student, and again whenever the seed or the identifier changes. */
export function mount(host: HTMLElement): void {
  render(host);
  addEventListener(SESSION_EVENT, () => {
    if (host.isConnected) render(host);
  });
}

function render(host: HTMLElement): void {
  const ids = (host.dataset['exercises'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const exercises = ids.map((id) => {
    const exercise = exerciseById(id);
    if (!exercise) throw new Error(`unknown lab exercise “${id}”`);
    return exercise;
  });
  const session = currentSession();
  const heading = host.dataset['heading'] === '4' ? 4 : 3;
  const base = siteUrl();
  const print = el('button', { type: 'button', class: 'lab-chrome', text: 'Print this lab sheet' });
  print.addEventListener('click', () => void printLabSheet(host));
  host.replaceChildren(
    el('p', { class: 'lab-sheet-title lab-print-only', text: `Lab sheet · ${host.dataset['sheet'] ?? 'RepVGG Notebook'}` }),
    el(
      'p',
      { class: 'lab-session-line' },
      sessionText(session),
      host.dataset['context'] === 'chapter'
        ? el('span', { class: 'lab-chrome' }, ' Identifier, progress and completion code: ', el('a', { href: `${base}lab/`, text: 'the Lab page' }), '.')
        : null,
    ),
    ...(session.student ? [] : [el('p', { class: 'lab-print-only lab-name-line', text: 'Name: ' })]),
    ...exercises.map((e) => mountExercise(e, session, heading)),
    el('div', { class: 'lab-actions lab-chrome lab-sheet-actions' }, print),
  );
}
