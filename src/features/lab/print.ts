/**
 * Printing a lab sheet. "Print this lab sheet" marks the page (html[data-print="lab-sheet"], and
 * the one widget to print, if only one) so the print stylesheet keeps just the exercises, then
 * opens the browser's print dialog. Ctrl+P works too: every lab widget on the page is drawn before
 * printing (widgets otherwise wait to scroll into view), and the print stylesheet hides the
 * navigation and the interactive parts and turns answer fields into blanks (lab.css).
 */
import type { LazyWidget } from '../../ui/lazy-widget';

const LAB_WIDGETS = 'lab-exercises, lab-session';

const loaders: (() => void)[] = [];

function startAll(): void {
  for (const load of loaders) load();
  const start = () => document.querySelectorAll<LazyWidget>(LAB_WIDGETS).forEach((w) => (w as Partial<LazyWidget>).startNow?.());
  start();
  // A sheet whose code was still on its way starts as soon as it is defined.
  if (!customElements.get('lab-exercises')) void customElements.whenDefined('lab-exercises').then(start);
}

let listening = false;
/** Once per page: draw every lab widget when the browser is about to print; `load` defines a lazy one. */
export function prepareForPrinting(load?: () => void): void {
  if (load) loaders.push(load);
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
