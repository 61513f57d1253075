/**
 * A code exercise: the statement, an editor, and a run in the sandbox worker against the
 * student's own randomized cases, judged here against src/core's reference. Shows one line per
 * case and the first failure (input, expected, got, or the error).
 */
import type { CodeExercise } from '../../lab/code/types';
import { type CodeReport, judgeRun } from '../../lab/code/judge';
import type { ExerciseRecord } from '../../lab/progress';
import type { LabSession } from '../../lab/session';
import { codeEditor } from './code-editor';
import { el } from '../../ui/el';
import type { Shell } from './exercise-shell';
import { type SandboxOutcome, type SandboxRun, runInSandbox } from './sandbox/run-sandbox';

const STATUS_TEXT = { pass: 'passes', fail: 'wrong result', error: 'threw an error', 'not run': 'not run' } as const;

function reportView(report: CodeReport): HTMLElement {
  const list = el(
    'ol',
    { class: 'lab-cases', 'aria-label': 'Test cases' },
    ...report.cases.map((c) =>
      el(
        'li',
        { 'data-status': c.status },
        el('span', { class: 'lab-case-mark', 'aria-hidden': 'true', text: c.status === 'pass' ? '✓' : '✗' }),
        ` ${c.label}: ${STATUS_TEXT[c.status]}`,
      ),
    ),
  );
  const box = el('div', { class: 'lab-report' }, list);
  const f = report.firstFailure;
  if (f) {
    const rows: [string, string][] = [['input', f.input]];
    if (f.where) rows.push(['at', f.where], ['expected', f.expected ?? ''], ['got', f.got ?? '']);
    if (f.error) rows.push(['problem', f.error]);
    box.append(
      el('p', { class: 'lab-first-failure', text: `First failure: case ${f.index + 1} (${f.label})` }),
      el('dl', { class: 'lab-mismatch' }, ...rows.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', {}, el('code', { text: v }))))),
    );
  }
  return box;
}

export function mountCode(
  shell: Shell,
  exercise: CodeExercise,
  session: LabSession,
  record: ExerciseRecord | undefined,
  save: (record: ExerciseRecord) => void,
): void {
  let passed = record?.passed === true;
  // Code exercises have no "Show the answer": the reference is the notebook's own src/core.
  const revealed = record?.revealed === true;
  let code = record?.code ?? exercise.starter;
  const persist = (): void => save({ code, passed, ...(revealed ? { revealed } : {}) });
  const editor = codeEditor(`Your ${exercise.fnName} (JavaScript or TypeScript)`, code, (value) => {
    code = value;
    if (passed) {
      passed = false;
      shell.setStatus(revealed ? 'revealed' : 'tried');
      shell.feedback('info', 'Edited since the last run: run the tests again.', false);
    }
    persist();
  });
  const runButton = el('button', { type: 'button', class: 'primary lab-chrome', text: 'Run the tests' });
  const reset = el('button', { type: 'button', class: 'lab-chrome', text: 'Start again from the template' });
  const results = el('div', { class: 'lab-results' });
  shell.body.append(
    el('p', {}, 'Write ', el('code', { text: exercise.signature }), '.'),
    ...exercise.statement.map((p) => el('p', { text: p })),
    editor.element,
    el('div', { class: 'lab-actions lab-chrome' }, runButton, reset),
  );
  shell.section.append(results); // after the verdict line: "3 of 8 cases pass", then the details

  let running: SandboxRun | null = null;
  const finish = (outcome: SandboxOutcome): void => {
    running = null;
    runButton.textContent = 'Run the tests';
    shell.section.removeAttribute('aria-busy');
    const cases = exercise.cases(session);
    if (outcome.kind === 'finished' || outcome.kind === 'timeout') {
      const stopped = outcome.kind === 'timeout' ? `stopped: the tests took longer than ${outcome.limitMs / 1000} s (an endless loop?)` : 'did not run';
      const report = judgeRun(exercise, cases, outcome.cases, stopped);
      passed = report.passed === report.total;
      results.replaceChildren(reportView(report));
      const summary = `${report.passed} of ${report.total} cases pass.`;
      shell.feedback(
        passed ? 'correct' : 'incorrect',
        outcome.kind === 'timeout'
          ? `Stopped after ${outcome.limitMs / 1000} s: your code did not finish (an endless loop?). ${summary}`
          : passed
            ? `All ${report.total} cases pass.`
            : summary,
      );
    } else {
      passed = false;
      results.replaceChildren();
      shell.feedback('incorrect', outcome.line !== undefined ? `${outcome.message} (line ${outcome.line} of your code)` : outcome.message);
    }
    shell.section.dataset['run'] = outcome.kind;
    shell.setStatus(revealed ? 'revealed' : passed ? 'solved' : 'tried');
    persist();
  };
  runButton.addEventListener('click', () => {
    if (running) return running.cancel();
    const cases = exercise.cases(session);
    running = runInSandbox({ source: code, fnName: exercise.fnName, cases: cases.map((c) => c.args) });
    runButton.textContent = 'Stop';
    shell.section.setAttribute('aria-busy', 'true');
    shell.section.dataset['run'] = 'running';
    shell.feedback('info', 'Running your code in the sandbox…');
    void running.done.then(finish);
  });
  // Two clicks to throw away an hour of work: the first one only asks.
  let armed = 0;
  reset.addEventListener('click', () => {
    if (!armed) {
      reset.textContent = 'Click again to replace your code with the template';
      armed = window.setTimeout(() => {
        armed = 0;
        reset.textContent = 'Start again from the template';
      }, 4000);
      return;
    }
    clearTimeout(armed);
    armed = 0;
    reset.textContent = 'Start again from the template';
    editor.textarea.value = exercise.starter;
    editor.textarea.dispatchEvent(new Event('input'));
  });
  if (record?.code !== undefined) {
    shell.setStatus(revealed ? 'revealed' : passed ? 'solved' : 'tried');
    if (passed) shell.feedback('correct', 'Your saved code passed every case when it last ran.', false);
  }
}
