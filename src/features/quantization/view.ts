/**
 * The quantization chapter's widget: a seeded RepVGG block; one channel's running variance σ² in
 * one branch's BN, set by the reader; the per-channel ranges of the three folded branches and of
 * W′; histograms of W′ and of its INT8 codes; the round-trip error with one scale per tensor and
 * one per output channel; and the block's output on the sample photo with float against INT8 W′.
 * State in the URL under "q8.".
 */
import * as Plot from '@observablehq/plot';
import type { BranchName } from '../../core/branch-ablation';
import { decodePpm, rgbToTensor } from '../../io/image';
import type { Tensor } from '../../core/tensor';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { hideUnlabelledMarks } from '../../ui/viz/a11y';
import { formatError, formatValue } from '../../ui/viz/format';
import { LiveTable } from '../../ui/viz/live-table';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { simpleTable } from '../../ui/viz/simple-table';
import { Slider, radioGroup, seedSlider } from '../../ui/widgets/controls';
import { timedUpdate } from '../../ui/widgets/timing';
import {
  BRANCHES,
  CHANNELS,
  MODES,
  type QuantResult,
  SCHEMES,
  type Scheme,
  type SchemeResult,
  SHRUNK_CHANNEL,
  VARIANCE_MAX,
  VARIANCE_MIN,
  quantSetup,
  runQuant,
  sliderToVariance,
  varianceToSlider,
} from './model';
import { siteUrl } from '../../site/base-url';

const SAMPLE = siteUrl('models/samples/samoyed-32.ppm');

const KERNEL_NAMES: Record<BranchName | 'merged', string> = {
  dense: 'Ŵ⁽³⁾ (3×3 branch)',
  oneByOne: 'pad(Ŵ⁽¹⁾) (1×1 branch)',
  identity: 'Ŵ⁽⁰⁾ (identity branch)',
  merged: 'W′ (their sum)',
};
const BRANCH_LABELS: Record<BranchName, string> = { dense: '3×3 branch', oneByOne: '1×1 branch', identity: 'identity branch' };
const MODE_LABELS: Record<Scheme, string> = { 'per-tensor': 'INT8, per-tensor scale', 'per-channel': 'INT8, per-channel scales', fp16: 'float16' };
const MODE_COLORS: Record<Scheme, string> = { 'per-tensor': 'var(--accent)', 'per-channel': 'var(--link)', fp16: 'var(--fg-soft)' };
const resultOf = (r: QuantResult, scheme: Scheme): SchemeResult => (scheme === 'fp16' ? r.half : r.modes[scheme]);
const SHRUNK_COLOR = 'var(--accent)';
const PLAIN_COLOR = 'var(--fg-soft)';
export const DEFAULT_VARIANCE = 1e-3;
const DEFAULT_SEED = 7;

export async function mount(host: HTMLElement): Promise<void> {
  const response = await fetch(SAMPLE);
  if (!response.ok) throw new Error(`could not load the sample image (${response.status})`);
  build(host, rgbToTensor(decodePpm(new Uint8Array(await response.arrayBuffer()))));
}

