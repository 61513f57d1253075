/**
 * Numbers REPORTED by the RepVGG paper (Ding et al., CVPR 2021, arXiv 2101.03697), typed in from
 * its tables. These are the only typed-in figures in src/core; show them labelled "(paper)".
 * Everything the notebook computes itself comes from count.ts and friends.
 */

export interface PaperRow {
  /** As the paper names it, e.g. "RepVGG-A0" or "ResNet-50". */
  readonly model: string;
  /** ImageNet top-1 accuracy, %. */
  readonly top1: number;
  /** Examples per second on a 1080Ti, batch 128, fp32. */
  readonly speed: number;
  /** Parameters in millions, as printed (truncated to 0.01 M for RepVGG). */
  readonly paramsM: number;
  /** FLOPs (multiply-adds) in billions, as printed. */
  readonly flopsB: number;
  /** Winograd multiplications in billions, as printed; null where the paper gives none. */
  readonly winoMulsB: number | null;
  /** Training epochs: 120 (Table 4, simple augmentation) or 200 (Table 5, with extra augmentation). */
  readonly epochs: 120 | 200;
}

const row = (model: string, top1: number, speed: number, paramsM: number, flopsB: number, winoMulsB: number | null, epochs: 120 | 200 = 120): PaperRow => ({
  model,
  top1,
  speed,
  paramsM,
  flopsB,
  winoMulsB,
  epochs,
});

/** RepVGG rows of Table 4 (120 epochs) and Table 5 (200 epochs), in the paper's order. */
export const PAPER_REPVGG: readonly PaperRow[] = [
  row('RepVGG-A0', 72.41, 3256, 8.3, 1.4, 0.7),
  row('RepVGG-A1', 74.46, 2339, 12.78, 2.4, 1.3),
  row('RepVGG-B0', 75.14, 1817, 14.33, 3.1, 1.6),
  row('RepVGG-A2', 76.48, 1322, 25.49, 5.1, 2.7),
  row('RepVGG-B1g4', 77.58, 868, 36.12, 7.3, 3.9),
  row('RepVGG-B1g2', 77.78, 792, 41.36, 8.8, 4.6),
  row('RepVGG-B1', 78.37, 685, 51.82, 11.8, 5.9),
  row('RepVGG-B2g4', 78.5, 581, 55.77, 11.3, 6.0),
  row('RepVGG-B2', 78.78, 460, 80.31, 18.4, 9.1),
  row('RepVGG-B2g4', 79.38, 581, 55.77, 11.3, 6.0, 200),
  row('RepVGG-B3g4', 80.21, 464, 75.62, 16.1, 8.4, 200),
  row('RepVGG-B3', 80.52, 363, 110.96, 26.2, 12.9, 200),
];

/** The baselines of Table 4 (120 epochs, the same training setting). */
export const PAPER_BASELINES: readonly PaperRow[] = [
  row('ResNet-18', 71.16, 2442, 11.68, 1.8, 1.0),
  row('ResNet-34', 74.17, 1419, 21.78, 3.7, 1.8),
  row('ResNet-50', 76.31, 719, 25.53, 3.9, 2.8),
  row('ResNet-101', 77.21, 430, 44.49, 7.6, 5.5),
  row('ResNet-152', 77.78, 297, 60.11, 11.3, 8.1),
  row('VGG-16', 72.21, 415, 138.35, 15.5, 6.9),
  row('EfficientNet-B0', 75.11, 829, 5.26, 0.4, null),
  row('RegNetX-3.2GF', 77.98, 671, 15.26, 3.2, 2.9),
  row('ResNeXt-50', 77.46, 484, 24.99, 4.2, 4.1),
  row('ResNeXt-101', 78.42, 295, 44.1, 8.0, 7.9),
];

/** Table 6: which branches RepVGG-B0 was trained with, and its top-1 (%). */
export interface PaperAblationRow {
  readonly identity: boolean;
  readonly oneByOne: boolean;
  readonly top1: number;
}

export const PAPER_BRANCH_ABLATION_B0: readonly PaperAblationRow[] = [
  { identity: false, oneByOne: false, top1: 72.39 },
  { identity: false, oneByOne: true, top1: 73.15 },
  { identity: true, oneByOne: false, top1: 74.79 },
  { identity: true, oneByOne: true, top1: 75.14 },
];

/** The paper's rows for one RepVGG variant (B2g4 has a 120- and a 200-epoch row; B2g2, B3g2 none). */
export function paperRowsFor(variant: string): PaperRow[] {
  return PAPER_REPVGG.filter((r) => r.model === variant);
}

/** The paper prints params with 2 decimals and FLOPs and MULs with 1 (e.g. "8.30", "6.0"). */
export function printedParamsM(r: PaperRow): string {
  return r.paramsM.toFixed(2);
}

export function printedBillions(value: number): string {
  return value.toFixed(1);
}
