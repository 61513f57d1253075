/**
 * The "Results and limits" page's data, without any DOM. Every figure here is the paper's (Tables 4
 * and 5, 1080Ti, fp32, batch 128, from src/core/paper.ts); what this module computes from them —
 * differences, ratios, rank correlations — is arithmetic on the paper's own numbers.
 */
import { PAPER_BASELINES, PAPER_REPVGG, type PaperRow } from '../../core/paper';

export const AXES = {
  speed: { key: 'speed', label: 'speed (examples/s, 1080Ti, paper)', short: 'speed', log: true },
  flops: { key: 'flopsB', label: 'FLOPs (B multiply-adds, paper)', short: 'FLOPs', log: true },
  wino: { key: 'winoMulsB', label: 'Wino MULs (B, paper)', short: 'Wino MULs', log: true },
} as const;
export type Axis = keyof typeof AXES;
export const AXIS_IDS = Object.keys(AXES) as Axis[];

export type Group = 'repvgg-120' | 'repvgg-200' | 'baseline';

export interface ResultPoint {
  readonly model: string;
  readonly label: string;
  readonly group: Group;
  readonly epochs: 120 | 200;
  readonly top1: number;
  readonly x: number;
}

const groupOf = (r: PaperRow, repvgg: boolean): Group => (!repvgg ? 'baseline' : r.epochs === 200 ? 'repvgg-200' : 'repvgg-120');

/** Every row of Tables 4 and 5 with a value on this axis (EfficientNet-B0 has no Wino MULs). */
export function resultPoints(axis: Axis): ResultPoint[] {
  const key = AXES[axis].key;
  const rows = [...PAPER_REPVGG.map((r) => [r, true] as const), ...PAPER_BASELINES.map((r) => [r, false] as const)];
  return rows
    .filter(([r]) => r[key] !== null)
    .map(([r, repvgg]) => ({
      model: r.model,
      label: `${r.model.replace(/^RepVGG-/, '')}${r.epochs === 200 ? ' (200 ep)' : ''}`,
      group: groupOf(r, repvgg),
      epochs: r.epochs,
      top1: r.top1,
      x: r[key] as number,
    }));
}

/** A 120-epoch row of Table 4 by the paper's model name. */
export function paperRow(model: string): PaperRow {
  const row = [...PAPER_REPVGG, ...PAPER_BASELINES].find((r) => r.model === model && r.epochs === 120);
  if (!row) throw new RangeError(`no 120-epoch row for ${model} in the paper's Table 4`);
  return row;
}

/** One of the paper's headline comparisons (§4.1), with what its text says about it. */
export interface Headline {
  readonly repvgg: string;
  readonly baseline: string;
  /** The paper's sentence, as the facts file records it. */
  readonly claim: string;
}

export const HEADLINES: readonly Headline[] = [
  { repvgg: 'RepVGG-A0', baseline: 'ResNet-18', claim: '+1.25 % top-1, 33 % faster' },
  { repvgg: 'RepVGG-A1', baseline: 'ResNet-34', claim: '+0.29 % top-1, 64 % faster' },
  { repvgg: 'RepVGG-A2', baseline: 'ResNet-50', claim: '+0.17 % top-1, 83 % faster' },
  { repvgg: 'RepVGG-B1g4', baseline: 'ResNet-101', claim: '+0.37 % top-1, 101 % faster' },
  { repvgg: 'RepVGG-B1g2', baseline: 'ResNet-152', claim: 'the same accuracy, 2.66× as fast' },
  { repvgg: 'RepVGG-B2', baseline: 'VGG-16', claim: '58 % of the parameters, 10 % faster, +6.57 % top-1' },
  { repvgg: 'RepVGG-A2', baseline: 'EfficientNet-B0', claim: '+1.37 % top-1, 59 % faster' },
  { repvgg: 'RepVGG-B1', baseline: 'RegNetX-3.2GF', claim: '+0.39 % top-1, slightly faster' },
];

export interface Comparison extends Headline {
  /** Top-1 difference, percentage points (RepVGG − baseline). */
  readonly dTop1: number;
  /** Speed of RepVGG over speed of the baseline. */
  readonly speedRatio: number;
  /** Parameters of RepVGG over parameters of the baseline. */
  readonly paramsRatio: number;
}

export function compare(h: Headline): Comparison {
  const a = paperRow(h.repvgg);
  const b = paperRow(h.baseline);
  // Two decimals, as the paper prints accuracies: the float difference 76.48 − 76.31 is 0.1700000000000017.
  return { ...h, dTop1: Math.round((a.top1 - b.top1) * 100) / 100, speedRatio: a.speed / b.speed, paramsRatio: a.paramsM / b.paramsM };
}

/** "83 % faster" from a speed ratio: the paper's sentences match its table truncated to a whole percent. */
export function percentFaster(ratio: number): number {
  return Math.floor((ratio - 1) * 100 + 1e-9);
}

/** Ranks 1..n, ties sharing their mean rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's correlation of the ranks. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new RangeError('spearman needs two series of one length, at least 2');
  const [rx, ry] = [ranks(xs), ranks(ys)];
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [mx, my] = [mean(rx), mean(ry)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * How well each count predicts the paper's speed: Spearman's correlation of speed with FLOPs and
 * with Wino MULs over every distinct model of Tables 4 and 5 that has both (B2g4's 200-epoch row is
 * the same network, counted once; EfficientNet-B0 has no Wino MULs). −1 = a perfect ranking.
 */
export function speedCorrelations(): { readonly flops: number; readonly wino: number; readonly models: number } {
  const seen = new Set<string>();
  const rows = [...PAPER_REPVGG, ...PAPER_BASELINES].filter((r) => r.winoMulsB !== null && !seen.has(r.model) && seen.add(r.model));
  const speed = rows.map((r) => r.speed);
  return {
    flops: spearman(
      rows.map((r) => r.flopsB),
      speed,
    ),
    wino: spearman(
      rows.map((r) => r.winoMulsB!),
      speed,
    ),
    models: rows.length,
  };
}
