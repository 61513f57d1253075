/**
 * A text alternative that follows a live figure without slowing it down: a <details> whose tables
 * are built only while it is open (on opening, and on every update while open). A closed one costs
 * nothing per update, and an open one always shows the values being drawn.
 */
import { el } from '../el';
import { scrollRegion } from './scroll-region';

export class LiveTable {
  readonly element: HTMLDetailsElement;
  private readonly body: HTMLElement;
  private build: (() => Node[]) | null = null;
  private stale = true;

  constructor(summary: string) {
    this.body = scrollRegion(el('div', { class: 'live-table-body' }), summary);
    this.element = el('details', { class: 'value-table live-table' }, el('summary', { text: summary }), this.body);
    this.element.addEventListener('toggle', () => {
      if (this.element.open && this.stale) this.render();
    });
  }

  /** New values: `build` returns the tables (e.g. valueTable(...) elements or their contents). */
  update(build: () => Node[]): void {
    this.build = build;
    this.stale = true;
    if (this.element.open) this.render();
  }

  private render(): void {
    if (!this.build) return;
    this.body.replaceChildren(...this.build());
    this.stale = false;
  }
}

/**
 * The table of a valueTable/kernelTable <details>, to place several inside one LiveTable (whose
 * body is the one box that scrolls, both ways).
 */
export function tableOnly(details: HTMLDetailsElement): Element {
  return details.querySelector('table') ?? details;
}
