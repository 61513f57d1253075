/**
 * A plain <textarea> as a code editor: monospace, no spell checking or auto-capitalizing, and Tab
 * indents (two spaces; with a selection, every selected line; Shift+Tab removes indentation).
 * A keyboard user is never trapped: Esc, then Tab (or Shift+Tab), moves focus on as usual, and
 * the hint under the label says so.
 */
import { h } from './dom';
import { uniqueId } from '../widget-dom';

const INDENT = '  ';

export interface CodeEditor {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
}

/** Replaces the selection like typing would (keeps the browser's undo history where it can). */
function insert(textarea: HTMLTextAreaElement, text: string, start: number, end: number): void {
  textarea.setSelectionRange(start, end);
  // execCommand is deprecated but still the only way to edit a textarea that the undo stack sees.
  const exec = (document as unknown as { execCommand?: (command: string, ui: boolean, value: string) => boolean }).execCommand;
  if (!exec?.call(document, 'insertText', false, text)) {
    textarea.setRangeText(text, start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

function indent(textarea: HTMLTextAreaElement, outdent: boolean): void {
  const { value, selectionStart: start, selectionEnd: end } = textarea;
  const lineStart = value.lastIndexOf('\n', start - 1) + 1;
  if (!outdent && start === end) return insert(textarea, INDENT, start, end);
  const block = value.slice(lineStart, end);
  const lines = block.split('\n');
  const changed = lines.map((line) => (outdent ? line.replace(/^ {1,2}/, '') : INDENT + line)).join('\n');
  insert(textarea, changed, lineStart, end);
  textarea.setSelectionRange(lineStart, lineStart + changed.length);
}

export function codeEditor(label: string, value: string, onInput: (value: string) => void): CodeEditor {
  const id = uniqueId('lab-code');
  const hintId = `${id}-hint`;
  const textarea = h('textarea', {
    id,
    class: 'lab-code',
    rows: Math.min(24, Math.max(10, value.split('\n').length + 2)),
    spellcheck: 'false',
    autocapitalize: 'off',
    autocomplete: 'off',
    autocorrect: 'off',
    wrap: 'off',
    'aria-describedby': hintId,
  });
  textarea.value = value;
  let escaped = false;
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    if (event.key === 'Tab' && !escaped && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      indent(textarea, event.shiftKey);
    }
    if (event.key !== 'Shift') escaped = false;
  });
  textarea.addEventListener('blur', () => (escaped = false));
  textarea.addEventListener('input', () => onInput(textarea.value));
  const element = h(
    'div',
    { class: 'lab-editor' },
    h('label', { for: id, text: label }),
    h('small', {
      id: hintId,
      class: 'lab-note lab-chrome',
      text: 'JavaScript or TypeScript (types are removed before it runs, not checked). Tab indents; press Esc, then Tab, to leave the editor.',
    }),
    textarea,
    h('div', { class: 'lab-code-blank', 'aria-hidden': 'true' }),
  );
  return { element, textarea };
}
