/**
 * Native, labelled inputs for every widget: a slider paired with a number box (drag, arrow keys, or
 * type an exact value), switches and radio groups. Each control calls back on every change; the
 * widget recomputes and redraws right there.
 */
import { el } from '../el';

let counter = 0;
/** A document-unique id for label/control pairs: the one id source of every widget. */
export function uniqueId(stem: string): string {
  counter += 1;
  return `${stem}-${counter}`;
}

export interface SliderSpec {
  /** Visible label; may contain markup such as <sub> (trusted strings from the widget's own code). */
  readonly labelHtml: string;
  readonly min: number;
  readonly max: number;
  /** Slider step, in slider units. */
  readonly step: number;
  readonly value: number;
  /** Short explanation under the label. */
  readonly hint?: string;
  /** For a log slider: value → slider position and back. Default: the value itself. */
  readonly toSlider?: (value: number) => number;
  readonly fromSlider?: (position: number) => number;
  /** How the number box writes a value (default: up to 4 decimals). */
  readonly format?: (value: number) => string;
  /** Name for the URL and for tests (data-name). */
  readonly name: string;
}

export class Slider {
  readonly element: HTMLElement;
  readonly range: HTMLInputElement;
  readonly box: HTMLInputElement;
  private current: number;

  private spec: SliderSpec;

  constructor(
    spec: SliderSpec,
    private readonly onChange: (value: number) => void,
  ) {
    this.spec = spec;
    const id = uniqueId(`slider-${spec.name}`);
    const hintId = spec.hint ? `${id}-hint` : undefined;
    const label = el('label', { id: `${id}-label`, for: id });
    label.innerHTML = spec.labelHtml;
    this.range = el('input', {
      type: 'range',
      id,
      min: this.toSlider(spec.min),
      max: this.toSlider(spec.max),
      step: spec.step,
      'aria-describedby': hintId,
    });
    this.box = el('input', {
      type: 'number',
      step: 'any',
      min: spec.min,
      max: spec.max,
      inputmode: 'decimal',
      'aria-labelledby': label.id,
      'data-role': 'exact',
      'aria-describedby': hintId,
    });
    this.element = el(
      'div',
      { class: 'control slider', 'data-name': spec.name },
      label,
      el('div', { class: 'slider-row' }, this.range, this.box),
      spec.hint ? el('small', { id: hintId, text: spec.hint }) : null,
    );
    this.current = this.clamp(spec.value);
    this.show(true, true);

    this.range.addEventListener('input', () => {
      this.current = this.clamp(this.fromSlider(Number(this.range.value)));
      this.show(false, true);
      this.onChange(this.current);
    });
    this.box.addEventListener('input', () => {
      // While typing ("0." or "-") the box may not hold a number yet: wait for one that fits.
      const typed = this.box.valueAsNumber;
      if (!Number.isFinite(typed) || typed < this.spec.min || typed > this.spec.max) return;
      this.current = typed;
      this.show(true, false);
      this.onChange(this.current);
    });
    this.box.addEventListener('change', () => this.show(true, true)); // leaving the box: show what is used
  }

  get value(): number {
    return this.current;
  }

  /** Sets the value without calling back (a reset, or another control moving this one). */
  set(value: number): void {
    this.current = this.clamp(value);
    this.show(true, true);
  }

  /** New bounds (an output that shrank with the stride, say); the value is clamped into them. */
  setBounds(min: number, max: number): void {
    this.spec = { ...this.spec, min, max };
    this.range.min = String(this.toSlider(min));
    this.range.max = String(this.toSlider(max));
    this.box.min = String(min);
    this.box.max = String(max);
    this.set(this.current);
  }

  private clamp(value: number): number {
    return Math.min(this.spec.max, Math.max(this.spec.min, value));
  }

  private toSlider(value: number): number {
    return this.spec.toSlider ? this.spec.toSlider(value) : value;
  }

  private fromSlider(position: number): number {
    return this.spec.fromSlider ? this.spec.fromSlider(position) : position;
  }

  private show(range: boolean, box: boolean): void {
    if (range) this.range.value = String(this.toSlider(this.current));
    if (box) this.box.value = (this.spec.format ?? defaultFormat)(this.current);
    this.range.setAttribute('aria-valuetext', (this.spec.format ?? defaultFormat)(this.current));
  }
}

