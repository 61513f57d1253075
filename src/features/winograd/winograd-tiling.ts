/**
 * <winograd-tiling>: a whole feature map cut into Winograd tiles, edges included, and what one
 * layer costs at that size: tiles, transforms (the kernel's once per layer), multiplications.
 * URL: tiling.size, tiling.alg, tiling.tile.
 */
import { benchLayerPlan } from '../../perf/winograd-layer';
import { WINOGRAD_ALGORITHMS as ALGORITHMS, type WinogradAlgorithm } from '../../core/winograd/matrices';
import { tilingPlan } from '../../core/winograd/tiling';
import { UrlState } from '../../ui/url-state';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { formatCount } from '../../ui/viz/format';
import { simpleTable } from '../../ui/viz/simple-table';
import { tilingMap } from '../../ui/viz/tiling-map';
import { disclosedTable } from '../../ui/widget-dom';
import { radioGroup, selectControl, uniqueId } from '../../ui/widgets/controls';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { el } from '../../ui/el';

type AlgId = keyof typeof ALGORITHMS;
const DEFAULT_SIZE = 9;

export function mount(host: HTMLElement): void {
  const state = new UrlState('tiling');
  const { variant, plan: layer } = benchLayerPlan();
  let algId: AlgId = state.choice('alg', ['F2', 'F4'] as const, 'F2');
  let size = Math.round(state.number('size', DEFAULT_SIZE, 1, 24));
  let selected = Math.round(state.number('tile', -1, 0, 1e6));

  const sizeId = uniqueId('tiling-size');
  const slider = el('input', { type: 'range', min: 1, max: 24, value: size, id: sizeId });
  const sizeOut = el('output', { for: sizeId });
  const sizeBox = el('div', { class: 'control' }, el('label', { for: sizeId }, 'Feature map side ', sizeOut), slider);
  const algorithm = radioGroup(
    'Algorithm',
    [
      { value: 'F2', labelHtml: 'F(2×2, 3×3)' },
      { value: 'F4', labelHtml: 'F(4×4, 3×3)' },
    ],
    algId,
    'tiling-alg',
    (v) => {
      algId = v as AlgId;
      selected = -1;
      render();
    },
  );
  const tileSelect = selectControl('Highlighted tile', [], '');
  const controls = el('div', { class: 'controls' }, sizeBox, algorithm.element, tileSelect.box);

  const readout = el('div', { class: 'readout tiling-readout', 'aria-live': 'polite' });
  const figure = createFigure();
  const figureBox = scrollRegion(el('div', {}, figure), 'Tiling figure (scrolls sideways)');

  const render = () => {
    const alg: WinogradAlgorithm = ALGORITHMS[algId];
    const plan = tilingPlan(size, size, alg);
    if (selected < 0 || selected >= plan.tiles.length) selected = plan.tiles.length - 1; // an edge tile shows the most
    sizeOut.textContent = `${size}×${size}`;
    tileSelect.select.replaceChildren(
      ...plan.tiles.map((t, i) => new Option(`row ${t.ty + 1}, column ${t.tx + 1}${t.rows < alg.m || t.cols < alg.m ? ' (edge)' : ''}`, String(i))),
    );
    tileSelect.select.value = String(selected);
    state.set({ size: size === DEFAULT_SIZE ? null : size, alg: algId === 'F2' ? null : algId, tile: selected === plan.tiles.length - 1 ? null : selected });

    const c = layer.inChannels;
    const o = layer.outChannels;
    const tiles = plan.tiles.length;
    const winograd = tiles * alg.alpha ** 2 * c * o;
    const direct = size * size * 9 * c * o;
    const tile = plan.tiles[selected]!;
    readout.replaceChildren(
      line(
        `${size}×${size} outputs in ${plan.tilesY} × ${plan.tilesX} = ${tiles} tiles of ${alg.m}×${alg.m}, each reading a ${alg.alpha}×${alg.alpha} input window. ` +
          (plan.wastedOutputs
            ? `Edge tiles compute ${plan.wastedOutputs} outputs past the map and discard them.`
            : 'The tiles fit exactly: nothing is discarded.'),
      ),
      line(`Highlighted: tile row ${tile.ty + 1}, column ${tile.tx + 1}, keeping ${tile.rows}×${tile.cols} of its ${alg.m}×${alg.m} outputs.`),
      // On a slide the layer's cost steps back behind More: the tiling is the figure.
      line(
        `For a ${c} → ${o} layer (${variant} stage ${layer.stage}'s width) at host size: the kernel transform once per layer (${formatCount(c * o)} kernels), ` +
          `${formatCount(tiles * c)} input transforms and ${formatCount(tiles * o)} output transforms per image, and ${formatCount(winograd)} multiplications against ${formatCount(direct)} direct: ` +
          `${(direct / winograd).toFixed(2)}× fewer (${((alg.m ** 2 * 9) / alg.alpha ** 2).toFixed(2)}× if the tiles fit exactly).`,
        'present-secondary',
      ),
    );
    const width = Math.max(260, Math.min(host.clientWidth - 34, 420));
    updateFigure(figure, {
      plot: tilingMap(plan, { label: `${size}×${size} map in ${alg.name} tiles`, selected, size: width }),
      caption:
        'Squares: outputs, alternate tiles in alternate shades; faint band: zeros read around the map (the padding, and past it for edge tiles); dashed: outputs computed past the edge and thrown away; orange frame: the input window of the highlighted tile.',
      table: tilesTable(plan.tiles, alg.m),
    });
    host.dataset['tiles'] = String(tiles);
  };
  slider.addEventListener('input', () => {
    size = Number(slider.value);
    selected = -1;
    render();
  });
  tileSelect.select.addEventListener('change', () => {
    selected = Number(tileSelect.select.value);
    render();
  });
  host.append(controls, readout, figureBox);
  render();
}

function line(text: string, className?: string): HTMLParagraphElement {
  return el('p', { class: className }, text);
}

function tilesTable(tiles: readonly { ty: number; tx: number; y: number; x: number; rows: number; cols: number }[], m: number): HTMLDetailsElement {
  return disclosedTable(
    simpleTable({
      caption: 'Every tile: its first output (row, column) and how many of its outputs lie inside the map.',
      head: ['Tile', 'First output', 'Outputs kept'],
      rows: tiles.map((t) => [`row ${t.ty + 1}, column ${t.tx + 1}`, `(${t.y}, ${t.x})`, `${t.rows}×${t.cols} of ${m}×${m}`]),
    }),
    'Tiles (scrolls sideways)',
    'Tiles as a table',
  );
}
