/**
 * <family-accuracy>: the paper's reported top-1 against params or FLOPs (URL: accuracy.x).
 * RepVGG's x is counted here; the baselines' x and every y are the paper's.
 */
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { type ScatterPoint, type ScatterSeries, labelledScatter } from '../../ui/viz/labelled-scatter';
import { simpleTable } from '../../ui/viz/simple-table';
import { disclosedTable, observeWidth, seriesLegend } from '../../ui/widget-dom';
import { radioGroup } from '../../ui/widgets/controls';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { type AccuracyPoint, accuracyPoints } from '../../core/family-rows';

const AXES = {
  params: { key: 'paramsM', label: 'parameters (M)', short: 'params' },
  flops: { key: 'flopsB', label: 'FLOPs (B multiply-adds)', short: 'FLOPs' },
} as const;
type Axis = keyof typeof AXES;

const SERIES: readonly ScatterSeries[] = [
  { name: 'RepVGG, 120 epochs', color: 'var(--accent, #a4350f)', symbol: 'circle', filled: true, line: true },
  { name: 'RepVGG, 200 epochs + extra augmentation', color: 'var(--accent, #a4350f)', symbol: 'diamond', filled: false },
  { name: 'baselines (paper, 120 epochs)', color: 'var(--fg-soft, #55524c)', symbol: 'square', filled: false, labelAnchor: 'end', quiet: true },
];

const seriesOf = (p: AccuracyPoint) => (p.family === 'baseline' ? SERIES[2]!.name : p.epochs === 200 ? SERIES[1]!.name : SERIES[0]!.name);

export function mount(host: HTMLElement): void {
  const state = new UrlState('accuracy');
  let axis: Axis = state.choice('x', ['params', 'flops'] as const, 'params');
  const all = accuracyPoints();

  const radios = radioGroup(
    'Horizontal axis',
    [
      { value: 'params', labelHtml: 'Parameters' },
      { value: 'flops', labelHtml: 'FLOPs' },
    ],
    axis,
    'accuracy-x',
    (v) => {
      axis = v as Axis;
      state.set({ x: axis === 'params' ? null : axis });
      render();
    },
  );
  const controls = el('div', { class: 'controls' }, radios.element);

  const legend = seriesLegend(SERIES);

  const figure = createFigure();
  const scroll = scrollRegion(el('div', {}, figure), 'Accuracy plot (scrolls sideways)');

  const render = () => {
    const { key, label, short } = AXES[axis];
    const points: ScatterPoint[] = all.map((p) => ({ x: p[key], y: p.top1, label: p.label, series: seriesOf(p), showLabel: true }));
    const width = Math.max(300, Math.min(host.clientWidth - 34, 900));
    updateFigure(figure, {
      plot: labelledScatter(points, {
        label: `ImageNet top-1 accuracy (paper) against ${short}`,
        width,
        xLabel: label,
        yLabel: 'top-1 % (paper)',
        series: SERIES,
      }),
      caption:
        `Top-1 accuracy is the paper's (Tables 4 and 5). RepVGG's ${short} are counted by host notebook; the baselines' are the paper's. ` +
        'B2g2 and B3g2 are not plotted: the paper reports no accuracy for them. Hover a point for its values.',
      table: pointsTable(all, axis),
    });
    host.dataset['axis'] = axis;
  };
  render();
  observeWidth(host, render);
  host.append(controls, legend, scroll);
}

function pointsTable(points: readonly AccuracyPoint[], axis: Axis): HTMLDetailsElement {
  const { key, label } = AXES[axis];
  return disclosedTable(
    simpleTable({
      caption: `The plotted points: top-1 (paper) and ${label}; the last column says where x comes from.`,
      head: ['Model', 'Training', 'Top-1 % (paper)', label, 'x from'],
      numeric: [2, 3],
      paper: [2],
      rows: points.map((p) => [p.model, `${p.epochs} epochs`, p.top1.toFixed(2), p[key].toFixed(2), p.xSource === 'computed' ? 'computed here' : 'paper']),
    }),
    'Plotted values (scrolls sideways)',
  );
}
