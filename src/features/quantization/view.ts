/**
 * The quantization chapter's widget: a seeded RepVGG block; one channel's running variance σ² in
 * one branch's BN, set by the reader; the per-channel ranges of the three folded branches and of
 * W′; histograms of W′ and of its INT8 codes; the round-trip error with one scale per tensor and
 * one per output channel; and the block's output on the sample photo with float against INT8 W′.
 * State in the URL under "q8.". The figures are drawn in figures.ts; this file builds the
 * controls and the readouts.
 */
import type { BranchName } from '../../core/branch-ablation';
import { mean } from '../../core/stats';
import { type Tensor, maxAbs } from '../../core/tensor';
import { decodePpm, rgbToTensor } from '../../io/image';
import { siteUrl } from '../../site/base-url';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { formatError, formatValue } from '../../ui/viz/format';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { simpleTable } from '../../ui/viz/simple-table';
import { Slider, radioGroup, seedSlider } from '../../ui/widgets/controls';
import { timedUpdate } from '../../ui/widgets/timing';
import { drawHistograms, drawOutput, drawRanges, figure } from './figures';
import { BRANCH_LABELS, MODE_LABELS } from './labels';
import {
  BRANCHES,
  type QuantResult,
  SCHEMES,
  type Scheme,
  SHRUNK_CHANNEL,
  VARIANCE_MAX,
  VARIANCE_MIN,
  quantSetup,
  runQuant,
  schemeResult,
  sliderToVariance,
  varianceToSlider,
} from './model';

const SAMPLE = siteUrl('models/samples/samoyed-32.ppm');

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

function drawScale(readout: HTMLElement, r: QuantResult, state: { branch: BranchName; variance: number }): void {
  const maxAbs = (name: BranchName | 'merged', skip: boolean) =>
    Math.max(...r.ranges[name].filter((_, c) => !skip || c !== SHRUNK_CHANNEL).map((x) => x.maxAbs));
  readout.dataset['scale'] = String(r.shrunkScale);
  readout.innerHTML =
    `${BRANCH_LABELS[state.branch]}, channel ${SHRUNK_CHANNEL}: σ² = ${formatValue(state.variance, 3)}, so t = γ/√(σ² + ε) = <strong>${formatValue(r.shrunkScale, 2)}</strong>. ` +
    `In W′, max |entry| of channel ${SHRUNK_CHANNEL} is <strong>${formatValue(r.ranges.merged[SHRUNK_CHANNEL]!.maxAbs, 3)}</strong>; ` +
    `of every other channel at most ${formatValue(maxAbs('merged', true), 3)}.`;
}

const db = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} dB` : '∞');

function drawErrorTable(box: HTMLElement, r: QuantResult): void {
  const rows = SCHEMES.map((scheme) => {
    const m = schemeResult(r, scheme);
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
    tr.dataset['weightRelative'] = String(schemeResult(r, scheme).weightError.relative);
  });
  box.replaceChildren(table);
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
    const m = schemeResult(r, mode);
    return (
      // On a slide each line keeps its key figure; the rest steps back behind More (present-secondary).
      `<li><strong>${MODE_LABELS[mode]}</strong>: <span class="present-secondary">max |Δy| = ${formatError(m.outputError.maxAbs, 2)}, ‖Δy‖ / ‖y‖ = ${formatError(m.outputError.relative, 2)}, </span>` +
      `mean over channels of ‖Δyₒ‖ / ‖yₒ‖ = <strong data-mode="${mode}">${formatError(m.meanChannelRelative, 2)}</strong><span class="present-secondary"> (worst: channel ${m.worstChannel}, ${formatError(m.worstRelative, 2)})</span></li>`
    );
  };
  const ratio = pt.meanChannelRelative / pc.meanChannelRelative;
  readout.innerHTML =
    `Output of the block on the photo, rounded W′ against float32 W′ (largest |y| = ${formatValue(maxAbs(r.reference.data), 3)}):<ul>${line('per-tensor')}${line('per-channel')}${line('fp16')}</ul>` +
    `Per channel, one scale for the whole kernel gives ${ratio >= 1 ? `${formatValue(ratio, 1)}× the error of` : `${formatValue(1 / ratio, 1)}× less error than`} one scale per output channel.`;
}
