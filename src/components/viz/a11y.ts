/**
 * Plot names every mark's <g> with aria-label ("dot", "rule", …). axe rejects that name on a group
 * that holds no text or title (aria-prohibited-attr), and a screen reader gains nothing from it:
 * such groups are hidden from assistive technology. Figures carry their own label and a table.
 */
export function hideUnlabelledMarks<T extends Element>(figure: T): T {
  for (const g of figure.querySelectorAll('g[aria-label]')) {
    if (!g.querySelector('text, title')) g.setAttribute('aria-hidden', 'true');
  }
  return figure;
}
