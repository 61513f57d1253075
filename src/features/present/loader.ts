/**
 * The only presentation code every page carries: starts presentation mode from the URL
 * (`?present`, or a page that presents by default: the demo), the Present button or the P key,
 * loading present.ts (and its CSS) only then.
 */
import { readPresentState } from './present-url';

const defaultOn = document.body.dataset['presentDefault'] === 'true';

function start(fullscreen: boolean): void {
  void import('./present').then((m) => m.present({ defaultOn, fullscreen }));
}

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

if (document.querySelector('main article')) {
  if (readPresentState(location.search, defaultOn).on) start(false);
  document.querySelector('[data-present-start]')?.addEventListener('click', () => start(true));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'p' && event.key !== 'P') return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typing(event.target)) return;
    if (document.documentElement.classList.contains('presenting')) return;
    event.preventDefault();
    start(true);
  });
}
