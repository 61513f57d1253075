/**
 * Outlines drawn over a raster map: the window a kernel reads, the pixel it is centred on, the
 * edge of an image inside its zero padding. An SVG laid over the canvas in the canvas's own units
 * (one unit per value), so the boxes stay on their pixels however the map is scaled. Decorative:
 * the widget says in words what the boxes show.
 */
import { el, svgEl } from '../el';

export interface OverlayBox {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
  /** 'window' dashed, 'focus' solid and thick, 'frame' thin (the image inside its padding). */
  readonly kind: 'window' | 'focus' | 'frame';
}

export class RasterOverlay {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private drawn = '';

  constructor(readonly canvas: HTMLCanvasElement) {
    this.svg = svgEl('svg', { 'aria-hidden': 'true', preserveAspectRatio: 'none', class: 'raster-overlay' });
    this.element = el('span', { class: 'raster-wrap' }, canvas, this.svg);
  }

  /** Replaces the boxes; the canvas must already have its final size in values. */
  draw(boxes: readonly OverlayBox[]): void {
    const key = `${this.canvas.width}×${this.canvas.height}:${JSON.stringify(boxes)}`;
    if (key === this.drawn) return; // same boxes on the same map: nothing to redo
    this.drawn = key;
    this.svg.setAttribute('viewBox', `0 0 ${this.canvas.width} ${this.canvas.height}`);
    this.svg.replaceChildren(
      ...boxes.map((b) =>
        svgEl('rect', {
          x: b.col,
          y: b.row,
          width: b.cols,
          height: b.rows,
          class: `box-${b.kind}`,
          'vector-effect': 'non-scaling-stroke',
        }),
      ),
    );
  }
}
