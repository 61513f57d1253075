/**
 * Chapter 2's widget: editable 1×1 weights, drawn as 1×1 kernels and as the same weights zero-padded
 * to 3×3; the 1×1 conv (padding 0) and the padded 3×3 conv (padding 1) on one input, at stride 1 or
 * 2; and a probe that shows which input pixels one output reads. State in the URL under "pad.".
 */
import type { Tensor } from '../../core/tensor';
import { zeroPad2d } from '../../core/zero-pad';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { niceMax } from '../../ui/viz/color-ramp';
import { formatValue } from '../../ui/viz/format';
import { LegendSlot } from '../../ui/viz/legend';
import { drawRaster, rasterHeatmap } from '../../ui/viz/raster';
import { RasterOverlay } from '../../ui/viz/raster-overlay';
import { symmetricExtent } from '../../ui/viz/scales';
import { Slider, radioGroup, seedSlider } from '../../ui/widgets/controls';
import { KernelFigure } from '../../ui/widgets/kernel-figure';
import { MapComparison } from '../../ui/widgets/map-comparison';
import { differenceReadout } from '../../ui/widgets/readout';
import { timedUpdate } from '../../ui/widgets/timing';
import { CHANNELS, SIZE, centreOf, demoInput, oneByOneKernel, runPad } from './model';

const DEFAULT_WEIGHTS = [
  [0.8, -0.5],
  [0.3, 1.2],
];
const STRIDES = ['1', '2'] as const;

export function mount(host: HTMLElement): void {
  const url = new UrlState('pad');
  const weights = DEFAULT_WEIGHTS.map((row, o) => row.map((w, i) => url.number(`w${o}${i}`, w, -2, 2)));
  const state = {
    stride: Number(url.choice('stride', STRIDES, '1')),
    seed: Math.round(url.number('seed', 2, 0, 999)),
    row: 0,
    col: 0,
  };
  let x: Tensor = demoInput(state.seed);
  const outSize = () => Math.floor((SIZE - 1) / state.stride) + 1;
  state.row = Math.round(url.number('row', 3, 0, outSize() - 1));
  state.col = Math.round(url.number('col', 0, 0, outSize() - 1));
  const update = () => timedUpdate(host, draw);

  // Controls
  const weightGroup = el('fieldset', { class: 'control channel-group' });
  weightGroup.innerHTML = '<legend>1×1 weights w<sub>o,i</sub> (output o, input i)</legend>';
  for (const o of [0, 1])
    for (const i of [0, 1]) {
      const s = new Slider({ name: `w${o}${i}`, labelHtml: `w<sub>${o},${i}</sub>`, min: -2, max: 2, step: 0.05, value: weights[o]![i]! }, (v) => {
        weights[o]![i] = v;
        url.set({ [`w${o}${i}`]: v });
        update();
      });
      weightGroup.append(s.element);
    }
  const where = el('fieldset', { class: 'control channel-group' });
  where.innerHTML = '<legend>Which output pixel to look at</legend>';
  const probe = (name: 'row' | 'col', label: string) =>
    new Slider({ name, labelHtml: label, min: 0, max: outSize() - 1, step: 1, value: state[name], format: (v) => String(v) }, (v) => {
      state[name] = Math.round(v);
      url.set({ [name]: state[name] });
      update();
    });
  const rowSlider = probe('row', 'output row');
  const colSlider = probe('col', 'output column');
  where.append(rowSlider.element, colSlider.element);
  const stride = radioGroup(
    'Stride (both convolutions)',
    STRIDES.map((s) => ({ value: s, labelHtml: s })),
    String(state.stride) as '1' | '2',
    'stride',
    (s) => {
      state.stride = Number(s);
      rowSlider.setBounds(0, outSize() - 1);
      colSlider.setBounds(0, outSize() - 1);
      state.row = rowSlider.value;
      state.col = colSlider.value;
      url.set({ stride: state.stride === 1 ? null : state.stride, row: state.row, col: state.col });
      update();
    },
  );
  const seed = seedSlider(url, { what: 'a different random input', value: state.seed, label: 'Input seed' }, (s) => {
    state.seed = s;
    x = demoInput(state.seed);
    update();
  });
  const controls = el('div', { class: 'controls' }, weightGroup, where, el('div', { class: 'control-stack' }, stride.element, seed.element));

  // Figures
  const k1 = new KernelFigure('1x1');
  const k3 = new KernelFigure('3x3');
  const kernelLegend = new LegendSlot();
  const kernels = el('div', { class: 'figure-row' }, k1.element, k3.element);
  const input = inputFigure();
  const probeText = el('div', { class: 'probe-sum', 'aria-live': 'polite' });
  const maps = new MapComparison({ reference: '1×1 conv, padding 0', converted: 'padded 3×3, padding 1', channelLabel: (o) => `out ${o}`, pixel: 22 });
  const readout = differenceReadout('the two outputs');
  host.replaceChildren(controls, kernels, kernelLegend.element, input.element, probeText, maps.element, readout.element);

  function draw(): void {
    const kernel = oneByOneKernel(weights);
    const r = runPad(x, kernel, state.stride);
    const domainMax = niceMax(symmetricExtent(kernel.data));
    k1.update(kernel, { label: 'W⁽¹⁾, the 1×1 kernels', caption: 'W⁽¹⁾: one weight per (output, input) pair.', domainMax, showValues: true, tap: 34 });
    k3.update(r.padded, {
      label: 'pad(W⁽¹⁾), the same weights as 3×3 kernels',
      caption: 'pad(W⁽¹⁾): each weight at the centre, eight zeros around it.',
      domainMax,
      showValues: true,
      tap: 30,
    });
    kernelLegend.update({ kind: 'signed', domainMax, label: 'weight', width: 220 });
    const centre = centreOf(state.row, state.col, state.stride);
    input.draw(x, centre);
    probeText.replaceChildren(...probeLines(x, r.oneByOne, weights, state, centre));
    maps.update(r.oneByOne, r.threeByThree, r.diff);
    maps.mark({ row: state.row, col: state.col });
    readout.update(r.maxDiff, r.scale);
  }

  update();
}

