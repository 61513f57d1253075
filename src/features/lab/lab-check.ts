/**
 * <lab-check>: the teacher's page. A code is checked by recomputing it here, from the seed, the
 * identifier and the solved-exercise mask it carries (completion-code.ts): nothing is sent
 * anywhere. One code at a time, or a CSV of many; the results can be saved as CSV. Also makes
 * the link to give the students.
 */
import { LAB_EXERCISES } from '../../lab/catalog';
import { type CodeCheck, verifyCode } from '../../lab/completion-code';
import { csvField } from '../../io/csv';
import { parseCodeRows } from '../../lab/csv';
import { SEED_CASE_NOTE, STUDENT_CASE_NOTE, normalizeSeed, normalizeStudent } from '../../lab/session';
import { uniqueId } from '../../ui/widgets/controls';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { el } from '../../ui/el';
import { exerciseLabel } from './lab-exercises';
import { siteUrl } from '../../site/base-url';

interface Row {
  readonly line: number;
  readonly seed: string;
  readonly student: string;
  readonly code: string;
  readonly check: CodeCheck;
}

export function checkOne(seedText: string, studentText: string, code: string): CodeCheck {
  const seed = normalizeSeed(seedText);
  if (seed === null) return { valid: false, reason: 'the lab seed is missing or invalid' };
  const student = normalizeStudent(studentText);
  if (!student) return { valid: false, reason: 'the identifier is missing or invalid' };
  return verifyCode({ seed, student }, code);
}

const solvedText = (check: CodeCheck): string =>
  check.valid
    ? LAB_EXERCISES.filter((e) => check.solved.includes(e.id))
        .map((e) => `${exerciseLabel(e)} ${e.title}`)
        .join('; ') || 'none'
    : '';

function field(labelText: string, extra: Record<string, string> = {}, note?: string): { box: HTMLElement; input: HTMLInputElement } {
  const id = uniqueId('check');
  const input = el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...(note ? { 'aria-describedby': `${id}-note` } : {}), ...extra });
  return {
    box: el(
      'div',
      { class: 'control' },
      el('label', { for: id, text: labelText }),
      input,
      note ? el('p', { id: `${id}-note`, class: 'lab-case-note', text: note }) : null,
    ),
    input,
  };
}

/** Builds the teacher's checker in `host`. */
export function mount(host: HTMLElement): void {
  new LabCheck(host).init();
}

class LabCheck {
  private rows: Row[] = [];

  constructor(private readonly host: HTMLElement) {}

