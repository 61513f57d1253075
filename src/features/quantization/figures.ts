/**
 * The quantization chapter's three figures: per-channel ranges of the folded kernels and W′,
 * histograms of W′ and its INT8 codes, and the block's output error per channel. Each redraws
 * its plot, caption and table of values from one QuantResult.
 */
import * as Plot from '@observablehq/plot';
import { el } from '../../ui/el';
import { hideUnlabelledMarks } from '../../ui/viz/a11y';
import { formatError, formatValue, powerOfTen } from '../../ui/viz/format';
import { LiveTable } from '../../ui/viz/live-table';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { simpleTable } from '../../ui/viz/simple-table';
import { KERNEL_NAMES, MODE_COLORS, MODE_LABELS, PLAIN_COLOR, SHRUNK_COLOR } from './labels';
import { BRANCHES, CHANNELS, MODES, type QuantResult, SCHEMES, SHRUNK_CHANNEL, schemeResult } from './model';

export interface FigureSlot {
  readonly element: HTMLElement;
  readonly chart: HTMLElement;
  readonly caption: HTMLElement;
  readonly table: LiveTable;
}

export function figure(className: string, scrollLabel: string): FigureSlot {
  const chart = scrollRegion(el('div'), scrollLabel);
  const caption = el('figcaption');
  const table = new LiveTable('Show the values as a table');
  const element = el('figure', { class: `viz-figure quant-figure ${className}` }, chart, caption, table.element);
  return { element, chart, caption, table };
}

function plotOf(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  return hideUnlabelledMarks(Plot.plot(options));
}

export function drawRanges(slot: FigureSlot, r: QuantResult): void {
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

export function drawHistograms(slot: FigureSlot, r: QuantResult): void {
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

export function drawOutput(slot: FigureSlot, r: QuantResult): void {
  const floor = 1e-6;
  const data = SCHEMES.flatMap((scheme) =>
    schemeResult(r, scheme).outputErrorByChannel.map((e, c) => ({ mode: MODE_LABELS[scheme], channel: c, relative: Math.max(e.relative, floor) })),
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
        SCHEMES.map((m) => ({ mode: MODE_LABELS[m], y: Math.max(schemeResult(r, m).outputErrorByChannel.at(-1)!.relative, floor) })),
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
      rows: Array.from({ length: CHANNELS }, (_, c) => [
        String(c),
        ...SCHEMES.map((m) => formatError(schemeResult(r, m).outputErrorByChannel[c]!.relative, 2)),
      ]),
      numeric: [1, 2, 3],
    }),
  ]);
}
