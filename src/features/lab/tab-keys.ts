/**
 * What Tab does in a lab code editor, apart from the DOM. The usual editor convention (VS Code,
 * CodeMirror): Tab indents, and a visible toggle, "Tab moves focus" (also Ctrl+M), gives Tab back
 * to the page; Esc, then Tab, always leaves the editor whatever the toggle says.
 */
export interface TabKey {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
}

export type TabAction = 'indent' | 'outdent' | 'leave' | 'toggle' | null;

/**
 * `escaped`: Esc was the previous key in this editor. Returns what the editor does; 'leave' and
 * null let the browser handle the key (Tab moves focus on).
 */
export function tabAction(input: TabKey, escaped: boolean, tabMovesFocus: boolean): TabAction {
  if (input.ctrlKey && !input.altKey && !input.metaKey && !input.shiftKey && (input.key === 'm' || input.key === 'M')) return 'toggle';
  if (input.key !== 'Tab' || input.ctrlKey || input.altKey || input.metaKey) return null;
  if (escaped || tabMovesFocus) return 'leave';
  return input.shiftKey ? 'outdent' : 'indent';
}

/** The line beside every editor, in normal type: what Tab does now and both ways out. */
export function tabHint(tabMovesFocus: boolean): string {
  return tabMovesFocus
    ? 'Tab moves focus out of the editor (untick “Tab moves focus”, or Ctrl+M, to indent with Tab).'
    : 'Tab indents. To leave the editor: Esc, then Tab; or tick “Tab moves focus” (Ctrl+M).';
}

/** Said to screen readers when the toggle changes. */
export function tabAnnouncement(tabMovesFocus: boolean): string {
  return tabMovesFocus ? 'Tab now moves focus.' : 'Tab now indents in the code editors.';
}
