/**
 * A bank of kernels [out, in/groups, 3, 3] as a grid: rows = output channels, columns = input
 * channels, each cell a 3×3 heatmap. The same grid in every chapter, so it is read once.
 *
 * Laid out by hand on linear scales (one rect mark, tap positions computed in kernelLayout) rather
 * than with Plot's facets: facets render the mark once per kernel, several times slower, and
 * widgets redraw these grids on every slider step.
 */
import * as Plot from '@observablehq/plot';
import { kernelCells, type KernelBank, type KernelCell } from './cells';
import { formatValue } from './format';
import { setText } from './set-text';
import { signedColor, symmetricExtent } from './scales';

export interface KernelGridOptions {
  readonly label: string;
  readonly domainMax?: number;
  /** Pixel size of one tap. */
  readonly tap?: number;
  /** Print each value in its tap: all of them, or only the nonzero ones (sparse kernels). */
  readonly showValues?: boolean | 'nonzero';
  readonly legend?: boolean;
  readonly legendLabel?: string;
  readonly document?: Document;
}

/** Room for the "in i" labels above the grid and the "out o" labels on its left. */
const TOP = 20;
const LEFT = 40;

interface PlacedCell extends KernelCell {
  readonly x1: number;
  readonly y1: number;
}

/** Where each tap goes, in pixels from the grid's top left (before the label margins). */
export function kernelLayout(bank: KernelBank, tap: number, gap: number): { cells: PlacedCell[]; width: number; height: number } {
  const [outC, inC, kh, kw] = bank.shape;
  const cells = kernelCells(bank).map((d) => ({ ...d, x1: d.in * (kw * tap + gap) + d.v * tap, y1: d.out * (kh * tap + gap) + d.u * tap }));
  return { cells, width: inC * (kw * tap + gap) - gap, height: outC * (kh * tap + gap) - gap };
}

export function kernelGrid(bank: KernelBank, options: KernelGridOptions): SVGSVGElement | HTMLElement {
  const [outC, inC, kh, kw] = bank.shape;
  const tap = options.tap ?? (outC * inC > 16 ? 10 : 22);
  const gap = Math.max(6, tap / 2);
  const { cells, width, height } = kernelLayout(bank, tap, gap);
  const domainMax = options.domainMax ?? symmetricExtent(bank.data);
  const marks: Plot.Markish[] = [
    Plot.rect(cells, {
      x1: 'x1',
      x2: (d: PlacedCell) => d.x1 + tap,
      y1: 'y1',
      y2: (d: PlacedCell) => d.y1 + tap,
      fill: 'value',
      inset: 0.5,
      title: tapTitle,
    }),
    // Channel labels, centred on each column and row of kernels.
    Plot.text(range(inC), {
      x: (i: number) => i * (kw * tap + gap) + (kw * tap) / 2,
      y: -TOP / 2,
      text: (i: number) => `in ${i}`,
      fill: 'currentColor',
      fontSize: 10,
    }),
    Plot.text(range(outC), {
      x: -4,
      y: (o: number) => o * (kh * tap + gap) + (kh * tap) / 2,
      text: (o: number) => `out ${o}`,
      textAnchor: 'end',
      fill: 'currentColor',
      fontSize: 10,
    }),
  ];
  if (options.showValues) {
    marks.push(
      Plot.text(cells, {
        x: (d: PlacedCell) => d.x1 + tap / 2,
        y: (d: PlacedCell) => d.y1 + tap / 2,
        text: (d: PlacedCell) => formatValue(d.value),
        fill: (d: PlacedCell) => inkOn(d.value, domainMax),
        // Hidden rather than left out, so there is always one text per tap to update in place.
        fillOpacity: (d: PlacedCell) => (shown(d.value, options.showValues) ? 1 : 0),
        fontSize: Math.max(8, Math.min(12, tap / 3)),
      }),
    );
  }
  const plot = Plot.plot({
    width: width + LEFT,
    height: height + TOP,
    marginTop: TOP,
    marginLeft: LEFT,
    marginRight: 0,
    marginBottom: 0,
    // One pixel of data per pixel of screen: the grid is drawn to size.
    x: { type: 'linear', domain: [0, width], range: [LEFT, LEFT + width], axis: null },
    y: { type: 'linear', domain: [0, height], range: [TOP, TOP + height], axis: null },
    color: { ...signedColor(domainMax, options.legendLabel), legend: options.legend ?? true },
    marks,
    ariaLabel: options.label,
    ariaDescription: `${outC} output channels by ${inC} input channels, each a ${kh}×${kw} kernel; the table of values follows the figure.`,
    ...(options.document ? { document: options.document } : {}),
  });
  // With a legend, Plot returns a <figure> holding the legend's svg and then the grid's.
  const taps = plot.querySelector<SVGGElement>('g[aria-label="rect"]');
  const svg = taps?.ownerSVGElement;
  if (svg) {
    svg.setAttribute('data-layout', layoutKey(bank.shape, tap, options.showValues ?? false));
    drawnValues.set(svg, { values: Float64Array.from(bank.data), domainMax });
  }
  // The taps are cells of kernels: name their group as Plot names its cell mark, like every heatmap.
  taps?.setAttribute('aria-label', 'cell');
  return plot;
}