function build(host: HTMLElement, photo: Tensor): void {
  const url = new UrlState('q8');
  const state = {
    seed: Math.round(url.number('seed', DEFAULT_SEED, 0, 999)),
    branch: url.choice<BranchName>('branch', BRANCHES, 'identity'),
    variance: url.number('var', DEFAULT_VARIANCE, VARIANCE_MIN, VARIANCE_MAX),
  };
  let setup = quantSetup(state.seed, photo);
  const update = () => timedUpdate(host, draw);

  const seed = seedSlider(url, { what: 'weights, BN statistics', value: state.seed }, (s) => {
    state.seed = s;
    setup = quantSetup(state.seed, photo);
    update();
  });
  const branch = radioGroup<BranchName>(
    `Branch whose BN gets the small σ²<sub>${SHRUNK_CHANNEL}</sub>`,
    BRANCHES.map((b) => ({ value: b, labelHtml: BRANCH_LABELS[b] })),
    state.branch,
    'branch',
    (b) => {
      state.branch = b;
      url.set({ branch: b === 'identity' ? null : b });
      update();
    },
  );
  const variance = new Slider(
    {
      name: 'var',
      labelHtml: `σ²<sub>${SHRUNK_CHANNEL}</sub> <span class="what">running variance of channel ${SHRUNK_CHANNEL} (log scale; the other channels keep 0.5 to 2)</span>`,
      min: VARIANCE_MIN,
      max: VARIANCE_MAX,
      step: 0.05,
      value: state.variance,
      toSlider: varianceToSlider,
      fromSlider: sliderToVariance,
      format: (v) => String(Number(v.toPrecision(3))),
    },
    (v) => {
      state.variance = v;
      url.set({ var: v });
      update();
    },
  );
  const controls = el('div', { class: 'controls' }, seed.element, branch.element, variance.element);

  const scaleReadout = el('p', { class: 'readout quant-scale', role: 'status' });

  const rangesFigure = figure('quant-ranges', 'Per-output-channel ranges, scrollable');
  const histFigure = figure('quant-histograms', 'Histograms, scrollable');
  const errorTable = scrollRegion(el('div'), 'INT8 round-trip error, scrollable');
  errorTable.classList.add('table-scroll', 'quant-errors');
  const outputFigure = figure('quant-output', 'Output error per channel, scrollable');
  const outputReadout = el('p', { class: 'readout quant-verdict', role: 'status' });

  host.replaceChildren(controls, scaleReadout, rangesFigure.element, histFigure.element, errorTable, outputFigure.element, outputReadout);

  function draw(): void {
    const r = runQuant(setup, state.branch, state.variance);
    drawScale(scaleReadout, r, state);
    drawRanges(rangesFigure, r);
    drawHistograms(histFigure, r);
    drawErrorTable(errorTable, r);
    drawOutput(outputFigure, r);
    drawVerdict(outputReadout, r);
  }

  update();
}

interface FigureSlot {
  readonly element: HTMLElement;
  readonly chart: HTMLElement;
  readonly caption: HTMLElement;
  readonly table: LiveTable;
}

function figure(className: string, scrollLabel: string): FigureSlot {
  const chart = scrollRegion(el('div'), scrollLabel);
  const caption = el('figcaption');
  const table = new LiveTable('Show the values as a table');
  const element = el('figure', { class: `viz-figure quant-figure ${className}` }, chart, caption, table.element);
  return { element, chart, caption, table };
}

function drawScale(readout: HTMLElement, r: QuantResult, state: { branch: BranchName; variance: number }): void {
  const maxAbs = (name: BranchName | 'merged', skip: boolean) =>
    Math.max(...r.ranges[name].filter((_, c) => !skip || c !== SHRUNK_CHANNEL).map((x) => x.maxAbs));
  readout.dataset['scale'] = String(r.shrunkScale);
  readout.innerHTML =
    `${BRANCH_LABELS[state.branch]}, channel ${SHRUNK_CHANNEL}: σ² = ${formatValue(state.variance, 3)}, so t = γ/√(σ² + ε) = <strong>${formatValue(r.shrunkScale, 2)}</strong>. ` +
    `In W′, max |entry| of channel ${SHRUNK_CHANNEL} is <strong>${formatValue(r.ranges.merged[SHRUNK_CHANNEL]!.maxAbs, 3)}</strong>; ` +
    `of every other channel at most ${formatValue(maxAbs('merged', true), 3)}.`;
}

function plotOf(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  return hideUnlabelledMarks(Plot.plot(options));
}

