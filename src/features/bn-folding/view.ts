/**
 * Chapter 1's widget: BN settings per output channel → W′, b′ and the formulas with the numbers →
 * conv-then-BN against the folded conv on a photo → their max |difference|. State in the URL under
 * "bn.", so a shared link reopens the same numbers.
 */
import { decodePpm, rgbToTensor, type RgbImage } from '../../io/image';
import type { Tensor } from '../../core/tensor';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { formatValue } from '../../ui/viz/format';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { LegendSlot } from '../../ui/viz/legend';
import { niceMax } from '../../ui/viz/color-ramp';
import { symmetricExtent } from '../../ui/viz/scales';
import { Slider, switchControl } from '../../ui/widgets/controls';
import { KernelFigure } from '../../ui/widgets/kernel-figure';
import { MapComparison } from '../../ui/widgets/map-comparison';
import { differenceReadout } from '../../ui/widgets/readout';
import { timedUpdate } from '../../ui/widgets/timing';
import { channelFormulas } from './formula';
import { type BnSettings, CHANNEL_NAMES, demoKernel, runBnFold } from './model';
import { siteUrl } from '../../site/base-url';

const SAMPLE = siteUrl('models/samples/samoyed-32.ppm');

/** Starting values: far enough from γ = 1, β = μ = 0, σ² = 1 that folding visibly changes W. */
const DEFAULTS = {
  gamma: [1.2, 0.8],
  beta: [0.3, -0.2],
  mean: [0.6, 0.1],
  variance: [1.5, 0.4],
  eps: 1e-5,
};

type Param = 'gamma' | 'beta' | 'mean' | 'variance';
const PARAMS: readonly { key: Param; url: string; symbol: string; what: string; min: number; max: number }[] = [
  { key: 'gamma', url: 'gamma', symbol: 'γ', what: 'scale', min: -3, max: 3 },
  { key: 'beta', url: 'beta', symbol: 'β', what: 'shift', min: -3, max: 3 },
  { key: 'mean', url: 'mean', symbol: 'μ', what: 'running mean', min: -3, max: 3 },
  { key: 'variance', url: 'var', symbol: 'σ', what: 'running variance', min: 0.01, max: 4 },
];

export async function mount(host: HTMLElement): Promise<void> {
  const response = await fetch(SAMPLE);
  if (!response.ok) throw new Error(`could not load the sample image (${response.status})`);
  const image = decodePpm(new Uint8Array(await response.arrayBuffer()));
  build(host, image, rgbToTensor(image));
}

