/**
 * "Why one path is fast", first figure: one stride-1 block (in = out channels, all three
 * branches) in its three forms, at the width and map size the reader picks: operators, bytes
 * read and written per operator kind, peak live activation memory. State in the URL under "cost.".
 */
import * as Plot from '@observablehq/plot';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { hideUnlabelledMarks } from '../../ui/viz/a11y';
import { simpleTable } from '../../ui/viz/simple-table';
import { formatCount } from '../../ui/viz/format';
import { chartFigure, disclosedTable, seriesLegend, statusReadout } from '../../ui/widget-dom';
import { urlSlider } from '../../ui/widgets/controls';
import { timedUpdate } from '../../ui/widgets/timing';
import { CHANNELS, SIDE, blockCosts, bytesByKind, formatMacs, ratio } from './model';
import { formatBytes } from '../../io/bytes';

const KIND_COLORS: Record<string, string> = { convolutions: 'var(--accent)', 'batch norms': 'var(--link)', adds: '#b8860b', ReLU: 'var(--fg-soft)' };

export function mount(host: HTMLElement): void {
  const url = new UrlState('cost');
  const update = () => timedUpdate(host, draw);

  const width = urlSlider(url, 'c', 'Width C <span class="what">channels in and out</span>', { ...CHANNELS, step: 16 }, (v) => {
    channels = v;
    update();
  });
  const res = urlSlider(url, 's', 'Map size H = W <span class="what">pixels</span>', SIDE, (v) => {
    side = v;
    update();
  });
  let channels = width.value;
  let side = res.value;
  const controls = el('div', { class: 'controls' }, width.element, res.element);

  // The key is drawn once; each update redraws only the bars.
  const key = seriesLegend(Object.entries(KIND_COLORS).map(([name, color]) => ({ name, color, symbol: 'square', filled: true })));
  const { figure, chart, tableSlot } = chartFigure(
    'cost-figure',
    'Bytes moved per form, scrollable',
    'Bytes read and written by one block, float32, batch 1, stacked by kind of operator: each operator reads its inputs and weights once and writes its output once.',
    key,
  );
  const readout = statusReadout('cost-readout');
  host.replaceChildren(controls, figure, readout);

  function draw(): void {
    const costs = blockCosts(channels, side);
    const [train, folded, deploy] = costs as [(typeof costs)[0], (typeof costs)[0], (typeof costs)[0]];
    const bars = bytesByKind(costs);
    const map = 4 * channels * side * side;
    const w = Math.max(320, Math.min(host.clientWidth - 34 || 640, 720));
    const plot = Plot.plot({
      width: w,
      height: 170,
      marginLeft: 190,
      x: { label: 'bytes read + written (MB)', grid: true, tickFormat: (v: number) => (v / 1e6).toFixed(v < 1e6 ? 1 : 0) },
      y: { label: null, domain: costs.map((c) => c.name) },
      color: { domain: Object.keys(KIND_COLORS), range: Object.values(KIND_COLORS) },
      marks: [Plot.barX(bars, Plot.stackX({ y: 'form', x: 'bytes', fill: 'kind', ariaHidden: 'true' })), Plot.ruleX([0])],
      ariaDescription: 'Stacked bars of bytes moved per form of the block; the table below has the values.',
    });
    hideUnlabelledMarks(plot);
    svgOf(plot).setAttribute(
      'aria-label',
      `Bytes moved by one block with ${channels} channels on a ${side}×${side} map: ${costs.map((c) => `${c.name} ${formatBytes(c.mac)}`).join(', ')}`,
    );
    chart.replaceChildren(plot);
    tableSlot.replaceChildren(
      disclosedTable(
        simpleTable({
          caption: `One block, ${channels} → ${channels} channels, ${side}×${side}, stride 1, float32, batch 1. Computed by src/core/block-cost.ts.`,
          head: ['Form', 'Operators', 'Convolutions', 'Multiply-adds', 'Bytes read', 'Bytes written', 'Read + written', 'Peak live activations'],
          numeric: [1, 2, 3, 4, 5, 6, 7],
          rows: costs.map((c) => [
            c.name,
            String(c.cost.operators),
            String(c.cost.convOperators),
            formatCount(c.cost.macs),
            formatBytes(c.cost.readBytes),
            formatBytes(c.cost.writeBytes),
            formatBytes(c.mac),
            formatBytes(c.cost.peakLiveBytes),
          ]),
        }),
        'Block cost table, scrollable',
      ),
    );
    readout.dataset['operators'] = costs.map((c) => c.cost.operators).join(',');
    readout.dataset['mac'] = costs.map((c) => c.mac).join(',');
    readout.dataset['peak'] = costs.map((c) => c.cost.peakLiveBytes).join(',');
    readout.innerHTML =
      `Trained form: <strong>${train.cost.operators} operators</strong> moving <strong>${formatBytes(train.mac)}</strong> for ${formatMacs(train.cost.macs)} multiply-adds; ` +
      `with BN folded: ${folded.cost.operators} operators, ${formatBytes(folded.mac)}; ` +
      `deployed: <strong>${deploy.cost.operators}</strong> (conv, ReLU), <strong>${formatBytes(deploy.mac)}</strong> for ${formatMacs(deploy.cost.macs)} — ` +
      `${ratio(train.mac, deploy.mac)} less traffic than trained, ${ratio(folded.mac, deploy.mac)} less than BN-folded. ` +
      `Peak live activations: ${formatBytes(train.cost.peakLiveBytes)} trained (${train.cost.peakLiveBytes / map} feature maps at once) against ${formatBytes(deploy.cost.peakLiveBytes)} deployed (${deploy.cost.peakLiveBytes / map}: the input and the output).`;
  }

  update();
}

/** Plot returns a <figure> (svg + legend) when it draws a legend, else the <svg> itself. */
function svgOf(plot: Element): Element {
  return plot.tagName.toLowerCase() === 'svg' ? plot : (plot.querySelector('svg') ?? plot);
}