function drawRanges(slot: FigureSlot, r: QuantResult): void {
  const names = [...BRANCHES, 'merged'] as const;
  const data = names.flatMap((name) => r.ranges[name].map((range, c) => ({ name, channel: c, ...range })));
  const top = Math.max(...data.map((d) => d.maxAbs)) || 1;
  // One plot, no facets (facets cost an axis each): the four kernels side by side, a gap between them.
  const GROUP = CHANNELS + 2;
  const bars = data.map((d) => ({ ...d, x1: names.indexOf(d.name) * GROUP + d.channel + 0.1, x2: names.indexOf(d.name) * GROUP + d.channel + 0.9 }));
  const plot = plotOf({
    width: 720,
    height: 250,
    marginLeft: 56,
    marginTop: 28,
    marginBottom: 12,
    x: { axis: null, domain: [0, names.length * GROUP - 2] },
    y: { label: 'kernel entry', labelAnchor: 'center', domain: [-top, top], grid: true, nice: true, ticks: 5 },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.3 }),
      Plot.rect(bars, {
        x1: 'x1',
        x2: 'x2',
        y1: 'min',
        y2: 'max',
        fill: (d: { channel: number }) => (d.channel === SHRUNK_CHANNEL ? SHRUNK_COLOR : PLAIN_COLOR),
      }),
      Plot.text(names, {
        x: (n: string) => names.indexOf(n as never) * GROUP + CHANNELS / 2,
        frameAnchor: 'top',
        dy: -14,
        text: (n: string) => KERNEL_NAMES[n as keyof typeof KERNEL_NAMES],
        fontSize: 11,
        ariaHidden: 'true',
      }),
    ],
    ariaLabel: 'Per-output-channel range of each folded kernel',
    ariaDescription: `Bars from the smallest to the largest entry of each output channel, for the three branches and W′, on one shared scale; channel ${SHRUNK_CHANNEL} in the accent colour. The table of values follows the figure.`,
  });
  slot.chart.replaceChildren(plot);
  slot.caption.textContent =
    `Each bar spans one output channel's entries, smallest to largest, channels 0 to ${CHANNELS - 1} from left to right (channel ${SHRUNK_CHANNEL} highlighted), for the three folded branches and their sum W′, on one shared scale. ` +
    'A per-tensor INT8 scale must cover the tallest bar of W′; per-channel scales cover each bar on its own.';
  slot.table.update(() => [
    simpleTable({
      caption: 'Smallest and largest entry per output channel',
      head: ['output channel', ...names.flatMap((n) => [`${KERNEL_NAMES[n]} min`, `${KERNEL_NAMES[n]} max`])],
      rows: Array.from({ length: CHANNELS }, (_, c) => [
        String(c),
        ...names.flatMap((n) => [formatValue(r.ranges[n][c]!.min, 3), formatValue(r.ranges[n][c]!.max, 3)]),
      ]),
      numeric: Array.from({ length: 2 * names.length }, (_, i) => i + 1),
    }),
  ]);
}

