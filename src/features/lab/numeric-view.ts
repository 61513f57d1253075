/** A numeric question: one labelled field, checked on Enter or with the button, instantly and locally. */
import { judgeNumeric } from '../../lab/answers';
import type { ExerciseRecord } from '../../lab/progress';
import type { NumericInstance } from '../../lab/types';
import { el } from '../../ui/el';
import type { Shell } from './exercise-shell';
import { promptView } from './prompt-view';
import { uniqueId } from '../../ui/widgets/controls';

export function mountNumeric(shell: Shell, instance: NumericInstance, record: ExerciseRecord | undefined, save: (record: ExerciseRecord) => void): void {
  const inputId = uniqueId('lab-answer');
  const noteId = `${inputId}-note`;
  const input = el('input', {
    id: inputId,
    type: 'text',
    inputmode: instance.integer ? 'numeric' : 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': noteId,
    class: 'lab-input',
  });
  input.value = record?.response ?? '';
  const check = el('button', { type: 'button', class: 'lab-chrome', text: 'Check' });
  const note = el('small', { id: noteId, class: 'lab-note', text: `Accepted: ${instance.toleranceText}.` });
  shell.body.append(
    promptView(instance.prompt),
    el(
      'div',
      { class: 'lab-answer' },
      el('label', { for: inputId, text: instance.prompt.ask }),
      el('div', { class: 'lab-answer-row' }, input, el('span', { class: 'lab-blank', 'aria-hidden': 'true' }), check),
      note,
    ),
  );

  let revealed = record?.revealed === true;
  const show = (announce: boolean): void => {
    if (input.value.trim() === '') {
      shell.setStatus(revealed ? 'revealed' : 'open');
      return;
    }
    const judgement = judgeNumeric(instance, input.value);
    // aria-invalid for what cannot be read as a number; a wrong value is said in the feedback line.
    input.setAttribute('aria-invalid', String(judgement.verdict === 'invalid'));
    shell.feedback(judgement.verdict, judgement.message, announce);
    shell.setStatus(revealed ? 'revealed' : judgement.verdict === 'correct' ? 'solved' : 'tried');
  };
  const submit = (): void => {
    save({ response: input.value.trim(), ...(revealed ? { revealed } : {}) });
    show(true);
  };
  check.addEventListener('click', submit);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') submit();
  });
  shell.addReveal(instance.answerText, revealed, () => {
    revealed = true;
    save({ response: input.value.trim(), revealed });
    show(false);
    shell.setStatus('revealed');
  });
  show(false);
}
