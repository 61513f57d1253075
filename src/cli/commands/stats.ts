import { comparePaper } from '../../core/compare-paper.ts';
import { countModel } from '../../core/count.ts';
import { REPVGG_VARIANTS, type RepVGGSpec, planModel, stageWidths } from '../../core/family.ts';
import { type PaperRow, printedBillions, printedParamsM } from '../../core/paper.ts';
import { type Command, EXIT_OK, MODEL_NAMES_HELP, modelOption } from '../command.ts';
import { formatTable } from '../table.ts';

/** Everything `stats --json` says about one variant. Counts are exact integers. */
export interface VariantStats {
  variant: string;
  depths: number[];
  widthMultiplier: number[];
  stageWidths: number[];
  /** Groups of the grouped layers (1 when none are), and which layers those are. */
  groups: number;
  groupedLayers: number[];
  layers: number;
  deployParams: number;
  trainParams: number;
  /** running_mean + running_var values. */
  bnBuffers: number;
  /** int64 num_batches_tracked scalars, one per BN layer; not part of bnBuffers. */
  numBatchesTracked: number;
  flops: number;
  winoMuls: number;
  /** The counts printed the way the paper prints them. */
  formatted: { paramsM: string; flopsB: string; winoMulsB: string };
  /** The paper's reported rows for this variant (none for B2g2 and B3g2). */
  paper: PaperRow[];
  /** Do our formatted counts equal the paper's printed digits? null where the paper is silent. */
  matchesPaper: boolean | null;
}

export function variantStats(spec: RepVGGSpec): VariantStats {
  const counts = countModel(spec);
  const plan = planModel(spec);
  const grouped = plan.filter((l) => l.groups > 1);
  const { printed: formatted, rows: paper, matches } = comparePaper(spec);
  return {
    variant: spec.name,
    depths: [...spec.depths],
    widthMultiplier: [...spec.widthMultiplier],
    stageWidths: stageWidths(spec),
    groups: Math.max(1, ...grouped.map((l) => l.groups)),
    groupedLayers: grouped.map((l) => l.index),
    layers: plan.length,
    deployParams: counts.deployParams,
    trainParams: counts.trainParams,
    bnBuffers: counts.bnBuffers,
    numBatchesTracked: counts.bnLayers,
    flops: counts.flops,
    winoMuls: counts.winoMuls,
    formatted,
    paper,
    matchesPaper: matches,
  };
}

function tableOf(all: VariantStats[]): string {
  const paperOr = (s: VariantStats, value: (r: PaperRow) => string) =>
    s.paper
      .map(value)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(', ') || '-';
  const rows = [
    ['variant', 'params M', '(paper)', 'FLOPs B', '(paper)', 'Wino MULs B', '(paper)', 'train params', 'BN stats', 'top-1 % (paper)', 'speed (paper)'],
    ...all.map((s) => [
      s.variant,
      s.formatted.paramsM,
      paperOr(s, printedParamsM),
      s.formatted.flopsB,
      paperOr(s, (r) => printedBillions(r.flopsB)),
      s.formatted.winoMulsB,
      paperOr(s, (r) => (r.winoMulsB === null ? '-' : printedBillions(r.winoMulsB))),
      s.trainParams.toLocaleString('en-US'),
      s.bnBuffers.toLocaleString('en-US'),
      s.paper.map((r) => `${r.top1.toFixed(2)}${r.epochs === 200 ? ' (200 ep)' : ''}`).join(', ') || '-',
      paperOr(s, (r) => String(r.speed)),
    ]),
  ];
  const notes = [
    '',
    'Computed from the architecture: params truncated to 0.01 M, FLOPs (multiply-adds) and Winograd',
    'F(2x2,3x3) MULs rounded to 0.1 B, as the paper prints them. "(paper)" columns, top-1 and speed',
    '(examples/s, 1080Ti, batch 128) are the numbers the paper reports (Tables 4 and 5).',
  ];
  return `${formatTable(rows, new Set([1, 2, 3, 4, 5, 6, 7, 8, 10])) + notes.join('\n')}\n`;
}

export const stats: Command = {
  name: 'stats',
  summary: 'parameters, FLOPs and Winograd MULs of the RepVGG variants, beside the paper',
  usage: 'stats [MODEL...] [--json]',
  description: [
    'Counts every variant exactly from its architecture (or only the named models) and shows the',
    "paper-style rounding next to the paper's printed numbers. MODEL: one of",
    `  ${MODEL_NAMES_HELP}`,
    '',
    'Options:',
    '  --json   one JSON array, one object per variant: variant, deployParams, trainParams,',
    '           bnBuffers (running mean + var), numBatchesTracked, flops, winoMuls (integers),',
    "           plus widths, paper-style strings, the paper's rows and matchesPaper.",
  ].join('\n'),
  options: { json: { type: 'boolean', default: false } },
  run({ positionals, values }, io) {
    let specs: readonly RepVGGSpec[] = REPVGG_VARIANTS;
    if (positionals.length) specs = positionals.map(modelOption);
    const all = specs.map(variantStats);
    io.out(values['json'] ? `${JSON.stringify(all, null, 2)}\n` : tableOf(all));
    return EXIT_OK;
  },
};
