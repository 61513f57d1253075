/**
 * <family-stages>: one variant's layer plan as five stages. A variant selector (URL: stages.v),
 * a bar figure of every layer, and the stage table that is also the figure's text alternative.
 */
import { formatParamsM } from '../../core/count.ts';
import { REPVGG_VARIANTS } from '../../core/family.ts';
import { el } from '../../ui/el';
import { UrlState } from '../../ui/url-state';
import { createFigure, updateFigure } from '../../ui/viz/figure';
import { stageBars } from '../../ui/viz/stage-bars';
import { simpleTable } from '../../ui/viz/simple-table';
import { observeWidth } from '../../ui/widget-dom';
import { scrollRegion } from '../../ui/viz/scroll-region';
import { selectControl } from '../../ui/widgets/controls';
import { VARIANT_IDS, planFor, type StageSummary, variantId } from '../../core/family-rows';

/** Every variant on one y scale, so switching variants shows real differences in width. */
const MAX_CHANNELS = Math.max(...REPVGG_VARIANTS.map((s) => Math.floor(512 * s.widthMultiplier[1])));

const millions = (n: number) => `${(n / 1e6).toFixed(1)} M`;

export function mount(host: HTMLElement): void {
  const state = new UrlState('stages');
  const initial = host.getAttribute('variant') ?? 'A0';

  const { box, select } = selectControl(
    'Variant',
    VARIANT_IDS.map((id) => [id, `RepVGG-${id}`] as const),
    state.choice('v', VARIANT_IDS, VARIANT_IDS.includes(initial) ? initial : 'A0'),
  );
  const controls = el('div', { class: 'controls' }, box);

  const summary = el('p', { class: 'readout', 'aria-live': 'polite' });
  const figure = createFigure();
  figure.classList.add('stage-figure');
  const figureScroll = scrollRegion(el('div', {}, figure), 'Stage figure (scrolls sideways)');
  const stageTable = scrollRegion(el('div'), 'Stage table (scrolls sideways)');
  stageTable.classList.add('present-second-view'); // the chart's numbers: on a slide, behind More

  const render = () => {
    const { spec, plan, stages } = planFor(select.value);
    const [a, b] = spec.widthMultiplier;
    const grouped = plan.filter((l) => l.groups > 1);
    summary.textContent =
      `${spec.name}: a = ${a}, b = ${b}; ${plan.length} layers (${spec.depths.join(' + ')}), ` +
      (grouped.length
        ? `${grouped.length} of them grouped (layers ${grouped[0]!.index}, ${grouped[1]!.index}, …, ${grouped.at(-1)!.index}, g = ${grouped[0]!.groups}).`
        : 'no grouped layers.');
    const width = Math.max(300, Math.min(host.clientWidth - 34, 960));
    updateFigure(figure, {
      plot: stageBars(plan, { label: `${spec.name}: output channels of each of its ${plan.length} layers, by stage`, width, maxChannels: MAX_CHANNELS }),
      caption:
        `${spec.name}, layer by layer. Bar height = output channels (log₂ scale, shared by all variants); colour = stage. ` +
        '“s2” marks the stride-2 first block of each stage, which halves the feature map (size under each stage); ' +
        '“g2”/“g4” and a lighter bar mark a grouped convolution. Counted by the notebook from the architecture.',
    });
    stageTable.replaceChildren(stagesTable(spec.name, stages));
    host.dataset['variant'] = variantId(spec);
  };

  select.addEventListener('change', () => {
    state.set({ v: select.value === initial ? null : select.value });
    render();
  });
  render();
  observeWidth(host, render);
  host.append(controls, summary, figureScroll, stageTable);
}

function stagesTable(name: string, stages: readonly StageSummary[]): HTMLTableElement {
  return simpleTable({
    caption: `${name}: the five stages (computed from the architecture; params truncated to 0.01 M, FLOPs and Wino MULs in millions).`,
    head: ['Stage', 'Blocks', 'Channels in → out', 'Strides', 'Groups', 'Feature map in → out', 'Params (M)', 'FLOPs', 'Wino MULs'],
    numeric: [1, 6, 7, 8],
    rows: stages.map((s) => [
      `stage ${s.stage}`,
      String(s.blocks),
      `${s.inChannels} → ${s.outChannels}`,
      s.blocks > 1 ? `2, 1 ×${s.blocks - 1}` : '2',
      s.groupedBlocks ? `${s.groups.at(-1)} on ${s.groupedBlocks} blocks` : '1',
      `${s.inputSize}² → ${s.outputSize}²`,
      formatParamsM(s.deployParams),
      millions(s.flops),
      millions(s.winoMuls),
    ]),
  });
}
