/**
 * Building result views in the DOM: an element with attributes and children, and a number shown
 * to the reader that carries its raw value (data-value) for tests and assistive tools.
 */
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

export function metric(name: string, value: number, text: string): HTMLElement {
  return el('span', { 'data-metric': name, 'data-value': String(value) }, text);
}

/** A duration: "3.2 ms", "412 ms", "2.41 s". */
export const ms = (t: number): string => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : t >= 100 ? `${t.toFixed(0)} ms` : `${t.toFixed(1)} ms`);
