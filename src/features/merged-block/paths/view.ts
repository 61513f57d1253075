/**
 * The ensemble-of-paths figure of chapter 4: how the number of input-to-output paths grows with
 * depth for three branches per block (3ⁿ) against a ResNet's two (2ⁿ) and a plain stack's one, and
 * the exact counts for the real RepVGG-A and -B stacks. State in the URL under "paths.".
 */
import * as Plot from '@observablehq/plot';
import { el, svgEl } from '../../../ui/el';
import { UrlState } from '../../../ui/url-state';
import { formatCount, superscript } from '../../../ui/viz/format';
import { scrollRegion } from '../../../ui/viz/scroll-region';
import { valueTable } from '../../../ui/viz/value-table';
import { Slider } from '../../../ui/widgets/controls';
import { timedUpdate } from '../../../ui/widgets/timing';
import { statusReadout } from '../../../ui/widget-dom';
import { ABLATIONS, MAX_DEPTH, depthRows, networkPaths, powerForm } from './model';

export function mount(host: HTMLElement): void {
  const url = new UrlState('paths');
  const rows = depthRows();
  let n = Math.round(url.number('n', 10, 1, MAX_DEPTH));
  const update = () => timedUpdate(host, draw);

  const depth = new Slider(
    { name: 'n', labelHtml: 'Depth n <span class="what">blocks in the stack</span>', min: 1, max: MAX_DEPTH, step: 1, value: n, format: (v) => String(v) },
    (v) => {
      n = Math.round(v);
      url.set({ n });
      update();
    },
  );
  const controls = el('div', { class: 'controls' }, depth.element);

  const plot = pathsChart(rows);
  const figure = el(
    'figure',
    { class: 'viz-figure paths-figure' },
    scrollRegion(el('div', {}, plot.element), 'Paths against depth, scrollable'),
    el('figcaption', {
      text: 'Paths from input to output against depth, on a log scale: every added block multiplies the count by its number of branches.',
    }),
    valueTable(
      { rows: rows.length, cols: 2, values: rows.flatMap((r) => [Number(r.three), Number(r.two)]) },
      {
        caption: 'Paths through n blocks',
        format: (x) => formatCount(BigInt(x)),
        rowLabel: (r) => `n = ${r + 1}`,
        colLabel: (c) => (c === 0 ? '3ⁿ (three branches)' : '2ⁿ (ResNet)'),
      },
    ),
  );
  const readout = statusReadout('paths-readout');
  host.replaceChildren(controls, figure, readout, networkTable());

  function draw(): void {
    const row = rows[n - 1]!;
    plot.mark(n);
    readout.dataset['three'] = String(row.three);
    readout.dataset['two'] = String(row.two);
    readout.innerHTML =
      `${n} block${n === 1 ? '' : 's'}: <strong>${formatCount(row.three)}</strong> paths with three branches per block (3${superscript(n)}), ` +
      `${formatCount(row.two)} with two, as in a ResNet (2${superscript(n)}), and 1 once merged into a plain stack.`;
  }

  update();
}

/**
 * The chart, drawn once; moving the depth only moves a marker (a rule and three dots placed with
 * the chart's own scales), so the slider never waits for a whole new plot.
 */
