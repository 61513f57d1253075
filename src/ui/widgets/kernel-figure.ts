/**
 * A kernel bank as a live figure: the notebook's kernel grid (rows = output channels, columns =
 * input channels), a caption, and its values as a table. Made for redrawing on every slider step:
 * - while the shape stays the same, an update recolours the drawn grid in place;
 * - a grid drawn for another shape is kept, so switching back (groups 1 → 2 → 1) reuses it;
 * - the table is rewritten only while it is open (and on opening), since a closed one is not read.
 * Wide grids scroll inside the figure on a phone.
 */
import type { Tensor } from '../../core/tensor';
import { el } from '../el';
import { createFigure, updateFigure } from '../viz/figure';
import { type KernelGridOptions, kernelGrid, recolorKernelGrid } from '../viz/kernel-grid';
import { scrollRegion } from '../viz/scroll-region';
import { kernelTable, updateTableValues } from '../viz/value-table';

export interface KernelFigureOptions {
  /** Accessible name and table caption, e.g. "W′, the folded kernel". */
  readonly label: string;
  readonly caption: string;
  /** Shared colour domain (largest |value| over the figures that are compared). */
  readonly domainMax: number;
  readonly showValues?: boolean | 'nonzero';
  readonly tap?: number;
}

interface Drawn {
  readonly plot: Element;
  readonly scroller: HTMLElement;
  readonly table: HTMLDetailsElement;
  /** Values the table still has to show (set while it is closed). */
  pending: ArrayLike<number> | null;
}

export class KernelFigure {
  readonly element: HTMLElement;
  private readonly drawn = new Map<string, Drawn>();
  private current: Drawn | null = null;

  constructor(name: string) {
    this.element = createFigure();
    this.element.classList.add('kernel-figure');
    this.element.dataset['kernel'] = name;
  }

  update(bank: Tensor, options: KernelFigureOptions): void {
    const shape = bank.shape as [number, number, number, number];
    const grid: KernelGridOptions = {
      label: options.label,
      domainMax: options.domainMax,
      legend: false,
      ...(options.showValues ? { showValues: options.showValues } : {}),
      ...(options.tap ? { tap: options.tap } : {}),
    };
    const key = `${shape.join('x')}|${options.tap ?? ''}|${options.showValues ?? ''}`;
    let drawn = this.drawn.get(key);
    if (drawn && recolorKernelGrid(drawn.plot, { shape, data: bank.data }, grid)) {
      if (drawn.table.open) updateTableValues(drawn.table, bank.data);
      else drawn.pending = Float64Array.from(bank.data);
    } else {
      drawn = this.draw(shape, bank.data, grid);
      this.drawn.set(key, drawn);
    }
    if (drawn !== this.current || this.element.querySelector(':scope > figcaption')?.textContent !== options.caption) {
      this.current = drawn;
      updateFigure(this.element, { plot: drawn.scroller, caption: options.caption, table: drawn.table });
    }
  }

  private draw(shape: [number, number, number, number], data: ArrayLike<number>, grid: KernelGridOptions): Drawn {
    const plot = kernelGrid({ shape, data }, grid);
    const table = kernelTable({ shape, data }, { caption: grid.label, summary: 'Values as a table' });
    const scroller = scrollRegion(el('div', {}, plot), `${grid.label}, scrollable`);
    const tableBox = table.querySelector<HTMLElement>('.table-scroll');
    if (tableBox) scrollRegion(tableBox, `${grid.label}, values, scrollable`);
    const drawn: Drawn = { plot, scroller, table, pending: null };
    table.addEventListener('toggle', () => {
      if (!table.open || !drawn.pending) return;
      updateTableValues(table, drawn.pending);
      drawn.pending = null;
    });
    return drawn;
  }
}
