/**
 * A kernel bank as a live figure: the notebook's kernel grid (rows = output channels, columns =
 * input channels), a caption, and its values as a table. While the shape stays the same, an update
 * recolours the drawn grid and rewrites the table cells in place instead of drawing anew: the
 * widgets redraw on every slider step. Wide grids scroll inside the figure on a phone.
 */
import type { Tensor } from '../../math/tensor';
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

export class KernelFigure {
  readonly element: HTMLElement;
  private plot: Element | null = null;
  private table: HTMLDetailsElement | null = null;
  private caption = '';

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
    if (this.plot && this.table && recolorKernelGrid(this.plot, { shape, data: bank.data }, grid) && updateTableValues(this.table, bank.data)) {
      if (options.caption !== this.caption) {
        this.caption = options.caption;
        const figcaption = this.element.querySelector(':scope > figcaption');
        if (figcaption) figcaption.textContent = options.caption;
      }
      return;
    }
    this.plot = kernelGrid({ shape, data: bank.data }, grid);
    this.table = kernelTable({ shape, data: bank.data }, { caption: options.label, summary: 'Values as a table' });
    this.caption = options.caption;
    const scroller = document.createElement('div');
    scroller.append(this.plot);
    scrollRegion(scroller, `${options.label}, scrollable`);
    const tableBox = this.table.querySelector<HTMLElement>('.table-scroll');
    if (tableBox) scrollRegion(tableBox, `${options.label}, values, scrollable`);
    updateFigure(this.element, { plot: scroller, caption: options.caption, table: this.table });
  }
}
