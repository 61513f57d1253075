/**
 * The benchmark's two plots, drawn with Observable Plot from the result rows:
 *  - latency per model, backend and graph: the median (dot), the middle half of the runs (thick
 *    line, first to third quartile) and the fastest to slowest run (thin line);
 *  - "Figure 1 on your device": the paper's reported top-1 against the images per second of the
 *    deploy graph measured here, as the paper's Figure 1 plots it against a 1080Ti's speed.
 */
import * as Plot from '@observablehq/plot';
import { PAPER_REPVGG } from '../../core/paper';
import { hideUnlabelledMarks } from '../../ui/viz/a11y';
import { type ScatterPoint, type ScatterSeries, labelledScatter } from '../../ui/viz/labelled-scatter';
import { type BenchRow, GRAPHS, type Graph, formatMs } from './rows';
import { BACKEND_NAME } from './settings';

const GRAPH_SHORT: Record<Graph, string> = { 'train-disabled': 'training-time, no ORT opt.', 'train-default': 'training-time, ORT default', deploy: 'deploy' };
const GRAPH_COLOR: Record<Graph, string> = {
  'train-disabled': 'var(--fg-soft, #55524c)',
  'train-default': 'var(--link, #1d4fa8)',
  deploy: 'var(--accent, #a4350f)',
};

/** The first row of each panel holds the model's name. */
const TITLE_ROW = ' ';

/** A log axis when the times span more than a factor of 20 (tiny next to B3), linear otherwise. */
function axisType(values: readonly number[]): 'log' | 'linear' {
  const positive = values.filter((v) => v > 0);
  return positive.length > 0 && Math.max(...positive) / Math.min(...positive) > 20 ? 'log' : 'linear';
}

export function latencyPlot(rows: readonly BenchRow[], width: number): SVGSVGElement | HTMLElement {
  const data = rows.map((r) => ({ ...r, lane: `${BACKEND_NAME[r.backend]} · ${GRAPH_SHORT[r.graph]}` }));
  const lanes = [...new Set(data.map((d) => d.lane))];
  const models = [...new Set(data.map((d) => d.modelName))];
  const type = axisType(data.flatMap((d) => [d.minMs, d.maxMs]));
  const longest = Math.max(...lanes.map((l) => l.length), 10);
  return hideUnlabelledMarks(
    Plot.plot({
      width,
      height: 40 + models.length * (lanes.length + 1) * 20,
      marginLeft: Math.ceil(longest * 6.2) + 10,
      marginRight: 70,
      marginBottom: 36,
      x: {
        type,
        label: 'latency per image, ms (median; thick: middle half of the runs; thin: fastest to slowest) →',
        grid: true,
        labelAnchor: 'left',
        labelArrow: 'none',
        ...(type === 'linear' ? { domain: [0, Math.max(...data.map((d) => d.maxMs)) * 1.05] } : {}),
      },
      y: { domain: [TITLE_ROW, ...lanes], label: null, tickSize: 0 },
      fy: { domain: models, label: null, axis: null },
      color: { domain: GRAPHS.map((g) => g), range: GRAPHS.map((g) => GRAPH_COLOR[g]) },
      marks: [
        Plot.ruleY(data, { y: 'lane', fy: 'modelName', x1: 'minMs', x2: 'maxMs', stroke: 'graph', strokeWidth: 1.2 }),
        Plot.ruleY(data, { y: 'lane', fy: 'modelName', x1: 'q1Ms', x2: 'q3Ms', stroke: 'graph', strokeWidth: 6, strokeOpacity: 0.45 }),
        Plot.dot(data, { y: 'lane', fy: 'modelName', x: 'medianMs', fill: 'graph', r: 4 }),
        Plot.text(data, {
          y: 'lane',
          fy: 'modelName',
          x: 'maxMs',
          text: (d: BenchRow) => `${formatMs(d.medianMs)} ms`,
          dx: 6,
          textAnchor: 'start',
          fill: 'currentColor',
        }),
        Plot.frame({ anchor: 'top', stroke: 'var(--rule, #d9d5cc)' }),
        // Each panel's model, on the panel's first (empty) row.
        Plot.text(models, {
          fy: (m: string) => m,
          y: () => TITLE_ROW,
          text: (m: string) => m,
          frameAnchor: 'left',
          dx: -8,
          textAnchor: 'end',
          fontWeight: 'bold',
          fontSize: 12,
          fill: 'currentColor',
        }),
      ],
      ariaLabel: 'Latency per image of each model, backend and graph, measured on this device',
      ariaDescription:
        'For each model (one panel each), one row per backend and graph: a dot at the median, a thick line over the middle half of the timed runs, a thin line from the fastest to the slowest. The results table above has every value.',
    }),
  );
}

