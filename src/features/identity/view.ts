/**
 * Chapter 3's widget: the identity kernel for C = 4 channels in 1, 2 or 4 groups, which input each
 * output reads, its BN folded in, and BN(x) against the folded grouped conv. State in the URL under
 * "id.".
 */
import type { BatchNormParams } from '../../core/batch-norm';
import type { Tensor } from '../../core/tensor';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { formatValue } from '../../ui/viz/format';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { LegendSlot } from '../../ui/viz/legend';
import { niceMax } from '../../ui/viz/color-ramp';
import { symmetricExtent } from '../../ui/viz/scales';
import { radioGroup, seedSlider, switchControl } from '../../ui/widgets/controls';
import { KernelFigure } from '../../ui/widgets/kernel-figure';
import { MapComparison } from '../../ui/widgets/map-comparison';
import { differenceReadout } from '../../ui/widgets/readout';
import { timedUpdate } from '../../ui/widgets/timing';
import { CHANNELS, GROUPS, type IdentityResult, connection, identitySetup, runIdentity } from './model';

export function mount(host: HTMLElement): void {
  const url = new UrlState('id');
  const state = {
    groups: url.choice('groups', GROUPS, '1'),
    seed: Math.round(url.number('seed', 3, 0, 999)),
    train: url.flag('train'),
  };
  let setup: { x: Tensor; bn: BatchNormParams } = identitySetup(state.seed);
  const update = () => timedUpdate(host, draw);

  const groups = radioGroup(
    'Groups g <span class="what">(C = 4 channels)</span>',
    GROUPS.map((g) => ({ value: g, labelHtml: g })),
    state.groups,
    'groups',
    (g) => {
      state.groups = g;
      url.set({ groups: g === '1' ? null : g });
      update();
    },
  );
  const seed = seedSlider(url, { what: 'input x and the BN statistics', value: state.seed }, (s) => {
    state.seed = s;
    setup = identitySetup(state.seed);
    update();
  });
  const train = switchControl('BN in <strong>train mode</strong> (batch statistics)', state.train, 'train', (on) => {
    state.train = on;
    url.set({ train: on ? true : null });
    update();
  });
  const controls = el('div', { class: 'controls' }, groups.element, seed.element, train.element);

  const k = new KernelFigure('K');
  const kFolded = new KernelFigure('K-folded');
  const legend = new LegendSlot();
  const connections = el('figure', { class: 'viz-figure connection-figure' });
  const kernels = el('div', { class: 'figure-row' }, k.element, kFolded.element, connections);
  const bnTable = scrollRegion(el('div'), 'BN numbers per channel, scrollable');
  bnTable.classList.add('table-scroll', 'bn-table');
  const maps = new MapComparison({ reference: 'BN(x)', converted: 'conv(x, Ŵ⁽⁰⁾) + b̂⁽⁰⁾', channelLabel: (o) => `channel ${o}`, pixel: 18 });
  const readout = differenceReadout('the two outputs');
  host.replaceChildren(controls, kernels, legend.element, bnTable, maps.element, readout.element);

  function draw(): void {
    const g = Number(state.groups);
    const r = runIdentity(setup.x, setup.bn, g, state.train);
    const domainMax = niceMax(symmetricExtent(r.kernel.data, r.folded.kernel.data));
    const shape = `[${r.kernel.shape.join(', ')}]`;
    k.update(r.kernel, {
      label: `K, the identity kernel, g = ${g}`,
      caption: `K: shape ${shape}. Row o has its 1 in column o mod ${CHANNELS / g}, at the centre.`,
      domainMax,
      showValues: 'nonzero',
      tap: 24,
    });
    kFolded.update(r.folded.kernel, {
      label: `Ŵ⁽⁰⁾ = t · K, g = ${g}`,
      caption: 'Ŵ⁽⁰⁾ = t · K: each one becomes its channel’s t.',
      domainMax,
      showValues: 'nonzero',
      tap: 24,
    });
    legend.update({ kind: 'signed', domainMax, label: 'kernel entry (K and Ŵ⁽⁰⁾)', width: 220 });
    // These two change only with the groups and the seed.
    if (connections.dataset['groups'] !== String(g)) {
      connections.dataset['groups'] = String(g);
      connections.replaceChildren(...connectionTable(r.kernel, g));
    }
    if (bnTable.dataset['seed'] !== String(state.seed)) {
      bnTable.dataset['seed'] = String(state.seed);
      bnTable.replaceChildren(parameterTable(setup.bn, r));
    }
    maps.update(r.reference, r.converted, r.diff);
    readout.update(
      r.maxDiff,
      r.scale,
      state.train ? 'Train-mode BN normalizes x with its own mean and variance, not the running μ and σ² folded into Ŵ⁽⁰⁾ and b̂⁽⁰⁾.' : undefined,
    );
  }

  update();
}

const channels = Array.from({ length: CHANNELS }, (_, c) => c);

/** Output channel × input channel (all C): shaded = in the output's group, 1 = the identity's tap. */
function connectionTable(kernel: Tensor, groups: number): Node[] {
  const entry = (o: number, j: number) => {
    const kind = connection(kernel, o, j, groups);
    const title =
      kind === 'none'
        ? `out ${o} does not read in ${j}: another group`
        : `out ${o} reads in ${j}${kind === 'identity' ? ' through the centre tap, weight 1' : ' with weight 0'}`;
    return el('td', { class: `conn-${kind}`, title, text: kind === 'identity' ? '1' : kind === 'group' ? '0' : '—' });
  };
  const table = el(
    'table',
    { class: 'connection-table' },
    el('thead', {}, el('tr', {}, el('td'), ...channels.map((j) => el('th', { scope: 'col', text: `in ${j}` })))),
    el('tbody', {}, ...channels.map((o) => el('tr', {}, el('th', { scope: 'row', text: `out ${o}` }), ...channels.map((j) => entry(o, j))))),
  );
  const caption = el('figcaption', {
    text: `Which inputs each output reads with g = ${groups}: shaded cells are its group (the ${CHANNELS / groups} columns of its kernel), “—” another group it never sees.`,
  });
  return [table, caption];
}

/** The identity BN's numbers per channel, and t and b̂ as the fold computed them. */
function parameterTable(bn: BatchNormParams, r: IdentityResult): HTMLTableElement {
  const table = el('table');
  table.innerHTML =
    '<caption>The identity branch’s BN (drawn from the seed) and what folding makes of it</caption>' +
    '<thead><tr><th scope="col">channel</th><th scope="col" class="num">γ</th><th scope="col" class="num">β</th><th scope="col" class="num">μ</th><th scope="col" class="num">σ²</th>' +
    '<th scope="col" class="num">t = γ/√(σ²+ε)</th><th scope="col" class="num">b̂⁽⁰⁾ = β − μt</th></tr></thead>';
  const row = (c: number) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: String(c) }),
      ...[bn.gamma[c]!, bn.beta[c]!, bn.mean[c]!, bn.variance[c]!, r.t[c]!, r.folded.bias[c]!].map((v) => el('td', { class: 'num', text: formatValue(v, 4) })),
    );
  table.append(el('tbody', {}, ...channels.map(row)));
  return table;
}
