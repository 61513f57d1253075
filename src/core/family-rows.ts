/**
 * Chapter 6's data, as plain rows: the family table, the stage summaries and the accuracy plot
 * read these (the Winograd page's family table too), and so do their text alternatives and the tests. Every count comes from
 * src/core (countModel, planModel); every paper figure from src/core/paper.ts, marked as such.
 */
import { comparePaper } from './compare-paper.ts';
import { countLayer, countModel } from './count.ts';
import { type LayerPlan, REPVGG_VARIANTS, type RepVGGSpec, getVariant, planModel } from './family.ts';
import { PAPER_BASELINES, PAPER_REPVGG, type PaperRow, printedBillions, printedParamsM } from './paper.ts';

/** "RepVGG-B1g2" → "B1g2": the id used in selectors and URLs. */
export function variantId(spec: RepVGGSpec | string): string {
  return (typeof spec === 'string' ? spec : spec.name).replace(/^RepVGG-/, '');
}

export const VARIANT_IDS: readonly string[] = REPVGG_VARIANTS.map(variantId);

export interface ReportedAccuracy {
  /** As the paper prints it, e.g. "78.50". */
  readonly top1: string;
  readonly epochs: 120 | 200;
}

export interface FamilyRow {
  readonly id: string;
  readonly variant: string;
  /** Exact integers from countModel. */
  readonly deployParams: number;
  readonly flops: number;
  readonly winoMuls: number;
  /** The counts printed as the paper prints them (params truncated to 0.01 M, the rest rounded to 0.1 B). */
  readonly computed: { readonly paramsM: string; readonly flopsB: string; readonly winoMulsB: string };
  /** The paper's printed digits, or null where the paper has no row for this variant. */
  readonly paper: {
    readonly paramsM: string;
    readonly flopsB: string;
    readonly winoMulsB: string | null;
    readonly speed: string;
    readonly accuracy: readonly ReportedAccuracy[];
  } | null;
  /** Do our printed counts equal the paper's, digit for digit? null where the paper is silent. */
  readonly matchesPaper: boolean | null;
}

/** One printed value shared by every paper row of a variant (B2g4's 120- and 200-epoch rows agree). */
function shared(rows: readonly PaperRow[], print: (r: PaperRow) => string): string {
  return [...new Set(rows.map(print))].join(', ');
}

export function familyRow(spec: RepVGGSpec): FamilyRow {
  const counts = countModel(spec);
  const { printed: computed, rows, matches } = comparePaper(spec);
  const paper = rows.length
    ? {
        paramsM: shared(rows, printedParamsM),
        flopsB: shared(rows, (r) => printedBillions(r.flopsB)),
        winoMulsB: rows.some((r) => r.winoMulsB === null) ? null : shared(rows, (r) => printedBillions(r.winoMulsB!)),
        speed: shared(rows, (r) => String(r.speed)),
        accuracy: rows.map((r) => ({ top1: r.top1.toFixed(2), epochs: r.epochs })),
      }
    : null;
  return {
    id: variantId(spec),
    variant: spec.name,
    deployParams: counts.deployParams,
    flops: counts.flops,
    winoMuls: counts.winoMuls,
    computed,
    paper,
    matchesPaper: matches,
  };
}

/** All 13 variants in the official order. */
export function familyRows(): FamilyRow[] {
  return REPVGG_VARIANTS.map(familyRow);
}

/** One stage of a planned network, summarized for the stage figure and its table. */
export interface StageSummary {
  readonly stage: number;
  readonly blocks: number;
  readonly inChannels: number;
  readonly outChannels: number;
  /** Stride of each block: 2 for the first, 1 for the rest. */
  readonly strides: readonly number[];
  /** Distinct group counts used in the stage, ascending (e.g. [1, 4]). */
  readonly groups: readonly number[];
  readonly groupedBlocks: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly deployParams: number;
  readonly flops: number;
  readonly winoMuls: number;
}

export function stageSummaries(plan: readonly LayerPlan[]): StageSummary[] {
  const stages = [...new Set(plan.map((l) => l.stage))].sort((a, b) => a - b);
  return stages.map((stage) => {
    const layers = plan.filter((l) => l.stage === stage);
    const counts = layers.map(countLayer);
    const sum = (key: 'deployParams' | 'flops' | 'winoMuls') => counts.reduce((s, c) => s + c[key], 0);
    return {
      stage,
      blocks: layers.length,
      inChannels: layers[0]!.inChannels,
      outChannels: layers.at(-1)!.outChannels,
      strides: layers.map((l) => l.stride),
      groups: [...new Set(layers.map((l) => l.groups))].sort((a, b) => a - b),
      groupedBlocks: layers.filter((l) => l.groups > 1).length,
      inputSize: layers[0]!.inputSize,
      outputSize: layers.at(-1)!.outputSize,
      deployParams: sum('deployParams'),
      flops: sum('flops'),
      winoMuls: sum('winoMuls'),
    };
  });
}

export function planFor(id: string): { spec: RepVGGSpec; plan: LayerPlan[]; stages: StageSummary[] } {
  const spec = getVariant(id);
  const plan = planModel(spec);
  return { spec, plan, stages: stageSummaries(plan) };
}

/** A point of the accuracy plot: top-1 is always the paper's; x is counted here for RepVGG. */
export interface AccuracyPoint {
  readonly model: string;
  readonly label: string;
  readonly family: 'RepVGG' | 'baseline';
  readonly epochs: 120 | 200;
  /** ImageNet top-1 %, as reported by the paper. */
  readonly top1: number;
  /** Millions of parameters and billions of FLOPs. */
  readonly paramsM: number;
  readonly flopsB: number;
  /** 'computed' for RepVGG (countModel), 'paper' for the baselines, which this notebook does not build. */
  readonly xSource: 'computed' | 'paper';
}

export function accuracyPoints(): AccuracyPoint[] {
  const repvgg = PAPER_REPVGG.map((r): AccuracyPoint => {
    const counts = countModel(getVariant(r.model));
    return {
      model: r.model,
      label: variantId(r.model) + (r.epochs === 200 ? ' (200 ep)' : ''),
      family: 'RepVGG',
      epochs: r.epochs,
      top1: r.top1,
      paramsM: counts.deployParams / 1e6,
      flopsB: counts.flops / 1e9,
      xSource: 'computed',
    };
  });
  const baselines = PAPER_BASELINES.map(
    (r): AccuracyPoint => ({
      model: r.model,
      label: r.model,
      family: 'baseline',
      epochs: r.epochs,
      top1: r.top1,
      paramsM: r.paramsM,
      flopsB: r.flopsB,
      xSource: 'paper',
    }),
  );
  return [...repvgg, ...baselines];
}
