/** Building elements in the DOM: the kit's one builder (a module of its own, so a page that needs only it loads only it). */
export type Child = Node | string | null | undefined | false;

/**
 * The kit's one element builder: tag, attributes, children. `text` sets the text; an attribute
 * that is undefined or false is left out, true is present and empty; null, undefined and false
 * children are skipped, so optional parts read inline.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attrs, children);
}

/** The same builder for SVG drawn beside a plot (overlays, markers, exported files). */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

type Attributes = Record<string, string | number | boolean | undefined>;

function fill<E extends Element>(node: E, attrs: Attributes, children: Child[]): E {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
