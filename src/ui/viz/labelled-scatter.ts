/**
 * A scatter plot of labelled points in a few series (one symbol and colour each), with an optional
 * line through each series in x order and a tooltip per point. Used for accuracy vs cost.
 */
import * as Plot from '@observablehq/plot';
import { hideUnlabelledMarks } from './a11y';
import { estimateTextWidth, placeLabels } from './label-placement';

export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly series: string;
  /** Print the label next to the point (tooltips always show it). */
  readonly showLabel?: boolean;
}

export interface ScatterSeries {
  readonly name: string;
  readonly color: string;
  readonly symbol: 'circle' | 'square' | 'diamond' | 'triangle' | 'cross' | 'star';
  readonly filled: boolean;
  /** Join the series' points in x order. */
  readonly line?: boolean;
  /** Labels right of the points ('start', default) or left ('end'), so two series' labels collide less. */
  readonly labelAnchor?: 'start' | 'end';
  /** Smaller, lighter labels for context series. */
  readonly quiet?: boolean;
}

export interface LabelledScatterOptions {
  readonly label: string;
  readonly width: number;
  readonly height?: number;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ScatterSeries[];
  readonly xType?: 'linear' | 'log';
  /** Fixed extents (a plot of one point, or axes that should not move between runs). */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  readonly document?: Document;
}

export function labelledScatter(points: readonly ScatterPoint[], options: LabelledScatterOptions): SVGSVGElement | HTMLElement {
  const bySeries = new Map(options.series.map((s) => [s.name, s]));
  const styleOf = (p: ScatterPoint) => bySeries.get(p.series) ?? options.series[0]!;
  const small = options.width < 560;
  const fontSize = (p: ScatterPoint) => (styleOf(p).quiet ? (small ? 8 : 9.5) : small ? 9 : 11);
  const margin = { left: 48, right: small ? 12 : 40, top: 24, bottom: 40 };
  const height = options.height ?? Math.round(Math.min(460, Math.max(300, options.width * 0.55)));
  const lines = options.series
    .filter((s) => s.line)
    .map((s) =>
      Plot.line(
        points.filter((p) => p.series === s.name).sort((a, b) => a.x - b.x),
        { x: 'x', y: 'y', stroke: s.color, strokeOpacity: 0.5, strokeWidth: 1.5, ariaHidden: 'true' },
      ),
    );
  const dots = Plot.dot(points, {
    x: 'x',
    y: 'y',
    r: 4.5,
    symbol: (p: ScatterPoint) => styleOf(p).symbol,
    stroke: (p: ScatterPoint) => styleOf(p).color,
    fill: (p: ScatterPoint) => (styleOf(p).filled ? styleOf(p).color : 'var(--bg, white)'),
    strokeWidth: 1.6,
    // A group with no text inside may not carry Plot's aria-label (axe); the values are in the table.
    ariaHidden: 'true',
  });
  const base = {
    width: options.width,
    height,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    grid: true,
    x: { type: options.xType ?? 'linear', label: options.xLabel, nice: true, ...(options.xDomain ? { domain: [...options.xDomain] } : {}) },
    y: { label: options.yLabel, nice: true, ...(options.yDomain ? { domain: [...options.yDomain] } : {}) },
    symbol: { legend: false },
    ariaLabel: options.label,
    ariaDescription: `${points.length} points in ${options.series.length} series; the table of values follows the figure.`,
    ...(options.document ? { document: options.document } : {}),
  } satisfies Plot.PlotOptions;

  // Pass 1 fixes the scales; labels are then placed in pixels and mapped back to data space.
  const probe = Plot.plot({ ...base, marks: [dots] });
  const xs = probe.scale('x')!;
  const ys = probe.scale('y')!;
  const labelled = points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.showLabel !== false)
    .sort((a, b) => Number(!!styleOf(a.p).quiet) - Number(!!styleOf(b.p).quiet) || a.i - b.i);
  const spots = placeLabels(
    labelled.map(({ p }) => ({
      x: xs.apply(p.x) as number,
      y: ys.apply(p.y) as number,
      width: estimateTextWidth(p.label, fontSize(p)),
      height: fontSize(p) * 1.2,
      preferLeft: styleOf(p).labelAnchor === 'end',
    })),
    { left: margin.left, right: options.width, top: 0, bottom: height - margin.bottom },
  );
  const labels = labelled.map(({ p }, k) => ({ ...p, lx: xs.invert!(spots[k]!.x) as number, ly: ys.invert!(spots[k]!.y) as number, anchor: spots[k]!.anchor }));

  return hideUnlabelledMarks(
    Plot.plot({
      ...base,
      marks: [
        ...lines,
        dots,
        ...(['start', 'middle', 'end'] as const).map((anchor) =>
          Plot.text(
            labels.filter((l) => l.anchor === anchor),
            {
              x: 'lx',
              y: 'ly',
              text: 'label',
              textAnchor: anchor,
              fontSize: (l: ScatterPoint) => fontSize(l),
              fill: (l: ScatterPoint) => styleOf(l).color,
              stroke: 'var(--bg, white)',
              strokeWidth: 3,
            },
          ),
        ),
        Plot.tip(
          points,
          Plot.pointer({
            x: 'x',
            y: 'y',
            ariaHidden: 'true',
            title: (p: ScatterPoint) => `${p.label}\n${options.xLabel}: ${p.x.toFixed(2)}\n${options.yLabel}: ${p.y.toFixed(2)}`,
          }),
        ),
      ],
    }),
  );
}
