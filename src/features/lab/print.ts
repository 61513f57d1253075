/**
 * Printing a lab sheet. "Print this lab sheet" marks the page (html[data-print="lab-sheet"], and
 * the one widget to print, if only one) so the print stylesheet keeps just the exercises, then
 * opens the browser's print dialog once every lab widget of the page is drawn. Ctrl+P works too:
 * every lab widget starts drawing (widgets otherwise wait to scroll into view; their code is
 * fetched while the page is idle, so it is there by then), and the print stylesheet hides the
 * navigation and the interactive parts and turns answer fields into blanks (lab.css).
 */
import type { ModuleWidget } from '../../ui/widgets/module-widget';

const LAB_WIDGETS = 'lab-exercises, lab-session';

/** Every lab widget of the page drawn (each loads its code first if it has not yet). */
function startAll(): Promise<unknown> {
  return Promise.all([...document.querySelectorAll<ModuleWidget>(LAB_WIDGETS)].map((w) => (w as Partial<ModuleWidget>).startNow?.()));
}

let listening = false;
/** Once per page: draw every lab widget when the browser is about to print. */
export function prepareForPrinting(): void {
  if (listening) return;
  listening = true;
  addEventListener('beforeprint', () => void startAll());
}

/** `only`: print this widget's sheet alone (a chapter's); otherwise every lab widget of the page. */
export async function printLabSheet(only?: HTMLElement): Promise<void> {
  await startAll();
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
