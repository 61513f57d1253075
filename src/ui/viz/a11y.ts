/**
 * Plot names every mark's <g> with aria-label ("dot", "rule", …). axe rejects that name on a group
 * that holds no text or title (aria-prohibited-attr), and a screen reader gains nothing from it:
 * such groups are hidden from assistive technology. Figures carry their own label and a table.
 */
export function hideUnlabelledMarks<T extends Element>(figure: T): T {
  // Any named element below the root <svg> (mark groups, and lone marks such as a frame <rect>).
  for (const mark of figure.querySelectorAll('svg [aria-label]')) {
    if (!mark.querySelector('text, title')) mark.setAttribute('aria-hidden', 'true');
  }
  return figure;
}
