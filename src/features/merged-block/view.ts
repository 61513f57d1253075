/**
 * Chapter 4's widget: a seeded RepVGG block; its folded branches and their sum drawn as kernels;
 * the training-time block against the merged conv on one input; branches on and off, with the
 * matching row of the paper's Table 6. State in the URL under "blk.".
 */
import type { BranchName } from '../../core/branch-ablation';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { formatValue } from '../../ui/viz/format';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { branchSwitches, seedSlider, switchControl } from '../../ui/widgets/controls';
import { KernelSum } from '../../ui/widgets/kernel-sum';
import { MapComparison } from '../../ui/widgets/map-comparison';
import { differenceReadout } from '../../ui/widgets/readout';
import { timedUpdate } from '../../ui/widgets/timing';
import { paperAblationTable } from './paper-table';
import { CHANNELS, type MergeResult, blockSetup, runMerge } from './model';

const NAMES: Record<BranchName | 'merged', { symbol: string; label: string }> = {
  dense: { symbol: 'Ŵ⁽³⁾', label: 'the 3×3 branch, BN folded in' },
  oneByOne: { symbol: 'pad(Ŵ⁽¹⁾)', label: 'the 1×1 branch, BN folded in, padded to 3×3' },
  identity: { symbol: 'Ŵ⁽⁰⁾', label: 'the identity branch as a kernel, BN folded in' },
  merged: { symbol: 'W′', label: 'the merged kernel, the sum of the kept branches' },
};

export function mount(host: HTMLElement): void {
  const url = new UrlState('blk');
  const branches = branchSwitches(
    url,
    'Branches (the 3×3 is always there)',
    [
      { key: 'oneByOne', label: '1×1 branch', off: 'no1x1' },
      { key: 'identity', label: 'identity branch', off: 'noid' },
    ],
    (keep) => {
      state.keep = keep;
      update();
    },
  );
  const state = {
    seed: Math.round(url.number('seed', 7, 0, 999)),
    keep: branches.keep,
    train: url.flag('train'),
  };
  let setup = blockSetup(state.seed);
  const update = () => timedUpdate(host, draw);

  const seed = seedSlider(url, { what: 'weights, BN statistics and input', value: state.seed }, (s) => {
    state.seed = s;
    setup = blockSetup(state.seed);
    update();
  });
  const train = switchControl('BN in <strong>train mode</strong> (batch statistics)', state.train, 'train', (on) => {
    state.train = on;
    url.set({ train: on ? true : null });
    update();
  });
  const controls = el('div', { class: 'controls' }, seed.element, branches.element, train.element);

  // W′ = Ŵ⁽³⁾ + pad(Ŵ⁽¹⁾) + Ŵ⁽⁰⁾, laid out as the equation it is.
  const sum = new KernelSum(['dense', 'oneByOne', 'identity'] as const, NAMES, 11);
  const biases = scrollRegion(el('div'), 'Biases per output channel, scrollable');
  biases.classList.add('table-scroll', 'bias-table');
  const maps = new MapComparison({ reference: 'training-time block', converted: 'merged 3×3 conv', channelLabel: (o) => `out ${o}`, pixel: 16 });
  const readout = differenceReadout('the two outputs');
  const paper = scrollRegion(el('div'), 'The paper’s Table 6, scrollable');
  paper.classList.add('table-scroll', 'paper-table');
  host.replaceChildren(controls, sum.element, sum.legend.element, biases, maps.element, readout.element, paper);

  function draw(): void {
    const r = runMerge(setup.block, setup.x, state.keep, state.train);
    sum.update(r.branches, r.merged.kernel);
    biases.replaceChildren(biasTable(r));
    maps.update(r.reference, r.converted, r.diff);
    readout.update(
      r.maxDiff,
      r.scale,
      state.train ? 'In train mode every BN of the block normalizes with the batch’s own statistics, not the running ones folded into W′ and b′.' : undefined,
    );
    const branchKey = `${state.keep.oneByOne}${state.keep.identity}`;
    if (paper.dataset['branches'] !== branchKey) {
      paper.dataset['branches'] = branchKey;
      paper.replaceChildren(paperAblationTable(state.keep));
    }
  }

  update();
}

/** b̂ per branch and b′ per output channel: the biases add like the kernels. */
function biasTable(r: MergeResult): HTMLTableElement {
  const table = el('table');
  const columns: { title: string; values: Float32Array | null }[] = [
    ...(['dense', 'oneByOne', 'identity'] as const).map((name) => ({
      title: { dense: 'b̂⁽³⁾', oneByOne: 'b̂⁽¹⁾', identity: 'b̂⁽⁰⁾' }[name],
      values: r.branches.find((b) => b.name === name)?.bias ?? null,
    })),
    { title: 'b′ = sum', values: r.merged.bias },
  ];
  table.innerHTML = `<caption>Biases per output channel: b′ is the sum of the kept branches’ b̂</caption><thead><tr><th scope="col">out</th>${columns.map((c) => `<th scope="col" class="num">${c.title}</th>`).join('')}</tr></thead>`;
  const tbody = el('tbody');
  for (let o = 0; o < CHANNELS; o++) {
    const cells = columns.map((c) => `<td class="num">${c.values ? formatValue(c.values[o]!, 4) : 'off'}</td>`).join('');
    tbody.insertAdjacentHTML('beforeend', `<tr><th scope="row">${o}</th>${cells}</tr>`);
  }
  table.append(tbody);
  return table;
}
