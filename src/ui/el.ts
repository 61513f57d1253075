/** Building elements in the DOM: the kit's one builder (a module of its own, so a page that needs only it loads only it). */
export type Child = Node | string | null | undefined | false;

/**
 * The kit's one element builder: tag, attributes, children. `text` sets the text; an attribute
 * that is undefined or false is left out, true is present and empty; null, undefined and false
 * children are skipped, so optional parts read inline.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
