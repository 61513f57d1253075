/**
 * A network's layer plan as bars: one bar per layer, height = output channels (log₂ scale, since
 * widths double from stage to stage), bars grouped by stage with a gap between stages. Above a bar:
 * "s2" for a stride-2 layer, "gN" for a grouped one (drawn lighter). Under each stage: its output
 * feature-map size. Layout (a pure transform) is separate from drawing.
 */
import * as Plot from '@observablehq/plot';
import { hideUnlabelledMarks } from './a11y';

export interface StageBarLayer {
  readonly index: number;
  readonly stage: number;
  readonly outChannels: number;
  readonly stride: number;
  readonly groups: number;
  readonly outputSize: number;
}

export interface PlacedBar extends StageBarLayer {
  /** Horizontal extent in layer units (stage gaps included). */
  readonly x1: number;
  readonly x2: number;
  /** "s2", "g4" or "". */
  readonly mark: string;
}

export interface PlacedStage {
  readonly stage: number;
  readonly x: number;
  readonly blocks: number;
  readonly outChannels: number;
  readonly outputSize: number;
}

/** Stage gap, in bar widths. */
const STAGE_GAP = 1.6;
const BAR_INSET = 0.12;

export function layoutStageBars(layers: readonly StageBarLayer[]): { bars: PlacedBar[]; stages: PlacedStage[]; width: number } {
  const bars = layers.map((l) => {
    const left = l.index + l.stage * STAGE_GAP;
    return { ...l, x1: left + BAR_INSET, x2: left + 1 - BAR_INSET, mark: l.stride > 1 ? `s${l.stride}` : l.groups > 1 ? `g${l.groups}` : '' };
  });
  const stageIds = [...new Set(layers.map((l) => l.stage))];
  const stages = stageIds.map((stage) => {
    const own = bars.filter((b) => b.stage === stage);
    return {
      stage,
      x: (own[0]!.x1 + own.at(-1)!.x2) / 2,
      blocks: own.length,
      outChannels: own.at(-1)!.outChannels,
      outputSize: own.at(-1)!.outputSize,
    };
  });
  const last = bars.at(-1);
  return { bars, stages, width: last ? last.x2 + BAR_INSET : 1 };
}

export interface StageBarsOptions {
  readonly label: string;
  readonly width: number;
  readonly height?: number;
  /** Largest channel count on the y axis, so variants can share a scale. */
  readonly maxChannels?: number;
  readonly document?: Document;
}

const FLOOR = 16;

export function stageBars(layers: readonly StageBarLayer[], options: StageBarsOptions): SVGSVGElement | HTMLElement {
  const { bars, stages, width } = layoutStageBars(layers);
  const top = 2 ** Math.ceil(Math.log2(Math.max(options.maxChannels ?? 0, ...layers.map((l) => l.outChannels)) * 1.6));
  const stageName = (s: PlacedStage) => `stage ${s.stage}`;
  const small = options.width < 560;
  return hideUnlabelledMarks(
    Plot.plot({
      width: options.width,
      height: options.height ?? 300,
      marginTop: 44,
      marginBottom: 28,
      marginLeft: small ? 46 : 60,
      marginRight: 8,
      x: { domain: [-0.5, width + 0.5], axis: null },
      y: {
        type: 'log',
        base: 2,
        domain: [FLOOR, top],
        label: 'output channels (log₂)',
        labelAnchor: 'center',
        labelArrow: 'none',
        labelOffset: small ? 36 : 48,
        ticks: [16, 64, 256, 1024, 4096].filter((t) => t <= top),
        tickFormat: (d: number) => String(d),
        grid: true,
      },
      color: { type: 'ordinal', scheme: 'observable10', domain: stages.map((s) => s.stage) },
      marks: [
        Plot.rect(bars, {
          x1: 'x1',
          x2: 'x2',
          y1: FLOOR,
          y2: 'outChannels',
          fill: 'stage',
          fillOpacity: (d: PlacedBar) => (d.groups > 1 ? 0.35 : 0.9),
          stroke: 'stage',
          strokeWidth: 1,
          title: (d: PlacedBar) =>
            `layer ${d.index} (stage ${d.stage}): ${d.outChannels} channels, stride ${d.stride}, groups ${d.groups}, output ${d.outputSize}×${d.outputSize}`,
        }),
        // On a phone the bars are too thin for "g2" over each; the lighter fill still shows grouping.
        Plot.text(small ? bars.filter((b) => b.stride > 1) : bars, {
          x: (d: PlacedBar) => (d.x1 + d.x2) / 2,
          y: 'outChannels',
          text: 'mark',
          dy: -7,
          fontSize: small ? 8 : 10,
          fill: 'currentColor',
        }),
        Plot.text(stages, {
          x: 'x',
          text: (s: PlacedStage) => (small ? `s${s.stage}` : stageName(s)),
          frameAnchor: 'top',
          dy: -30,
          fontWeight: 600,
          fontSize: small ? 10 : 12,
          fill: 'currentColor',
        }),
        Plot.text(stages, {
          x: 'x',
          text: (s: PlacedStage) => (small ? `${s.outChannels}` : `${s.blocks}× · ${s.outChannels} ch`),
          frameAnchor: 'top',
          dy: -15,
          fontSize: small ? 9 : 11,
          fill: 'currentColor',
        }),
        Plot.text(stages, {
          x: 'x',
          text: (s: PlacedStage) => (small ? `${s.outputSize}²` : `${s.outputSize}×${s.outputSize}`),
          frameAnchor: 'bottom',
          dy: 16,
          fontSize: small ? 9 : 11,
          fill: 'currentColor',
        }),
        Plot.text(small ? [] : ['output'], { frameAnchor: 'bottom-left', dx: -8, dy: 16, fontSize: small ? 9 : 11, textAnchor: 'end', fill: 'currentColor' }),
      ],
      ariaLabel: options.label,
      ariaDescription: `${layers.length} layers in ${stages.length} stages; bar height is each layer's output channels on a log scale. The stage table follows the figure.`,
      ...(options.document ? { document: options.document } : {}),
    }),
  );
}
