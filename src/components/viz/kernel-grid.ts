/**
 * A bank of kernels [out, in/groups, 3, 3] as a grid: rows = output channels, columns = input
 * channels, each cell a 3×3 heatmap. The same grid in every chapter, so it is read once.
 */
import * as Plot from '@observablehq/plot';
import { kernelCells, type KernelBank } from './cells';
import { formatValue } from './format';
import { signedColor, symmetricExtent } from './scales';

export interface KernelGridOptions {
  readonly label: string;
  readonly domainMax?: number;
  /** Pixel size of one tap. */
  readonly tap?: number;
  readonly showValues?: boolean;
  readonly legend?: boolean;
  readonly legendLabel?: string;
  readonly document?: Document;
}

export function kernelGrid(bank: KernelBank, options: KernelGridOptions): SVGSVGElement | HTMLElement {
  const [outC, inC, kh, kw] = bank.shape;
  const data = kernelCells(bank);
  const tap = options.tap ?? (outC * inC > 16 ? 10 : 22);
  const gap = Math.max(6, tap / 2);
  const marks: Plot.Markish[] = [
    Plot.cell(data, {
      x: 'v',
      y: 'u',
      fx: 'in',
      fy: 'out',
      fill: 'value',
      inset: 0.5,
      title: (d: { out: number; in: number; u: number; v: number; value: number }) =>
        `output ${d.out}, input ${d.in}, tap (${d.u}, ${d.v}): ${formatValue(d.value, 3)}`,
    }),
  ];
  if (options.showValues) {
    marks.push(
      Plot.text(data, {
        x: 'v', y: 'u', fx: 'in', fy: 'out',
        text: (d: { value: number }) => formatValue(d.value),
        fill: 'currentColor', stroke: 'var(--bg, white)', strokeWidth: 3, fontSize: Math.max(8, Math.min(12, tap / 3)),
      }),
    );
  }
  const labelMargin = 22;
  return Plot.plot({
    width: inC * (kw * tap + gap) + labelMargin,
    height: outC * (kh * tap + gap) + labelMargin,
    marginTop: labelMargin,
    marginLeft: labelMargin,
    marginRight: 0,
    marginBottom: 0,
    x: { axis: null, domain: range(kw) },
    y: { axis: null, domain: range(kh) },
    fx: { domain: range(inC), label: null, axis: 'top', tickFormat: (i: number) => `in ${i}`, padding: gap / (kw * tap + gap) },
    fy: { domain: range(outC), label: null, axis: 'left', tickFormat: (o: number) => `out ${o}`, padding: gap / (kh * tap + gap) },
    color: { ...signedColor(options.domainMax ?? symmetricExtent(bank.data), options.legendLabel), legend: options.legend ?? true },
    marks,
    ariaLabel: options.label,
    ariaDescription: `${outC} output channels by ${inC} input channels, each a ${kh}×${kw} kernel; the table of values follows the figure.`,
    ...(options.document ? { document: options.document } : {}),
  });
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
