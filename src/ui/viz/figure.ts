/**
 * A figure = plot + caption + text alternative. `updateFigure` swaps the plot and the table in
 * place, keeping the reader's "show table" choice, so a widget can redraw on every input.
 */
export interface FigureParts {
  readonly plot: Element;
  readonly caption: string | Node;
  readonly table?: HTMLDetailsElement;
}

export function createFigure(doc: Document = document, className = 'viz-figure'): HTMLElement {
  const figure = doc.createElement('figure');
  figure.className = className;
  return figure;
}

export function updateFigure(figure: HTMLElement, parts: FigureParts): void {
  const doc = figure.ownerDocument;
  const wasOpen = figure.querySelector(':scope > details.value-table')?.hasAttribute('open') ?? false;
  const caption = doc.createElement('figcaption');
  caption.append(parts.caption);
  const children: Node[] = [parts.plot, caption];
  if (parts.table) {
    if (wasOpen) parts.table.setAttribute('open', '');
    children.push(parts.table);
  }
  figure.replaceChildren(...children);
}