export interface Figure1Point extends ScatterPoint {
  readonly model: string;
  readonly backend: BenchRow['backend'];
  readonly epochs: 120 | 200;
}

/** One point per deploy row and paper row (B2g4 has a 120- and a 200-epoch top-1; tiny, B2g2, B3g2 none). */
export function figure1Points(rows: readonly BenchRow[]): Figure1Point[] {
  const deploy = rows.filter((r) => r.graph === 'deploy');
  const twoBackends = new Set(deploy.map((r) => r.backend)).size > 1;
  return deploy.flatMap((r) =>
    (
      [
        [120, r.paperTop1At120],
        [200, r.paperTop1At200],
      ] as const
    )
      .filter((pair): pair is [120 | 200, number] => pair[1] !== null)
      .map(([epochs, top1]) => ({
        x: r.imagesPerSecond,
        y: top1,
        model: r.model,
        backend: r.backend,
        epochs,
        label: `${r.model}${epochs === 200 ? ' (200 ep)' : ''}${twoBackends ? ` · ${BACKEND_NAME[r.backend]}` : ''}`,
        series: seriesName(r.backend, epochs),
        showLabel: true,
      })),
  );
}

const seriesName = (backend: BenchRow['backend'], epochs: 120 | 200) =>
  `${BACKEND_NAME[backend]}, ${epochs === 200 ? '200 epochs + extra augmentation (paper)' : '120 epochs (paper)'}`;

export function figure1Series(points: readonly Figure1Point[]): ScatterSeries[] {
  const all: ScatterSeries[] = [
    { name: seriesName('wasm', 120), color: 'var(--accent, #a4350f)', symbol: 'circle', filled: true, line: true },
    { name: seriesName('wasm', 200), color: 'var(--accent, #a4350f)', symbol: 'diamond', filled: false },
    { name: seriesName('webgpu', 120), color: 'var(--link, #1d4fa8)', symbol: 'square', filled: true, line: true, labelAnchor: 'end' },
    { name: seriesName('webgpu', 200), color: 'var(--link, #1d4fa8)', symbol: 'triangle', filled: false, labelAnchor: 'end' },
  ];
  return all.filter((s) => points.some((p) => p.series === s.name));
}

/** The paper's RepVGG top-1 range, so the vertical axis stays put whichever models ran. */
const TOP1_RANGE = [Math.floor(Math.min(...PAPER_REPVGG.map((r) => r.top1))) - 0.5, Math.ceil(Math.max(...PAPER_REPVGG.map((r) => r.top1))) + 0.5] as const;

export function figure1Plot(points: readonly Figure1Point[], width: number): SVGSVGElement | HTMLElement {
  const xs = points.map((p) => p.x);
  const xType = axisType(xs);
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  return labelledScatter(points, {
    label: 'Figure 1 on your device: ImageNet top-1 reported by the paper against images per second measured here',
    width,
    xLabel: 'images per second, deploy graph, measured here (batch 1) →',
    yLabel: '↑ ImageNet top-1 % (paper)',
    series: figure1Series(points),
    xType,
    // Room around the points; one point alone still gets a readable axis.
    xDomain: xType === 'log' ? [lo / 1.3, hi * 1.3] : [0, hi * 1.15],
    yDomain: TOP1_RANGE,
  });
}
