import { describe, expect, it } from 'vitest';
import { tabAction, tabAnnouncement, tabHint } from '../../../src/features/lab/tab-keys';

describe('lab code editors: Tab never traps a keyboard user', () => {
  it('Tab indents and Shift+Tab outdents by default; Esc then Tab always leaves', () => {
    expect(tabAction({ key: 'Tab' }, false, false)).toBe('indent');
    expect(tabAction({ key: 'Tab', shiftKey: true }, false, false)).toBe('outdent');
    expect(tabAction({ key: 'Tab' }, true, false)).toBe('leave');
    expect(tabAction({ key: 'Tab', shiftKey: true }, true, false)).toBe('leave');
  });

  it('with "Tab moves focus" on, Tab and Shift+Tab leave; Ctrl+M toggles; other keys are the textarea’s', () => {
    expect(tabAction({ key: 'Tab' }, false, true)).toBe('leave');
    expect(tabAction({ key: 'Tab', shiftKey: true }, false, true)).toBe('leave');
    expect(tabAction({ key: 'm', ctrlKey: true }, false, false)).toBe('toggle');
    expect(tabAction({ key: 'M', ctrlKey: true, shiftKey: true }, false, false)).toBeNull();
    expect(tabAction({ key: 'Tab', ctrlKey: true }, false, false)).toBeNull(); // the browser's tab switching
    expect(tabAction({ key: 'a' }, false, false)).toBeNull();
  });

  it('the hint names both ways out, and says what Tab does now', () => {
    expect(tabHint(false)).toMatch(/Tab indents.*Esc, then Tab.*“Tab moves focus” \(Ctrl\+M\)/);
    expect(tabHint(true)).toMatch(/^Tab moves focus/);
    expect(tabAnnouncement(true)).toBe('Tab now moves focus.');
  });
});