function defaultFormat(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** A labelled on/off switch (a native checkbox announced as a switch). */
export function switchControl(
  labelHtml: string,
  checked: boolean,
  name: string,
  onChange: (checked: boolean) => void,
): { element: HTMLElement; input: HTMLInputElement } {
  const input = el('input', { type: 'checkbox', role: 'switch' });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  const text = el('span');
  text.innerHTML = labelHtml;
  const element = el('div', { class: 'control switch', 'data-name': name }, el('label', {}, input, text));
  return { element, input };
}

/** A fieldset of radio buttons; values are strings, as they are in the URL. */
export function radioGroup<T extends string>(
  legendHtml: string,
  options: readonly { value: T; labelHtml: string }[],
  selected: T,
  name: string,
  onChange: (value: T) => void,
): { element: HTMLFieldSetElement; inputs: HTMLInputElement[] } {
  const legend = el('legend');
  legend.innerHTML = legendHtml;
  const element = el('fieldset', { class: 'control radio-group', 'data-name': name }, legend);
  const group = uniqueId(`radio-${name}`);
  const inputs = options.map((option) => {
    const input = el('input', { type: 'radio', name: group, value: option.value });
    input.checked = option.value === selected;
    input.addEventListener('change', () => {
      if (input.checked) onChange(option.value);
    });
    const text = el('span');
    text.innerHTML = option.labelHtml;
    element.append(el('label', {}, input, text));
    return input;
  });
  return { element, inputs };
}

/** A labelled <select> in a .control box. */
export function selectControl(
  labelText: string,
  options: readonly (readonly [value: string, text: string])[],
  value: string,
): { box: HTMLDivElement; select: HTMLSelectElement } {
  const select = el('select', { id: uniqueId('select') }, ...options.map(([v, text]) => new Option(text, v)));
  select.value = value; // after its options exist
  const box = el('div', { class: 'control' }, el('label', { for: select.id, text: labelText }), select);
  return { box, select };
}

/** A whole-number range: the slider's step (default 1), what typed values round to (default 1), the default. */
export interface SteppedRange {
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly snap?: number;
  readonly fallback: number;
}

/**
 * A slider over a stepped range kept in the URL under `name`: read from it at the start, written
 * on every move and removed at the fallback (a plain link stays short). Its first value is `.value`.
 */
export function urlSlider(
  url: { number(name: string, fallback: number, min: number, max: number): number; set(values: Record<string, number | null>): void },
  name: string,
  labelHtml: string,
  range: SteppedRange,
  onValue: (value: number) => void,
): Slider {
  const unit = range.snap ?? 1;
  const snap = (v: number) => Math.round(v / unit) * unit;
  return new Slider(
    {
      name,
      labelHtml,
      min: range.min,
      max: range.max,
      step: range.step ?? 1,
      value: snap(url.number(name, range.fallback, range.min, range.max)),
      format: (v) => String(snap(v)),
    },
    (v) => {
      const value = snap(v);
      url.set({ [name]: value === range.fallback ? null : value });
      onValue(value);
    },
  );
}

/**
 * The seed slider of the seeded chapter widgets: whole numbers 0–999, kept in the URL as `seed`
 * (so a shared link shows the same weights), then handed to the widget to redraw.
 */
export function seedSlider(
  url: { set(values: Record<string, number>): void },
  options: { what: string; value: number; label?: string },
  onSeed: (seed: number) => void,
): Slider {
  return new Slider(
    {
      name: 'seed',
      labelHtml: `${options.label ?? 'Seed'} <span class="what">${options.what}</span>`,
      min: 0,
      max: 999,
      step: 1,
      value: options.value,
      format: (v) => String(v),
    },
    (v) => {
      const seed = Math.round(v);
      url.set({ seed });
      onSeed(seed);
    },
  );
}

/**
 * A fieldset of on/off switches for a block's optional branches (the widgets that take branches
 * away): each branch is on unless the URL holds its `off` key, which is written while it is off.
 * `onChange` gets every branch's state after each flip.
 */
export function branchSwitches<K extends string>(
  url: { flag(name: string): boolean; set(values: Record<string, true | null>): void },
  legend: string,
  branches: readonly { readonly key: K; readonly label: string; readonly off: string }[],
  onChange: (keep: Record<K, boolean>) => void,
): { element: HTMLFieldSetElement; keep: Record<K, boolean> } {
  const keep = Object.fromEntries(branches.map((b) => [b.key, !url.flag(b.off)])) as Record<K, boolean>;
  const element = el('fieldset', { class: 'control channel-group' }, el('legend', { text: legend }));
  for (const b of branches) {
    const sw = switchControl(b.label, keep[b.key], b.key, (on) => {
      keep[b.key] = on;
      url.set({ [b.off]: on ? null : true });
      onChange({ ...keep });
    });
    element.append(sw.element);
  }
  return { element, keep: { ...keep } };
}