function pathsChart(rows: ReturnType<typeof depthRows>) {
  const series = [
    { name: '3ⁿ: RepVGG in training', k: 3, value: (r: (typeof rows)[number]) => Number(r.three) },
    { name: '2ⁿ: ResNet', k: 2, value: (r: (typeof rows)[number]) => Number(r.two) },
    { name: '1: plain, as deployed', k: 1, value: () => 1 },
  ];
  const points = series.flatMap((s) => rows.map((r) => ({ series: s.name, n: r.n, paths: s.value(r), k: s.k })));
  const top = Number(rows.at(-1)!.three) * 2;
  const plot = Plot.plot({
    width: 560,
    height: 300,
    marginLeft: 56,
    marginRight: 150,
    x: { label: 'depth n (blocks)', domain: [1, rows.length] },
    y: { type: 'log', label: 'paths', domain: [1, top], grid: true, ticks: 8, tickFormat: (v: number) => `10${superscript(Math.round(Math.log10(v)))}` },
    marks: [
      // Lines and labels are drawing; the chart's label and its table carry the values.
      Plot.line(
        points.filter((p) => p.k > 1),
        { x: 'n', y: 'paths', z: 'series', stroke: (d: { k: number }) => lineColor(d.k), strokeWidth: 2, ariaHidden: 'true' },
      ),
      Plot.line(
        points.filter((p) => p.k === 1),
        { x: 'n', y: 'paths', stroke: lineColor(1), strokeWidth: 2, strokeDasharray: '4 3', ariaHidden: 'true' },
      ),
      Plot.text(
        series.map((s) => ({ name: s.name, paths: s.value(rows.at(-1)!), k: s.k })),
        { x: rows.length, y: 'paths', text: 'name', dx: 6, textAnchor: 'start', fill: (d: { k: number }) => lineColor(d.k), fontSize: 11, ariaHidden: 'true' },
      ),
    ],
    ariaDescription: 'Three lines on a log scale: 3ⁿ, 2ⁿ and 1; the table of values follows the figure.',
  });
  const svg = plot.tagName.toLowerCase() === 'svg' ? plot : plot.querySelector('svg')!;
  const x = plot.scale('x')!;
  const y = plot.scale('y')!;
  const rule = svgEl('line', { stroke: 'currentColor', 'stroke-opacity': 0.35, y1: y.apply(top), y2: y.apply(1) });
  const dots = series.map((s) => svgEl('circle', { r: 4, fill: lineColor(s.k) }));
  const marker = svgEl('g', { 'aria-hidden': 'true', class: 'depth-marker' }, rule, ...dots);
  svg.append(marker);
  return {
    element: plot,
    mark(n: number): void {
      const row = rows[n - 1]!;
      const px = String(x.apply(n));
      rule.setAttribute('x1', px);
      rule.setAttribute('x2', px);
      series.forEach((s, i) => {
        dots[i]!.setAttribute('cx', px);
        dots[i]!.setAttribute('cy', String(y.apply(s.value(row))));
      });
      svg.setAttribute('aria-label', `Paths against depth; at n = ${n}: ${series.map((s) => `${s.name} ${formatCount(BigInt(s.value(row)))}`).join(', ')}`);
    },
  };
}

/** The chapter's two accents: the training-time RepVGG in the accent colour, the rest muted. */
function lineColor(k: number): string {
  return k === 3 ? 'var(--accent)' : k === 2 ? 'var(--link)' : 'var(--fg-soft)';
}

/** Exact counts for the real stacks, for each choice of branches of the paper's Table 6. */
function networkTable(): HTMLElement {
  const table = el('table');
  const nets = networkPaths();
  const a = nets[0]!;
  const all = a.counts[ABLATIONS.length - 1]!;
  table.innerHTML =
    `<caption>Paths through the real stacks. The first block of every stage has stride 2 and so no identity branch, so ${a.name} has ${powerForm(all.threes, all.twos)} paths, not 3${superscript(a.layers)}.</caption>` +
    `<thead><tr><th scope="col">network</th>${ABLATIONS.map((a) => `<th scope="col" class="num">${a.name}</th>`).join('')}</tr></thead>`;
  const tbody = el('tbody');
  for (const net of nets) {
    const cells = net.counts.map((c) => `<td class="num"><span class="power">${powerForm(c.threes, c.twos)}</span><br>${formatCount(c.paths)}</td>`).join('');
    tbody.insertAdjacentHTML('beforeend', `<tr><th scope="row">${net.name} (${net.layers} blocks)</th>${cells}</tr>`);
  }
  table.append(tbody);
  return scrollRegion(el('div', { class: 'table-scroll network-paths present-secondary' }, table), 'Paths through the real stacks, scrollable');
}
