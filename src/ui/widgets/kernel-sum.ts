/**
 * Branch kernels and their sum laid out as the equation they are, W′ = A + B + C, on one colour
 * scale with its legend; a branch that is off shows a note in its place. Chapter 4's block and the
 * ACB widget draw their merges with it.
 */
import type { Tensor } from '../../core/tensor';
import { el } from '../el';
import { niceMax } from '../viz/color-ramp';
import { LegendSlot } from '../viz/legend';
import { symmetricExtent } from '../viz/scales';
import { KernelFigure } from './kernel-figure';

export interface SumTerm {
  /** "Ŵ⁽³⁾", "W′" */
  readonly symbol: string;
  /** What it is, for the figure's text alternative. */
  readonly label: string;
}

const GRIDS: Record<number, string> = { 2: 'two', 3: 'three', 4: 'four', 5: 'five' };

export class KernelSum<K extends string> {
  /** The equation; `legend` goes below it. */
  readonly element: HTMLElement;
  readonly legend = new LegendSlot();
  private readonly figures = new Map<K | 'merged', KernelFigure>();
  private readonly slots = new Map<K, HTMLElement>();

  constructor(
    private readonly order: readonly K[],
    private readonly terms: Record<K | 'merged', SumTerm>,
    /** Pixel size of one tap. */
    private readonly tap: number,
  ) {
    this.element = el('div', { class: 'kernel-sum' });
    order.forEach((name, i) => {
      const figure = new KernelFigure(name);
      this.figures.set(name, figure);
      const slot = kernelSlot(figure.element);
      this.slots.set(name, slot);
      this.element.append(...(i > 0 ? [operator('+')] : []), slot);
    });
    const merged = new KernelFigure('merged');
    this.figures.set('merged', merged);
    this.element.append(operator('='), kernelSlot(merged.element));
  }

  /** Draws the kept branches (the others as "off") and their sum on one symmetric scale. */
  update(branches: readonly { readonly name: K; readonly kernel: Tensor }[], merged: Tensor): void {
    const domainMax = niceMax(symmetricExtent(...branches.map((b) => b.kernel.data), merged.data));
    for (const name of this.order) {
      const branch = branches.find((b) => b.name === name);
      const slot = this.slots.get(name)!;
      slot.classList.toggle('off', !branch);
      slot.querySelector('.off-note')!.textContent = `${this.terms[name].symbol}: branch off, adds nothing`;
      if (branch) this.draw(name, branch.kernel, domainMax);
    }
    this.draw('merged', merged, domainMax);
    this.legend.update({ kind: 'signed', domainMax, label: `kernel entry (all ${GRIDS[this.order.length + 1] ?? this.order.length + 1} grids)`, width: 240 });
  }

  private draw(name: K | 'merged', kernel: Tensor, domainMax: number): void {
    const { symbol, label } = this.terms[name];
    this.figures.get(name)!.update(kernel, { label: `${symbol}, ${label}`, caption: symbol, domainMax, tap: this.tap });
  }
}

function kernelSlot(figure: HTMLElement): HTMLElement {
  return el('div', { class: 'kernel-slot' }, figure, el('p', { class: 'off-note' }));
}

function operator(sign: string): HTMLElement {
  return el('span', { class: 'kernel-op', 'aria-hidden': 'true', text: sign });
}