  init(): void {
    const seed = field('Lab seed', {}, SEED_CASE_NOTE);
    seed.input.value = new URLSearchParams(location.search).get('lab') ?? '';
    const student = field('Student identifier', {}, STUDENT_CASE_NOTE);
    const code = field('Completion code', { placeholder: '1003-F7Q3-M9DX' });
    const result = el('p', { class: 'lab-check-result', role: 'status' });
    const single = el(
      'form',
      { class: 'lab-check-single' },
      el('div', { class: 'controls' }, seed.box, student.box, code.box),
      el('button', { type: 'submit', class: 'primary', text: 'Check this code' }),
      result,
    );
    single.addEventListener('submit', (event) => {
      event.preventDefault();
      const check = checkOne(seed.input.value, student.input.value, code.input.value);
      result.dataset['valid'] = String(check.valid);
      result.textContent = check.valid
        ? `Valid: ${check.solved.length} of ${check.total} exercises solved: ${solvedText(check)}.`
        : `Not valid: ${check.reason}.`;
    });

    const csvId = uniqueId('check-csv');
    const csv = el('textarea', { id: csvId, rows: 6, class: 'lab-csv', spellcheck: 'false', 'aria-describedby': `${csvId}-hint` });
    const file = el('input', { type: 'file', accept: '.csv,.txt,text/csv,text/plain', hidden: true });
    const open = el('button', { type: 'button', text: 'Load a CSV file…' });
    open.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (f) void f.text().then((text) => ((csv.value = text), this.checkAll(csv.value, table, error)));
    });
    const run = el('button', { type: 'button', class: 'primary', text: 'Check all' });
    const save = el('button', { type: 'button', text: 'Save the results as CSV' });
    const table = scrollRegion(el('div', { class: 'lab-check-table' }), 'Results');
    const error = el('p', { class: 'lab-error', role: 'alert' });
    run.addEventListener('click', () => this.checkAll(csv.value, table, error));
    save.addEventListener('click', () => this.saveCsv());

    const linkSeed = field('Seed for a new lab');
    const link = el('output', { class: 'lab-link' });
    const make = el('button', { type: 'button', text: 'Make the link' });
    const random = el('button', { type: 'button', text: 'Random seed' });
    const base = siteUrl();
    const showLink = (): void => {
      const s = normalizeSeed(linkSeed.input.value);
      link.textContent = s === null ? 'A seed is 1 to 40 letters, digits, - or _.' : new URL(`${base}lab/?lab=${s}`, location.href).href;
    };
    make.addEventListener('click', showLink);
    random.addEventListener('click', () => {
      const words = crypto.getRandomValues(new Uint32Array(2));
      linkSeed.input.value = `lab-${words[0]!.toString(36)}${words[1]!.toString(36)}`.slice(0, 16);
      showLink();
    });

    this.host.replaceChildren(
      el('h2', { text: 'One code' }),
      single,
      el('h2', { text: 'Many codes' }),
      el(
        'div',
        { class: 'lab-editor' },
        el('label', { for: csvId, text: 'Codes, one student a line: seed, identifier, code' }),
        el('small', {
          id: `${csvId}-hint`,
          class: 'lab-note',
          text: 'Comma, semicolon or tab separated; a header line naming the columns (seed, identifier, code) is optional. Quoted fields are fine.',
        }),
        csv,
      ),
      el('div', { class: 'lab-actions' }, run, open, file, save),
      error,
      table,
      el('h2', { text: 'A link for a new lab' }),
      el('p', { text: 'Every seed gives every student different numbers. Give the class the link; each student enters their identifier on the Lab page.' }),
      el('div', { class: 'controls' }, linkSeed.box),
      el('div', { class: 'lab-actions' }, make, random),
      el('p', {}, link),
    );
  }

  private checkAll(text: string, table: HTMLElement, error: HTMLElement): void {
    const parsed = parseCodeRows(text);
    error.textContent = parsed.error ?? (parsed.rows.length === 0 ? 'Paste or load at least one line: seed, identifier, code.' : '');
    this.rows = parsed.rows.map((r) => ({ ...r, check: checkOne(r.seed, r.student, r.code) }));
    const valid = this.rows.filter((r) => r.check.valid).length;
    table.replaceChildren(
      el(
        'table',
        {},
        el('caption', { text: `${valid} of ${this.rows.length} codes valid` }),
        el(
          'thead',
          {},
          el('tr', {}, ...['line', 'seed', 'identifier', 'code', 'result', 'solved', 'exercises'].map((c) => el('th', { scope: 'col', text: c }))),
        ),
        el(
          'tbody',
          {},
          ...this.rows.map((r) =>
            el(
              'tr',
              { 'data-valid': String(r.check.valid) },
              el('td', { class: 'num', text: String(r.line) }),
              el('td', { text: r.seed }),
              el('td', { text: r.student }),
              el('td', { text: r.code }),
              el('td', { text: r.check.valid ? 'valid' : `not valid: ${r.check.reason}` }),
              el('td', { class: 'num', text: r.check.valid ? `${r.check.solved.length}/${r.check.total}` : '' }),
              el('td', { text: solvedText(r.check) }),
            ),
          ),
        ),
      ),
    );
  }

  private saveCsv(): void {
    const lines = [['seed', 'identifier', 'code', 'valid', 'solved', 'of', 'exercises', 'reason']];
    for (const r of this.rows) {
      lines.push([
        r.seed,
        r.student,
        r.code,
        String(r.check.valid),
        r.check.valid ? String(r.check.solved.length) : '',
        r.check.valid ? String(r.check.total) : '',
        solvedText(r.check),
        r.check.valid ? '' : r.check.reason,
      ]);
    }
    const url = URL.createObjectURL(new Blob([`${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`], { type: 'text/csv' }));
    const a = el('a', { href: url, download: 'lab-codes-checked.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
