/**
 * The ACB figure (chapter "Same function, different training"): a seeded Asymmetric Convolution
 * Block; its folded 3×3, 1×3 and 3×1 branches drawn as 3×3 kernels and their sum; the three-branch
 * block against the one merged conv on the same input. State in the URL under "acb.".
 */
import { UrlState } from '../../ui/url-state';
import { niceMax } from '../../ui/viz/color-ramp';
import { LegendSlot } from '../../ui/viz/legend';
import { symmetricExtent } from '../../ui/viz/scales';
import { radioGroup, seedSlider, switchControl } from '../../ui/widgets/controls';
import { KernelFigure } from '../../ui/widgets/kernel-figure';
import { MapComparison } from '../../ui/widgets/map-comparison';
import { differenceReadout } from '../../ui/widgets/readout';
import { timedUpdate } from '../../ui/widgets/timing';
import { STRIDES, type AcbKeep, acbSetup, runAcb, tapsTouched, withChoices } from './model';

const NAMES = {
  square: { symbol: 'Ŵ⁽³ˣ³⁾', label: 'the 3×3 branch, BN folded in' },
  hor: { symbol: 'pad(Ŵ⁽¹ˣ³⁾)', label: 'the 1×3 branch, BN folded in, on the middle row of a 3×3' },
  ver: { symbol: 'pad(Ŵ⁽³ˣ¹⁾)', label: 'the 3×1 branch, BN folded in, on the middle column of a 3×3' },
  merged: { symbol: 'W′', label: 'the merged kernel, the sum of the kept branches' },
} as const;

export function mount(host: HTMLElement): void {
  const url = new UrlState('acb');
  const state = {
    seed: Math.round(url.number('seed', 3, 0, 999)),
    keep: { hor: !url.flag('nohor'), ver: !url.flag('nover') } as AcbKeep,
    stride: Number(url.choice('stride', STRIDES, '1')),
  };
  let setup = acbSetup(state.seed);
  const update = () => timedUpdate(host, draw);

  const controls = document.createElement('div');
  controls.className = 'controls';
  const seed = seedSlider(url, { what: 'weights, BN statistics and input', value: state.seed }, (s) => {
    state.seed = s;
    setup = acbSetup(state.seed);
    update();
  });
  const branches = document.createElement('fieldset');
  branches.className = 'control channel-group';
  branches.innerHTML = '<legend>Asymmetric branches (the 3×3 is always there)</legend>';
  const hor = switchControl('1×3 branch', state.keep.hor, 'hor', (on) => {
    state.keep = { ...state.keep, hor: on };
    url.set({ nohor: on ? null : true });
    update();
  });
  const ver = switchControl('3×1 branch', state.keep.ver, 'ver', (on) => {
    state.keep = { ...state.keep, ver: on };
    url.set({ nover: on ? null : true });
    update();
  });
  branches.append(hor.element, ver.element);
  const stride = radioGroup(
    'Stride (every branch)',
    STRIDES.map((s) => ({ value: s, labelHtml: s })),
    String(state.stride) as '1' | '2',
    'stride',
    (s) => {
      state.stride = Number(s);
      url.set({ stride: state.stride === 1 ? null : state.stride });
      update();
    },
  );
  controls.append(seed.element, branches, stride.element);

  const figures = { square: new KernelFigure('square'), hor: new KernelFigure('hor'), ver: new KernelFigure('ver'), merged: new KernelFigure('merged') };
  const slots = Object.fromEntries((['square', 'hor', 'ver', 'merged'] as const).map((n) => [n, slot(figures[n].element)])) as Record<
    keyof typeof figures,
    HTMLElement
  >;
  const sum = document.createElement('div');
  sum.className = 'kernel-sum';
  sum.append(slots.square, operator('+'), slots.hor, operator('+'), slots.ver, operator('='), slots.merged);
  const legend = new LegendSlot();
  const taps = document.createElement('p');
  taps.className = 'readout acb-taps';
  const maps = new MapComparison({
    reference: 'three branches, each with its BN',
    converted: 'one 3×3 conv with W′, b′',
    channelLabel: (o) => `out ${o}`,
    pixel: 20,
  });
  const readout = differenceReadout('the two outputs');
  host.replaceChildren(controls, sum, legend.element, taps, maps.element, readout.element);

  function draw(): void {
    const block = withChoices(setup.block, state.keep, state.stride);
    const r = runAcb(block, setup.x);
    const domainMax = niceMax(symmetricExtent(...r.branches.map((b) => b.kernel.data), r.merged.kernel.data));
    for (const name of ['square', 'hor', 'ver'] as const) {
      const branch = r.branches.find((b) => b.name === name);
      slots[name].classList.toggle('off', !branch);
      slots[name].querySelector('.off-note')!.textContent = `${NAMES[name].symbol}: branch off, adds nothing`;
      if (branch)
        figures[name].update(branch.kernel, { label: `${NAMES[name].symbol}, ${NAMES[name].label}`, caption: NAMES[name].symbol, domainMax, tap: 16 });
    }
    figures.merged.update(r.merged.kernel, { label: `${NAMES.merged.symbol}, ${NAMES.merged.label}`, caption: NAMES.merged.symbol, domainMax, tap: 16 });
    legend.update({ kind: 'signed', domainMax, label: 'kernel entry (all four grids)', width: 240 });
    const touched = tapsTouched(state.keep);
    const corners = touched[0]![0]!;
    const centre = touched[1]![1]!;
    taps.dataset['centre'] = String(centre);
    taps.textContent =
      `Branches adding into each tap of W′: corners ${corners}, edge middles ${touched[0]![1]} (top, bottom) and ${touched[1]![0]} (left, right), centre ${centre}. ` +
      `Output maps ${r.outSize}×${r.outSize} at stride ${state.stride}.`;
    maps.update(r.reference, r.converted, r.diff);
    readout.update(r.maxDiff, r.scale);
    host.dataset['outSize'] = String(r.outSize);
  }

  update();
}

function slot(figure: HTMLElement): HTMLElement {
  const el = document.createElement('div');
  el.className = 'kernel-slot';
  const off = document.createElement('p');
  off.className = 'off-note';
  el.append(figure, off);
  return el;
}

function operator(sign: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'kernel-op';
  el.setAttribute('aria-hidden', 'true');
  el.textContent = sign;
  return el;
}
