/**
 * <results-plot>: the paper's top-1 against its measured speed, FLOPs or Wino MULs (Tables 4 and
 * 5, 1080Ti, fp32, batch 128). Every value is the paper's; 200-epoch rows are marked apart.
 * State in the URL under "res.".
 */
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { type ScatterPoint, type ScatterSeries, labelledScatter } from '../../ui/viz/labelled-scatter';
import { simpleTable } from '../../ui/viz/simple-table';
import { disclosedTable, observeWidth, seriesLegend } from '../../ui/widget-dom';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { radioGroup } from '../../ui/widgets/controls';
import { timedUpdate } from '../../ui/widgets/timing';
import { AXES, AXIS_IDS, type Axis, type Group, type ResultPoint, resultPoints } from './model';

const SERIES: Record<Group, ScatterSeries> = {
  'repvgg-120': { name: 'RepVGG, 120 epochs (Table 4)', color: 'var(--accent, #a4350f)', symbol: 'circle', filled: true, line: true },
  'repvgg-200': { name: 'RepVGG, 200 epochs + extra augmentation (Table 5)', color: 'var(--accent, #a4350f)', symbol: 'diamond', filled: false },
  baseline: { name: 'baselines, 120 epochs (Table 4)', color: 'var(--fg-soft, #55524c)', symbol: 'square', filled: false, labelAnchor: 'end', quiet: true },
};
const SERIES_LIST = Object.values(SERIES);

export function mount(host: HTMLElement): void {
  const url = new UrlState('res');
  let axis: Axis = url.choice('x', AXIS_IDS, 'speed');

  const radios = radioGroup(
    'Horizontal axis (all the paper’s)',
    AXIS_IDS.map((id) => ({ value: id, labelHtml: { speed: 'Speed', flops: 'FLOPs', wino: 'Wino MULs' }[id] })),
    axis,
    'x',
    (v) => {
      axis = v;
      url.set({ x: axis === 'speed' ? null : axis });
      update();
    },
  );
  const controls = el('div', { class: 'controls' }, radios.element);
  const figure = createFigure();
  const scroll = scrollRegion(el('div', {}, figure), 'The paper’s accuracy plot (scrolls sideways)');
  host.replaceChildren(controls, seriesLegend(SERIES_LIST), scroll);

  const update = () => timedUpdate(host, draw);
  // The data never changes: one drawing per (axis, width), reused when the reader switches back.
  const drawn = new Map<string, { plot: Element; table: HTMLDetailsElement }>();
  function draw(): void {
    const points = resultPoints(axis);
    const width = Math.max(300, Math.min(host.clientWidth - 34, 900));
    const key = `${axis}|${width}`;
    let parts = drawn.get(key);
    if (!parts) {
      parts = render(points, width);
      drawn.set(key, parts);
    }
    // A reused table follows the reader's current open/closed choice.
    parts.table.open = figure.querySelector(':scope > details.value-table')?.hasAttribute('open') ?? false;
    updateFigure(figure, { ...parts, caption: caption() });
    host.dataset['axis'] = axis;
    host.dataset['points'] = String(points.length);
  }
  function render(points: readonly ResultPoint[], width: number): { plot: Element; table: HTMLDetailsElement } {
    const { label, short } = AXES[axis];
    return {
      plot: labelledScatter(
        points.map((p): ScatterPoint => ({ x: p.x, y: p.top1, label: p.label, series: SERIES[p.group].name, showLabel: true })),
        {
          label: `ImageNet top-1 against ${short}, both as the paper reports them`,
          width,
          xLabel: `${label}, log scale`,
          yLabel: 'top-1 % (paper)',
          series: SERIES_LIST,
          xType: 'log',
        },
      ),
      table: pointsTable(points, axis),
    };
  }
  function caption(): string {
    const { short } = AXES[axis];
    return (
      `The paper's RepVGG rows (Tables 4 and 5) and baselines (Table 4): ImageNet top-1 against ${short}${axis === 'speed' ? ' (examples per second on one 1080Ti, batch 128, fp32: further right is faster)' : ' (further left is cheaper)'}. ` +
      'Hollow diamonds were trained for 200 epochs with extra augmentation, everything else for 120: compare like with like.' +
      (axis === 'wino' ? ' EfficientNet-B0 is left out: the paper gives no Wino MULs for it.' : '')
    );
  }
  update();
  observeWidth(host, update);
}

function pointsTable(points: readonly ResultPoint[], axis: Axis): HTMLDetailsElement {
  const { label } = AXES[axis];
  return disclosedTable(
    simpleTable({
      caption: `The plotted points, all from the paper (Tables 4 and 5): top-1 and ${label}.`,
      head: ['Model', 'Training', 'Top-1 % (paper)', label],
      numeric: [2, 3],
      paper: [2, 3],
      rows: points.map((p) => [p.model, `${p.epochs} epochs`, p.top1.toFixed(2), axis === 'speed' ? String(p.x) : p.x.toFixed(1)]),
    }),
    'Plotted values (scrolls sideways)',
  );
}