function build(host: HTMLElement, image: RgbImage, x: Tensor): void {
  const url = new UrlState('bn');
  const kernel = demoKernel();
  const sliders = new Map<string, Slider>();
  const update = () => timedUpdate(host, draw);

  const slider = (name: string, spec: Omit<ConstructorParameters<typeof Slider>[0], 'name'>, onChange: (v: number) => void) => {
    const s = new Slider({ ...spec, name }, (v) => {
      onChange(v);
      url.set({ [name]: v });
      update();
    });
    sliders.set(name, s);
    return s;
  };

  const settings = {
    gamma: [0, 1].map((c) => url.number(`gamma${c}`, DEFAULTS.gamma[c]!, -3, 3)),
    beta: [0, 1].map((c) => url.number(`beta${c}`, DEFAULTS.beta[c]!, -3, 3)),
    mean: [0, 1].map((c) => url.number(`mean${c}`, DEFAULTS.mean[c]!, -3, 3)),
    variance: [0, 1].map((c) => url.number(`var${c}`, DEFAULTS.variance[c]!, 0.01, 4)),
    eps: url.number('eps', DEFAULTS.eps, 1e-5, 1),
    train: url.flag('train'),
  };

  // Controls: one group per output channel, then ε and the mode.
  const groups = [0, 1].map((c) =>
    el(
      'fieldset',
      { class: 'control channel-group' },
      el('legend', { text: `Output channel ${c}: ${CHANNEL_NAMES[c]}` }),
      ...PARAMS.map((p) => {
        const label = p.key === 'variance' ? `σ<sub>${c}</sub><sup>2</sup>` : `${p.symbol}<sub>${c}</sub>`;
        return slider(
          `${p.url}${c}`,
          { labelHtml: `${label} <span class="what">${p.what}</span>`, min: p.min, max: p.max, step: 0.01, value: settings[p.key][c]! },
          (v) => (settings[p.key][c] = v),
        ).element;
      }),
    ),
  );
  const eps = slider(
    'eps',
    {
      labelHtml: 'ε <span class="what">added to σ² (one per layer)</span>',
      min: 1e-5,
      max: 1,
      step: 0.1,
      value: settings.eps,
      toSlider: (v) => Math.log10(v),
      fromSlider: (p) => Number((10 ** p).toPrecision(2)),
      format: (v) => v.toExponential(1),
    },
    (v) => (settings.eps = v),
  );
  const train = switchControl('BN in <strong>train mode</strong> (batch statistics)', settings.train, 'train', (on) => {
    settings.train = on;
    url.set({ train: on ? true : null });
    update();
  });
  const reset = el('button', { type: 'button', text: 'Reset to the starting values' });
  reset.addEventListener('click', () => {
    for (const p of PARAMS) for (const c of [0, 1]) settings[p.key][c] = DEFAULTS[p.key][c]!;
    settings.eps = DEFAULTS.eps;
    settings.train = false;
    train.input.checked = false;
    for (const p of PARAMS) for (const c of [0, 1]) sliders.get(`${p.url}${c}`)!.set(settings[p.key][c]!);
    eps.set(settings.eps);
    url.set(Object.fromEntries([...sliders.keys(), 'train'].map((k) => [k, null])));
    update();
  });
  const controls = el('div', { class: 'controls bn-controls' }, ...groups, el('div', { class: 'control-stack' }, eps.element, train.element, reset));

  // Figures: the input photo, W and W′ on one colour scale, the formulas, the output maps.
  const inputFigure = photoFigure(image);
  const w = new KernelFigure('W');
  const wFolded = new KernelFigure('W-folded');
  const kernelLegend = new LegendSlot();
  const kernels = el('div', { class: 'figure-row' }, inputFigure, w.element, wFolded.element);
  const cards = [0, 1].map((c) => {
    const card = scrollRegion(el('div'), `Folding formulas of output channel ${c}, scrollable`);
    card.classList.add('formula-card');
    card.dataset['channel'] = String(c);
    return card;
  });
  const formulas = el('div', { class: 'formula-row' }, ...cards);
  const maps = new MapComparison({
    reference: 'conv → BN',
    converted: 'folded conv',
    channelLabel: (o) => `out ${o} (${CHANNEL_NAMES[o]})`,
    pixel: 5,
  });
  const readout = differenceReadout('the two output maps');
  host.replaceChildren(controls, kernels, kernelLegend.element, formulas, maps.element, readout.element);

  function draw(): void {
    const s: BnSettings = { ...settings };
    const r = runBnFold(x, kernel, s);
    const domainMax = niceMax(symmetricExtent(kernel.data, r.folded.kernel.data));
    w.update(kernel, {
      label: 'W, the kernel before folding',
      caption: 'W: out 0 blurs the brightness, out 1 finds vertical edges; columns read R, G, B.',
      domainMax,
    });
    wFolded.update(r.folded.kernel, {
      label: 'W′, the kernel with BN folded in',
      caption: 'W′ = t · W: each row scaled by its own t.',
      domainMax,
    });
    kernelLegend.update({ kind: 'signed', domainMax, label: 'kernel entry (W and W′)', width: 240 });
    cards.forEach((card, c) => {
      const numbers = {
        channel: c,
        gamma: s.gamma[c]!,
        beta: s.beta[c]!,
        mean: s.mean[c]!,
        variance: s.variance[c]!,
        eps: s.eps,
        t: r.t[c]!,
        bias: r.folded.bias[c]!,
      };
      // MathML layout is not free: redo a channel's formulas only when its numbers changed.
      const key = JSON.stringify(numbers);
      if (card.dataset['numbers'] === key) return;
      card.dataset['numbers'] = key;
      card.replaceChildren(...channelFormulas(numbers));
    });
    maps.update(r.reference, r.converted, r.diff);
    const why = s.train
      ? `Train-mode BN normalizes with this batch's own statistics; the batch here is this one image. ` +
        [0, 1]
          .map(
            (c) =>
              `Channel ${c}: batch mean ${formatValue(r.batch.mean[c]!)} and variance ${formatValue(r.batch.variance[c]!)}, not the running μ${sub(c)} = ${formatValue(s.mean[c]!)} and σ${sub(c)}² = ${formatValue(s.variance[c]!)} folded into W′ and b′.`,
          )
          .join(' ') +
        ' Put the model in eval mode before converting or comparing.'
      : undefined;
    readout.update(r.maxDiff, r.scale, why);
  }

  update();
}

const sub = (c: number) => String.fromCharCode(0x2080 + c);

/** The input as a picture, drawn from the decoded pixels (the same bytes the conv reads). */
function photoFigure(image: RgbImage): HTMLElement {
  const canvas = el('canvas', {
    width: image.width,
    height: image.height,
    class: 'raster',
    role: 'img',
    'aria-label': `The input: the sample photo of a white Samoyed on grass, ${image.width}×${image.height} pixels`,
  });
  const context = canvas.getContext('2d');
  if (context) {
    const pixels = context.createImageData(image.width, image.height);
    for (let i = 0; i < image.width * image.height; i++) {
      pixels.data.set(image.rgb.subarray(i * 3, i * 3 + 3), i * 4);
      pixels.data[i * 4 + 3] = 255;
    }
    context.putImageData(pixels, 0, 0);
  }
  canvas.style.width = `${image.width * 4}px`;
  const caption = el('figcaption', {
    text: `x: the photo at ${image.width}×${image.height}, 3 channels (R, G, B), normalized with the ImageNet mean and std.`,
  });
  return el('figure', { class: 'viz-figure photo-figure' }, canvas, caption);
}