/** The input, both channels, with its zero padding, the probed window and its centre outlined. */
function inputFigure() {
  const overlays = Array.from(
    { length: CHANNELS },
    () => new RasterOverlay(rasterHeatmap({ rows: 1, cols: 1, values: [0] }, { label: '', scale: 'signed', domainMax: 1 })),
  );
  const legend = new LegendSlot();
  const caption = el('figcaption');
  const channels = overlays.map((overlay, c) =>
    el('div', { class: 'input-channel' }, el('div', { class: 'map-head', text: `input channel ${c}` }), overlay.element),
  );
  const element = el('figure', { class: 'viz-figure input-figure' }, el('div', { class: 'figure-row' }, ...channels), legend.element, caption);
  return {
    element,
    draw(x: Tensor, centre: { row: number; col: number }) {
      const padded = zeroPad2d(x, 1);
      const side = SIZE + 2;
      const domainMax = niceMax(symmetricExtent(x.data));
      overlays.forEach((overlay, c) => {
        const values = padded.data.subarray(c * side * side, (c + 1) * side * side);
        drawRaster(
          overlay.canvas,
          { rows: side, cols: side, values },
          { label: `input channel ${c} with its ring of zero padding, ${side}×${side}`, scale: 'signed', domainMax, pixel: 20 },
        );
        // In padded coordinates the centre pixel is one row and column further in.
        overlay.draw([
          { row: 1, col: 1, rows: SIZE, cols: SIZE, kind: 'frame' },
          { row: centre.row, col: centre.col, rows: 3, cols: 3, kind: 'window' },
          { row: centre.row + 1, col: centre.col + 1, rows: 1, cols: 1, kind: 'focus' },
        ]);
      });
      legend.update({ kind: 'signed', domainMax, label: 'input value', width: 200 });
      caption.textContent =
        `x with its ring of zero padding (outside the dotted frame). Dashed: the 3×3 window the padded kernel reads for the chosen output; ` +
        `solid: its centre, input pixel (${centre.row}, ${centre.col}), the only pixel the 1×1 conv reads there.`;
    },
  };
}

/** y_o[r, c] = Σ_i w_{o,i} · x_i[s·r, s·c], with the numbers, for each output channel. */
function probeLines(
  x: Tensor,
  out: Tensor,
  weights: number[][],
  state: { row: number; col: number; stride: number },
  centre: { row: number; col: number },
): HTMLElement[] {
  const [, , ho, wo] = out.shape as [number, number, number, number];
  return [0, 1].map((o) => {
    const terms = [0, 1].map((i) => {
      const xi = x.data[(i * SIZE + centre.row) * SIZE + centre.col]!;
      return `${paren(formatValue(weights[o]![i]!))} × ${paren(formatValue(xi, 1))}`;
    });
    const y = out.data[(o * ho + state.row) * wo + state.col]!;
    const p = el('p');
    p.innerHTML =
      `y<sub>${o}</sub>[${state.row}, ${state.col}] = w<sub>${o},0</sub> x<sub>0</sub>[${centre.row}, ${centre.col}] + w<sub>${o},1</sub> x<sub>1</sub>[${centre.row}, ${centre.col}]` +
      ` = ${terms.join(' + ')} = <strong>${formatValue(y, 4)}</strong>`;
    return p;
  });
}

const paren = (s: string) => (s.startsWith('−') ? `(${s})` : s);
