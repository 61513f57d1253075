/**
 * Sets an element's text by editing its one text node in place: much cheaper than textContent
 * (which removes the node and makes a new one) when hundreds of labels change on every update.
 */
export function setText(el: Element, text: string): void {
  const node = el.firstChild;
  if (node && node.nodeType === 3 && !node.nextSibling) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else {
    el.textContent = text;
  }
}