function drawHistograms(slot: FigureSlot, r: QuantResult): void {
  const h = r.weightHistogram;
  const weights = [...h.counts].map((count, i) => ({ x1: h.edges[i]!, x2: h.edges[i + 1]!, count }));
  const codes = MODES.flatMap((mode) =>
    [...r.modes[mode].codeHistogram.counts].map((count, i) => ({ mode: MODE_LABELS[mode], code: i - 127, count })).filter((d) => d.count > 0),
  );
  const weightPlot = plotOf({
    width: 340,
    height: 240,
    marginLeft: 48,
    x: { label: 'entry of W′', nice: false },
    y: { label: 'entries', grid: true, type: 'sqrt' },
    marks: [Plot.rectY(weights, { x1: 'x1', x2: 'x2', y: 'count', fill: PLAIN_COLOR, insetLeft: 0.5, insetRight: 0.5 }), Plot.ruleY([0])],
    ariaLabel: 'Histogram of the entries of W′',
    ariaDescription: 'Counts of W′ entries in equal-width bins over ± the largest entry, square-root count scale. The table of values follows the figure.',
  });
  // Per-tensor codes up, per-channel codes down: one plot, no facets.
  const codeTop = Math.max(...codes.map((d) => d.count));
  const codePlot = plotOf({
    width: 380,
    height: 260,
    marginLeft: 48,
    marginRight: 10,
    x: { label: 'INT8 code q', domain: [-128, 128] },
    y: {
      label: 'entries (per-tensor ↑, per-channel ↓), symlog scale',
      type: 'symlog',
      domain: [-codeTop, codeTop],
      tickFormat: (v: number) => String(Math.abs(v)),
      ticks: [-100, -10, -1, 0, 1, 10, 100].filter((t) => Math.abs(t) <= codeTop),
    },
    marks: [
      Plot.rectY(codes, {
        x1: (d: { code: number }) => d.code - 0.5,
        x2: (d: { code: number }) => d.code + 0.5,
        y: (d: { mode: string; count: number }) => (d.mode === MODE_LABELS['per-tensor'] ? d.count : -d.count),
        fill: (d: { mode: string }) => (d.mode === MODE_LABELS['per-tensor'] ? MODE_COLORS['per-tensor'] : MODE_COLORS['per-channel']),
      }),
      Plot.ruleY([0]),
      Plot.text([MODE_LABELS['per-tensor']], { frameAnchor: 'top-right', text: (d: string) => d, fontSize: 11, ariaHidden: 'true' }),
      Plot.text([MODE_LABELS['per-channel']], { frameAnchor: 'bottom-right', text: (d: string) => d, fontSize: 11, ariaHidden: 'true' }),
    ],
    ariaLabel: 'Histograms of the INT8 codes of W′, per-tensor and per-channel',
    ariaDescription:
      'How many entries of W′ got each code from −127 to 127: with one scale for the whole kernel (bars up) and one per output channel (bars down). The table of values follows the figure.',
  });
  slot.chart.replaceChildren(el('div', { class: 'quant-hist-row' }, weightPlot, codePlot));
  const pt = r.modes['per-tensor'];
  const pc = r.modes['per-channel'];
  slot.caption.textContent =
    `Left: W′'s ${r.merged.kernel.data.length} entries, most of them near zero, a few far out where channel ${SHRUNK_CHANNEL} sits. ` +
    `Right: the INT8 codes they get. One scale for the whole kernel uses ${pt.levels} of the 255 codes; one scale per output channel uses ${pc.levels}.`;
  slot.table.update(() => [
    simpleTable({
      caption: 'Entries of W′ per bin',
      head: ['bin', 'entries'],
      rows: weights.filter((w) => w.count > 0).map((w) => [`${formatValue(w.x1, 3)} to ${formatValue(w.x2, 3)}`, String(w.count)]),
      numeric: [1],
    }),
    simpleTable({
      caption: 'Entries per INT8 code (codes with no entry left out)',
      head: ['code', ...MODES.map((m) => MODE_LABELS[m])],
      rows: [...new Set(codes.map((d) => d.code))]
        .sort((a, b) => a - b)
        .map((code) => [formatValue(code, 0), ...MODES.map((m) => String(r.modes[m].codeHistogram.counts[code + 127]!))]),
      numeric: [1, 2],
    }),
  ]);
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

const db = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} dB` : '∞');

function drawErrorTable(box: HTMLElement, r: QuantResult): void {
  const rows = SCHEMES.map((scheme) => {
    const m = resultOf(r, scheme);
    return [
      MODE_LABELS[scheme],
      scheme === 'fp16' ? '—' : String(r.modes[scheme].levels),
      formatError(m.weightError.maxAbs, 2),
      formatError(m.weightError.relative, 2),
      db(m.weightError.sqnrDb),
      formatError(mean(m.weightErrorByChannel.map((e) => e.relative)), 2),
    ];
  });
  const table = simpleTable({
    caption: 'Round trip of W′: rounded, read back, compared with the float32 W′',
    head: ['stored as', 'INT8 codes used (of 255)', 'max |ΔW′|', '‖ΔW′‖ / ‖W′‖', 'SQNR', 'mean over channels of ‖ΔW′ₒ‖ / ‖W′ₒ‖'],
    rows,
    numeric: [1, 2, 3, 4, 5],
  });
  SCHEMES.forEach((scheme, i) => {
    const tr = table.tBodies[0]!.rows[i]!;
    tr.dataset['scheme'] = scheme;
    tr.dataset['weightRelative'] = String(resultOf(r, scheme).weightError.relative);
  });
  box.replaceChildren(table);
}

function drawOutput(slot: FigureSlot, r: QuantResult): void {
  const floor = 1e-6;
  const data = SCHEMES.flatMap((scheme) =>
    resultOf(r, scheme).outputErrorByChannel.map((e, c) => ({ mode: MODE_LABELS[scheme], channel: c, relative: Math.max(e.relative, floor) })),
  );
  const lo = Math.floor(Math.log10(Math.min(...data.map((d) => d.relative))));
  const hi = Math.ceil(Math.log10(Math.max(...data.map((d) => d.relative))));
  const powers = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  const plot = plotOf({
    width: 560,
    height: 260,
    marginLeft: 56,
    marginRight: 140,
    x: { label: 'output channel', domain: [-0.5, CHANNELS - 0.5], ticks: Array.from({ length: CHANNELS }, (_, c) => c) },
    y: { type: 'log', label: '‖Δy‖ / ‖y‖ per channel', domain: [powers[0]!, powers.at(-1)!], ticks: powers, grid: true, tickFormat: powerOfTen },
    color: { domain: SCHEMES.map((m) => MODE_LABELS[m]), range: SCHEMES.map((m) => MODE_COLORS[m]), legend: false },
    symbol: { domain: SCHEMES.map((m) => MODE_LABELS[m]), range: ['circle', 'square', 'diamond'] },
    marks: [
      Plot.ruleX([SHRUNK_CHANNEL], { stroke: 'currentColor', strokeOpacity: 0.15, strokeWidth: 14 }),
      Plot.dot(data, { x: 'channel', y: 'relative', stroke: 'mode', symbol: 'mode', r: 4, strokeWidth: 2 }),
      Plot.text(
        SCHEMES.map((m) => ({ mode: MODE_LABELS[m], y: Math.max(resultOf(r, m).outputErrorByChannel.at(-1)!.relative, floor) })),
        {
          x: CHANNELS - 1,
          y: 'y',
          text: 'mode',
          dx: 10,
          textAnchor: 'start',
          fill: 'mode',
          fontSize: 11,
          ariaHidden: 'true',
        },
      ),
    ],
    ariaLabel: 'Relative output error per output channel: INT8 with a per-tensor scale, INT8 with per-channel scales, float16',
    ariaDescription: 'Dots on a log scale, one per output channel and way of storing W′. The table of values follows the figure.',
  });
  slot.chart.replaceChildren(plot);
  slot.caption.textContent =
    `The block run on the sample photo (32×32 px, through a float first layer) with float32 W′, and with W′ stored as INT8 or float16; activations stay float. ` +
    `Each dot: one output channel's ‖Δy‖ / ‖y‖, log scale. Channel ${SHRUNK_CHANNEL} is shaded.`;
  slot.table.update(() => [
    simpleTable({
      caption: 'Relative output error ‖Δy‖ / ‖y‖ per output channel',
      head: ['output channel', ...SCHEMES.map((m) => MODE_LABELS[m])],
      rows: Array.from({ length: CHANNELS }, (_, c) => [String(c), ...SCHEMES.map((m) => formatError(resultOf(r, m).outputErrorByChannel[c]!.relative, 2))]),
      numeric: [1, 2, 3],
    }),
  ]);
}

