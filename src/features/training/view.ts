/**
 * The ACB figure (chapter "Same function, different training"): a seeded Asymmetric Convolution
 * Block; its folded 3×3, 1×3 and 3×1 branches drawn as 3×3 kernels and their sum; the three-branch
 * block against the one merged conv on the same input. State in the URL under "acb.".
 */
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { branchSwitches, radioGroup, seedSlider } from '../../ui/widgets/controls';
import { KernelSum } from '../../ui/widgets/kernel-sum';
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
  const branches = branchSwitches(
    url,
    'Asymmetric branches (the 3×3 is always there)',
    [
      { key: 'hor', label: '1×3 branch', off: 'nohor' },
      { key: 'ver', label: '3×1 branch', off: 'nover' },
    ],
    (keep: AcbKeep) => {
      state.keep = keep;
      update();
    },
  );
  const state = {
    seed: Math.round(url.number('seed', 3, 0, 999)),
    keep: branches.keep,
    stride: Number(url.choice('stride', STRIDES, '1')),
  };
  let setup = acbSetup(state.seed);
  const update = () => timedUpdate(host, draw);

  const seed = seedSlider(url, { what: 'weights, BN statistics and input', value: state.seed }, (s) => {
    state.seed = s;
    setup = acbSetup(state.seed);
    update();
  });
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
  const controls = el('div', { class: 'controls' }, seed.element, branches.element, stride.element);

  const sum = new KernelSum(['square', 'hor', 'ver'] as const, NAMES, 16);
  const taps = el('p', { class: 'readout acb-taps' });
  const maps = new MapComparison({
    reference: 'three branches, each with its BN',
    converted: 'one 3×3 conv with W′, b′',
    channelLabel: (o) => `out ${o}`,
    pixel: 20,
  });
  const readout = differenceReadout('the two outputs');
  host.replaceChildren(controls, sum.element, sum.legend.element, taps, maps.element, readout.element);

  function draw(): void {
    const block = withChoices(setup.block, state.keep, state.stride);
    const r = runAcb(block, setup.x);
    sum.update(r.branches, r.merged.kernel);
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
