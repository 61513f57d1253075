/**
 * <lab-session>: the Lab page's control panel. The lab seed (from the teacher's link, or typed),
 * the student's identifier, the completion code with what it certifies, progress export and
 * import, and printing the whole lab.
 */
import { LAB_EXERCISES } from '../../lab/catalog';
import { completionCode } from '../../lab/completion-code';
import { parseProgressFile, progressFile, solvedIds } from '../../lab/progress';
import { PRACTICE_SEED, SEED_CASE_NOTE, STUDENT_CASE_NOTE, normalizeSeed, normalizeStudent, normalizedNotice } from '../../lab/session';
import { uniqueId } from '../../ui/widgets/controls';
import { el } from '../../ui/el';
import { exerciseLabel, sessionText } from './lab-exercises';
import { printLabSheet } from './print';
import { PROGRESS_EVENT, SESSION_EVENT, activate, currentSession, loadProgress, replaceProgress, storageWorks } from './session-store';
import { siteUrl } from '../../site/base-url';
import { saveBlob } from '../../ui/save-blob';

/** A labelled text field with a button, submitted by Enter or the button (a real <form>). */
function fieldForm(
  labelText: string,
  hint: string,
  value: string,
  button: string,
  onSubmit: (value: string) => void,
): { form: HTMLFormElement; input: HTMLInputElement; error: HTMLElement } {
  const id = uniqueId('lab-field');
  const input = el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-hint ${id}-error` });
  input.value = value;
  const error = el('p', { id: `${id}-error`, class: 'lab-error', role: 'alert' });
  const form = el(
    'form',
    { class: 'lab-field control' },
    el('label', { for: id, text: labelText }),
    el('small', { id: `${id}-hint`, text: hint }),
    el('div', { class: 'lab-answer-row' }, input, el('button', { type: 'submit', text: button })),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(input.value);
  });
  return { form, input, error };
}

/** Builds the panel in `host` and keeps it up to date with the lab's session and progress. */
export function mount(host: HTMLElement): void {
  new LabSessionPanel(host).init();
}

class LabSessionPanel {
  constructor(private readonly host: HTMLElement) {}

  private status = el('p', { class: 'lab-session-line', role: 'status' });
  private code = el('output', { class: 'lab-code-output' });
  private solvedList = el('p', { class: 'lab-solved' });
  private message = el('p', { class: 'lab-error lab-panel-error', role: 'alert' });
  private note = el('p', { class: 'lab-note', role: 'status' });

  init(): void {
    const session = currentSession();
    const seed = fieldForm(
      'Lab seed',
      `From your teacher’s link (…/lab/?lab=SEED); letters, digits, - and _. ${SEED_CASE_NOTE}`,
      session.source === 'practice' ? '' : session.seed,
      'Use this seed',
      (value) => {
        const s = value.trim() === '' ? PRACTICE_SEED : normalizeSeed(value);
        if (s === null) return void (seed.error.textContent = 'A seed is 1 to 40 letters, digits, - or _.');
        seed.error.textContent = '';
        seed.input.value = s === PRACTICE_SEED && value.trim() === '' ? '' : s;
        this.note.textContent = value.trim() === '' ? '' : normalizedNotice('seed', value, s);
        activate({ seed: s, student: normalizeStudent(student.input.value) ?? '' });
      },
    );
    const student = fieldForm(
      'Your identifier',
      `Your name or student number, as your teacher asked. It stays in this browser: never in the address, which gets shared and logged. ${STUDENT_CASE_NOTE}`,
      session.student,
      'Use this identifier',
      (value) => {
        const s = normalizeStudent(value);
        if (s === null) return void (student.error.textContent = 'At most 64 characters, without control characters.');
        student.error.textContent = '';
        student.input.value = s;
        this.note.textContent = normalizedNotice('identifier', value, s);
        activate({ seed: currentSession().seed, student: s });
      },
    );
    const codeId = uniqueId('lab-code');
    this.code.id = codeId;
    const exportButton = el('button', { type: 'button', text: 'Export progress' });
    exportButton.addEventListener('click', () => this.exportProgress());
    // The file input stays hidden (its native look cannot be styled or labelled well); a button opens it.
    const importInput = el('input', { type: 'file', accept: '.json,application/json', hidden: true, class: 'lab-import-file' });
    const importButton = el('button', { type: 'button', text: 'Import progress…' });
    importButton.addEventListener('click', () => importInput.click());
    importInput.addEventListener('change', () => {
      const file = importInput.files?.[0];
      importInput.value = '';
      if (file)
        void file.text().then(
          (text) => this.importProgress(text),
          () => (this.message.textContent = 'The file could not be read.'),
        );
    });
    const print = el('button', { type: 'button', text: 'Print the whole lab sheet' });
    print.addEventListener('click', () => void printLabSheet());
    const base = siteUrl();
    this.host.replaceChildren(
      this.status,
      el('div', { class: 'controls lab-chrome' }, seed.form, student.form),
      el('div', { class: 'lab-code-box' }, el('label', { for: codeId, text: 'Completion code' }), this.code, this.solvedList),
      el(
        'div',
        { class: 'lab-actions lab-chrome' },
        exportButton,
        importButton,
        importInput,
        print,
        el('a', { href: `${base}lab/check/`, text: 'Check codes (for teachers)' }),
      ),
      this.message,
      this.note,
    );
    addEventListener(SESSION_EVENT, () => this.update());
    addEventListener(PROGRESS_EVENT, () => this.update());
    if (session.source === 'url') activate({ seed: session.seed, student: session.student }); // the chapters' "Try it" follow this lab from now on
    this.update();
  }

  private update(): void {
    const session = currentSession();
    const solved = solvedIds(session, loadProgress(session));
    const warning =
      session.invalidUrlSeed !== undefined ? ` The address’s lab seed “${session.invalidUrlSeed}” is not valid (letters, digits, - and _ only).` : '';
    this.status.textContent = `${sessionText(session)}${warning}${storageWorks ? '' : ' This browser does not let the page keep your progress: export it before you leave.'}`;
    this.host.dataset['seed'] = session.seed;
    this.host.dataset['solved'] = String(solved.length);
    if (!session.student) {
      this.code.textContent = '—';
      this.solvedList.textContent = `${solved.length} of ${LAB_EXERCISES.length} exercises solved. Enter your identifier to get a completion code.`;
      return;
    }
    this.code.textContent = completionCode(session, solved);
    const labels = LAB_EXERCISES.filter((e) => solved.includes(e.id)).map(exerciseLabel);
    this.solvedList.textContent = `${solved.length} of ${LAB_EXERCISES.length} exercises solved${labels.length ? ` (${labels.join(', ')})` : ''}. Hand in this code with your identifier; it changes as you solve more.`;
  }

  private exportProgress(): void {
    const session = currentSession();
    if (!session.student) return void (this.message.textContent = 'Enter your identifier first: the file is saved under it.');
    this.message.textContent = '';
    this.note.textContent = '';
    const file = progressFile(session, loadProgress(session), new Date());
    saveBlob(
      new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }),
      `repvgg-lab-${session.seed}-${session.student.replace(/[^\w-]+/g, '_')}.json`,
    );
  }

  private importProgress(text: string): void {
    const result = parseProgressFile(text);
    if (!result.ok) return void (this.message.textContent = result.error);
    this.message.textContent = '';
    replaceProgress(result.session, result.progress);
    activate(result.session);
    const [seedInput, studentInput] = this.host.querySelectorAll<HTMLInputElement>('.lab-field input');
    if (seedInput) seedInput.value = result.session.seed;
    if (studentInput) studentInput.value = result.session.student;
    this.note.textContent = `Imported the progress of ${sessionText({ ...result.session, source: 'url' })}`;
  }
}