function drawVerdict(readout: HTMLElement, r: QuantResult): void {
  const pt = r.modes['per-tensor'];
  const pc = r.modes['per-channel'];
  readout.dataset['perTensor'] = String(pt.meanChannelRelative);
  readout.dataset['perChannel'] = String(pc.meanChannelRelative);
  readout.dataset['perTensorMax'] = String(pt.outputError.maxAbs);
  readout.dataset['perChannelMax'] = String(pc.outputError.maxAbs);
  readout.dataset['fp16'] = String(r.half.meanChannelRelative);
  const line = (mode: Scheme) => {
    const m = resultOf(r, mode);
    return (
      // On a slide each line keeps its key figure; the rest steps back behind More (present-secondary).
      `<li><strong>${MODE_LABELS[mode]}</strong>: <span class="present-secondary">max |Δy| = ${formatError(m.outputError.maxAbs, 2)}, ‖Δy‖ / ‖y‖ = ${formatError(m.outputError.relative, 2)}, </span>` +
      `mean over channels of ‖Δyₒ‖ / ‖yₒ‖ = <strong data-mode="${mode}">${formatError(m.meanChannelRelative, 2)}</strong><span class="present-secondary"> (worst: channel ${m.worstChannel}, ${formatError(m.worstRelative, 2)})</span></li>`
    );
  };
  const ratio = pt.meanChannelRelative / pc.meanChannelRelative;
  readout.innerHTML =
    `Output of the block on the photo, rounded W′ against float32 W′ (largest |y| = ${formatValue(maxAbsOf(r.reference.data), 3)}):<ul>${line('per-tensor')}${line('per-channel')}${line('fp16')}</ul>` +
    `Per channel, one scale for the whole kernel gives ${ratio >= 1 ? `${formatValue(ratio, 1)}× the error of` : `${formatValue(1 / ratio, 1)}× less error than`} one scale per output channel.`;
}

/** Log-axis ticks as 10⁻³ rather than SI prefixes; ticks between powers of ten stay unlabelled. */
function powerOfTen(v: number): string {
  const k = Math.log10(v);
  if (Math.abs(k - Math.round(k)) > 1e-9) return '';
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const n = Math.round(k);
  return `10${n < 0 ? '⁻' : ''}${[...String(Math.abs(n))].map((d) => digits[Number(d)]).join('')}`;
}

function maxAbsOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}
