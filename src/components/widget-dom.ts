/**
 * Small DOM helpers shared by the widgets: labelled controls, a focusable sideways-scrolling
 * region (axe: a scrollable region must be reachable by keyboard), and redraw on resize.
 */

let nextId = 0;
/** A document-unique id for label/control pairs. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A container that scrolls sideways on a phone; a tab stop with a name, as axe requires. */
export function scrollRegion(label: string): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'table-scroll';
  div.tabIndex = 0;
  div.setAttribute('role', 'region');
  div.setAttribute('aria-label', label);
  return div;
}

/** Calls `redraw` when the element's width changes (not on the first observation). */
export function observeWidth(element: HTMLElement, redraw: () => void): void {
  if (typeof ResizeObserver === 'undefined') return;
  let last = element.clientWidth;
  let frame = 0;
  new ResizeObserver(() => {
    const width = element.clientWidth;
    if (Math.abs(width - last) < 8) return;
    last = width;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(redraw);
  }).observe(element);
}

/** A labelled <select> in a .control box. */
export function selectControl(labelText: string, options: readonly (readonly [value: string, text: string])[], value: string): { box: HTMLDivElement; select: HTMLSelectElement } {
  const box = document.createElement('div');
  box.className = 'control';
  const label = document.createElement('label');
  label.textContent = labelText;
  const select = document.createElement('select');
  select.id = uniqueId('select');
  label.htmlFor = select.id;
  for (const [v, text] of options) select.add(new Option(text, v));
  select.value = value;
  box.append(label, select);
  return { box, select };
}

/** A fieldset of radio buttons; `onChange` receives the chosen value. */
export function radioGroup(legendText: string, name: string, options: readonly (readonly [value: string, text: string])[], value: string, onChange: (value: string) => void): { box: HTMLFieldSetElement; set(value: string): void } {
  const box = document.createElement('fieldset');
  box.className = 'control';
  const legend = document.createElement('legend');
  legend.textContent = legendText;
  box.append(legend);
  const groupName = uniqueId(name);
  const inputs = options.map(([v, text]) => {
    const label = document.createElement('label');
    label.className = 'inline';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = groupName;
    input.value = v;
    input.checked = v === value;
    input.addEventListener('change', () => input.checked && onChange(v));
    label.append(input, ` ${text}`);
    box.append(label);
    return input;
  });
  return { box, set: (v) => inputs.forEach((i) => (i.checked = i.value === v)) };
}
