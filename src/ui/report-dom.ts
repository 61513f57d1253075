/**
 * Result views: a number shown to the reader that carries its raw value (data-value) for tests
 * and assistive tools, and durations in words.
 */
import { el } from './el';

export function metric(name: string, value: number, text: string): HTMLElement {
  return el('span', { 'data-metric': name, 'data-value': String(value) }, text);
}

/** A duration: "3.2 ms", "412 ms", "2.41 s". */
export const ms = (t: number): string => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : t >= 100 ? `${t.toFixed(0)} ms` : `${t.toFixed(1)} ms`);
