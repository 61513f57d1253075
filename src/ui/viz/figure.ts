/**
 * A figure = plot + caption + text alternative. `updateFigure` swaps the plot and the table in
 * place, keeping the reader's "show table" choice, so a widget can redraw on every input.
 */
import { el } from '../el';

export interface FigureParts {
  readonly plot: Element;
  readonly caption: string | Node;
  readonly table?: HTMLDetailsElement;
}

/** A figure box to fill with updateFigure. */
export function createFigure(className = 'viz-figure'): HTMLElement {
  return el('figure', { class: className });
}

export function updateFigure(figure: HTMLElement, parts: FigureParts): void {
  const wasOpen = figure.querySelector(':scope > details.value-table')?.hasAttribute('open') ?? false;
  const children: Node[] = [parts.plot, el('figcaption', {}, parts.caption)];
  if (parts.table) {
    if (wasOpen) parts.table.setAttribute('open', '');
    children.push(parts.table);
  }
  figure.replaceChildren(...children);
}
