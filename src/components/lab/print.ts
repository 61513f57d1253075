/**
 * Printing a lab sheet. "Print this lab sheet" marks the page (html[data-print="lab-sheet"], and
 * the one widget to print, if only one) so the print stylesheet keeps just the exercises, then
 * opens the browser's print dialog. Ctrl+P works too: every lab widget on the page is drawn before
 * printing (widgets otherwise wait to scroll into view), and the print stylesheet hides the
 * navigation and the interactive parts and turns answer fields into blanks (lab.css).
 */
import type { LazyWidget } from '../lazy-widget';

const LAB_WIDGETS = 'lab-exercises, lab-session';

function startAll(): void {
  document.querySelectorAll<LazyWidget>(LAB_WIDGETS).forEach((w) => w.startNow());
}

let listening = false;
/** Once per page: draw every lab widget when the browser is about to print. */
export function prepareForPrinting(): void {
  if (listening) return;
  listening = true;
  addEventListener('beforeprint', startAll);
}

/** `only`: print this widget's sheet alone (a chapter's); otherwise every lab widget of the page. */
export function printLabSheet(only?: HTMLElement): void {
  startAll();
  const root = document.documentElement;
  root.dataset['print'] = 'lab-sheet';
  only?.setAttribute('data-print-target', '');
  addEventListener(
    'afterprint',
    () => {
      delete root.dataset['print'];
      only?.removeAttribute('data-print-target');
    },
    { once: true },
  );
  window.print();
}