function shown(value: number, show: KernelGridOptions['showValues']): boolean {
  return show !== 'nonzero' || value !== 0;
}

/**
 * Text colour for a printed value: the diverging scale is light near zero and dark at both ends, in
 * light and dark themes alike, so dark ink on light cells and white ink on dark ones.
 */
function inkOn(value: number, domainMax: number): string {
  return Math.abs(value) > 0.6 * domainMax ? 'white' : '#1c1b19';
}

/** The tooltip of one tap, also what the e2e tests compare with the text alternative. */
function tapTitle(d: KernelCell): string {
  return `output ${d.out}, input ${d.in}, tap (${d.u}, ${d.v}): ${formatValue(d.value, 3)}`;
}

function layoutKey(shape: readonly number[], tap: number, values: KernelGridOptions['showValues']): string {
  return `${shape.join('x')}|${tap}|${values ? 'values' : ''}`;
}

/**
 * Redraws a grid made by kernelGrid with new values, in place: new fills, titles and printed
 * values on the same elements. The layout depends only on the shape and options, so when those are
 * unchanged this gives exactly what a fresh kernelGrid would (tested), many times faster. Returns
 * false, changing nothing, when the grid cannot be reused.
 */
export function recolorKernelGrid(plot: Element, bank: KernelBank, options: KernelGridOptions): boolean {
  if (options.legend ?? true) return false; // a legend would need redrawing too
  const [outC, inC] = bank.shape;
  const tap = options.tap ?? (outC * inC > 16 ? 10 : 22);
  const svg = plot.tagName.toLowerCase() === 'svg' ? plot : plot.querySelector('svg[data-layout]');
  if (!svg || svg.getAttribute('data-layout') !== layoutKey(bank.shape, tap, options.showValues ?? false)) return false;
  const rects = svg.querySelectorAll(':scope > g[aria-label="cell"] > rect');
  const texts = svg.querySelectorAll(':scope > g[aria-label="text"]');
  const valueTexts = options.showValues ? texts[texts.length - 1]?.querySelectorAll('text') : undefined;
  if (rects.length !== bank.data.length || (valueTexts && valueTexts.length !== bank.data.length)) return false;
  const domainMax = options.domainMax ?? symmetricExtent(bank.data);
  const color = signedScale(domainMax);
  // Only taps whose value changed need touching, unless the colour domain moved under all of them.
  const before = drawnValues.get(svg);
  const sameDomain = before?.domainMax === domainMax;
  kernelCells(bank).forEach((d, i) => {
    if (sameDomain && before.values[i] === d.value) return;
    const rect = rects[i]!;
    rect.setAttribute('fill', String(color.apply(d.value)));
    const title = rect.querySelector('title');
    if (title) setText(title, tapTitle(d));
    if (valueTexts) {
      setText(valueTexts[i]!, formatValue(d.value));
      valueTexts[i]!.setAttribute('fill-opacity', shown(d.value, options.showValues) ? '1' : '0');
      valueTexts[i]!.setAttribute('fill', inkOn(d.value, domainMax));
    }
  });
  drawnValues.set(svg, { values: Float64Array.from(bank.data), domainMax });
  svg.setAttribute('aria-label', options.label);
  return true;
}

/** Plot's signed colour scale for a domain, made once per domain (several grids share one). */
function signedScale(domainMax: number): Plot.Scale {
  let scale = scales.get(domainMax);
  if (!scale) {
    scale = Plot.scale({ color: signedColor(domainMax) });
    scales.set(domainMax, scale);
    if (scales.size > 32) scales.delete(scales.keys().next().value!);
  }
  return scale;
}

const scales = new Map<number, Plot.Scale>();

/** What each grid on the page shows now, so a recolour can skip the taps that did not change. */
const drawnValues = new WeakMap<Element, { values: Float64Array; domainMax: number }>();

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
