/**
 * "Why one path is fast", second figure: a whole RepVGG variant at any input size, in its
 * training-time and deploy forms: operators (kernel launches), bytes moved, and live activation
 * memory layer by layer along the forward pass. State in the URL under "net.".
 */
import * as Plot from '@observablehq/plot';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { hideUnlabelledMarks } from '../../ui/viz/a11y';
import { simpleTable } from '../../ui/viz/simple-table';
import { formatCount } from '../../ui/viz/format';
import { chartFigure, disclosedTable, seriesLegend, statusReadout } from '../../ui/widget-dom';
import { Slider, urlSlider } from '../../ui/widgets/controls';
import { timedUpdate } from '../../ui/widgets/timing';
import { FORM_NAMES, INPUT, VARIANTS, formatMacs, modelCosts, ratio } from './model';
import { formatBytes } from '../../io/bytes';

export function mount(host: HTMLElement): void {
  const url = new UrlState('net');
  const names = VARIANTS.map((v) => v.name.replace(/^RepVGG-/, ''));
  const fromUrl = names.indexOf(url.get('v') ?? 'A0');
  let variant = fromUrl < 0 ? 0 : fromUrl;
  const update = () => timedUpdate(host, draw);

  const pick = new Slider(
    {
      name: 'v',
      labelHtml: 'Variant <span class="what">A0 … B3g4</span>',
      min: 0,
      max: names.length - 1,
      step: 1,
      value: variant,
      format: (v) => names[Math.round(v)] ?? '',
    },
    (v) => {
      variant = Math.round(v);
      url.set({ v: variant === 0 ? null : names[variant] });
      update();
    },
  );
  // The number box shows the name; typing a name is not a number, so it is read-only.
  pick.box.type = 'text';
  pick.box.readOnly = true;
  pick.box.value = names[variant]!;
  pick.box.setAttribute('aria-label', 'Variant chosen');
  const size = urlSlider(url, 'px', 'Input size <span class="what">pixels, square</span>', { ...INPUT, snap: INPUT.step }, (v) => {
    input = v;
    update();
  });
  let input = size.value;
  const controls = el('div', { class: 'controls' }, pick.element, size.element);

  const key = seriesLegend([
    { name: FORM_NAMES.train, color: 'var(--accent)', symbol: 'square', filled: true },
    { name: FORM_NAMES.deploy, color: 'var(--link)', symbol: 'square', filled: true },
  ]);
  const { figure, chart, tableSlot } = chartFigure(
    'net-figure',
    'Live memory along the forward pass, scrollable',
    'Live activation memory while each layer runs (the largest during any of its operators), float32, batch 1. The last step is the pooling and the classifier.',
    key,
  );
  const readout = statusReadout('net-readout');
  host.replaceChildren(controls, figure, readout);

  function draw(): void {
    pick.box.value = names[variant]!;
    const view = modelCosts(variant, input);
    const [train, folded, deploy] = view.forms as [(typeof view.forms)[0], (typeof view.forms)[0], (typeof view.forms)[0]];
    const w = Math.max(320, Math.min(host.clientWidth - 34 || 640, 720));
    const plot = Plot.plot({
      width: w,
      height: 240,
      marginLeft: 56,
      x: { label: 'layer (the last step: pooling and classifier)', domain: [0, view.layers + 1], ticks: 8 },
      y: { label: 'live activations (MB)', grid: true, zero: true, tickFormat: (v: number) => (v / 1e6).toFixed(v >= 1e7 ? 0 : 1) },
      color: { domain: [FORM_NAMES.train, FORM_NAMES.deploy], range: ['var(--accent)', 'var(--link)'] },
      marks: [Plot.line(view.series, { x: 'layer', y: 'bytes', stroke: 'form', curve: 'step-after', strokeWidth: 2, ariaHidden: 'true' }), Plot.ruleY([0])],
      ariaDescription: 'Two step lines, training-time and deploy; the table below has the totals.',
    });
    hideUnlabelledMarks(plot);
    svgOf(plot).setAttribute(
      'aria-label',
      `${view.spec.name} at ${input} px: peak live activations ${formatBytes(train.cost.peakLiveBytes)} trained, ${formatBytes(deploy.cost.peakLiveBytes)} deployed`,
    );
    chart.replaceChildren(plot);
    tableSlot.replaceChildren(
      disclosedTable(
        simpleTable({
          caption: `${view.spec.name}, ${input}×${input} input, batch 1, float32, whole network including pooling and classifier. Computed by src/core/block-cost.ts.`,
          head: [
            'Form',
            'Operators (kernel launches, unfused)',
            'Convolutions + pooling',
            'Multiply-adds',
            'Read + written',
            'of which weights',
            'Peak live activations',
          ],
          numeric: [1, 2, 3, 4, 5, 6],
          rows: view.forms.map((f) => [
            f.name,
            formatCount(f.cost.operators),
            formatCount(f.cost.convOperators),
            formatCount(f.cost.macs),
            formatBytes(f.mac),
            formatBytes(f.cost.weightBytes),
            formatBytes(f.cost.peakLiveBytes),
          ]),
        }),
        'Network cost table, scrollable',
      ),
    );
    readout.dataset['operators'] = view.forms.map((f) => f.cost.operators).join(',');
    readout.dataset['peak'] = view.forms.map((f) => f.cost.peakLiveBytes).join(',');
    readout.innerHTML =
      `${view.spec.name} at ${input} px: trained, <strong>${formatCount(train.cost.operators)} operators</strong> move <strong>${formatBytes(train.mac)}</strong> ` +
      `(${formatCount(folded.cost.operators)} and ${formatBytes(folded.mac)} with BN folded); deployed, <strong>${formatCount(deploy.cost.operators)}</strong> move <strong>${formatBytes(deploy.mac)}</strong> ` +
      `for ${formatMacs(deploy.cost.macs)} multiply-adds (${ratio(train.mac, deploy.mac)} less traffic). ` +
      `Peak live activations: ${formatBytes(train.cost.peakLiveBytes)} against ${formatBytes(deploy.cost.peakLiveBytes)}.`;
  }

  update();
}

/** Plot returns a <figure> (svg + legend) when it draws a legend, else the <svg> itself. */
function svgOf(plot: Element): Element {
  return plot.tagName.toLowerCase() === 'svg' ? plot : (plot.querySelector('svg') ?? plot);
}
