/**
 * A plain <textarea> as a code editor: monospace, no spell checking or auto-capitalizing, and Tab
 * indents (two spaces; with a selection, every selected line; Shift+Tab removes indentation).
 * A keyboard user is never trapped (tab-keys.ts): a visible checkbox "Tab moves focus" (also
 * Ctrl+M, announced) gives Tab back to the page in every editor at once and is remembered; Esc,
 * then Tab, always leaves; the hint beside the editor says so in normal type.
 */
import { el } from '../../ui/el';
import { uniqueId } from '../../ui/widgets/controls';
import { tabAction, tabAnnouncement, tabHint } from './tab-keys';

const TAB_KEY = 'repvgg-lab-tab-moves-focus';
const TAB_EVENT = 'lab-tab-mode';

function tabMovesFocus(): boolean {
  try {
    return localStorage.getItem(TAB_KEY) === 'true';
  } catch {
    return false;
  }
}

/** Sets the mode for every editor on the page (and later visits), and says so. */
function setTabMovesFocus(on: boolean): void {
  try {
    localStorage.setItem(TAB_KEY, String(on));
  } catch {
    // storage refused: the mode lasts for this page
  }
  document.dispatchEvent(new CustomEvent(TAB_EVENT, { detail: on }));
}

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
  if (!outdent && start === end) {
    insert(textarea, INDENT, start, end);
    return;
  }
  const block = value.slice(lineStart, end);
  const lines = block.split('\n');
  const changed = lines.map((line) => (outdent ? line.replace(/^ {1,2}/, '') : INDENT + line)).join('\n');
  insert(textarea, changed, lineStart, end);
  textarea.setSelectionRange(lineStart, lineStart + changed.length);
}

export function codeEditor(label: string, value: string, onInput: (value: string) => void): CodeEditor {
  const id = uniqueId('lab-code');
  const hintId = `${id}-hint`;
  const textarea = el('textarea', {
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
  let moves = tabMovesFocus();
  let escaped = false;
  const toggle = el('input', { type: 'checkbox', id: `${id}-tab`, class: 'lab-tab-toggle' });
  toggle.checked = moves;
  const hint = el('p', { id: hintId, class: 'lab-editor-hint lab-chrome', text: tabHint(moves) });
  const announce = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  document.addEventListener(TAB_EVENT, (event) => {
    moves = (event as CustomEvent<boolean>).detail;
    toggle.checked = moves;
    hint.textContent = tabHint(moves);
  });
  toggle.addEventListener('change', () => {
    setTabMovesFocus(toggle.checked);
    announce.textContent = tabAnnouncement(toggle.checked);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    const action = tabAction(event, escaped, moves);
    if (action === 'toggle') {
      event.preventDefault();
      setTabMovesFocus(!moves);
      announce.textContent = tabAnnouncement(moves);
    } else if (action === 'indent' || action === 'outdent') {
      event.preventDefault();
      indent(textarea, action === 'outdent');
    }
    if (event.key !== 'Shift') escaped = false;
  });
  textarea.addEventListener('blur', () => (escaped = false));
  textarea.addEventListener('input', () => onInput(textarea.value));
  const element = el(
    'div',
    { class: 'lab-editor' },
    el('label', { for: id, text: label }),
    hint,
    el('label', { class: 'lab-tab-mode lab-chrome', for: `${id}-tab` }, toggle, ' Tab moves focus'),
    announce,
    textarea,
    el('div', { class: 'lab-code-blank', 'aria-hidden': 'true' }),
  );
  return { element, textarea };
}
