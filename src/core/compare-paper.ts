import { countModel, formatBillions, formatParamsM } from './count.ts';
import type { RepVGGSpec } from './family.ts';
import { type PaperRow, paperRowsFor, printedBillions, printedParamsM } from './paper.ts';

/** Counts printed the way the paper prints them: params truncated to 0.01 M, the rest rounded to 0.1 B. */
export interface PrintedCounts {
  readonly paramsM: string;
  readonly flopsB: string;
  readonly winoMulsB: string;
}

export function printedCounts(spec: RepVGGSpec): PrintedCounts {
  const counts = countModel(spec);
  return {
    paramsM: formatParamsM(counts.deployParams),
    flopsB: formatBillions(counts.flops),
    winoMulsB: formatBillions(counts.winoMuls),
  };
}

/** Does one of the paper's rows print exactly these digits (params, FLOPs and Wino MULs)? */
export function matchesPaperRow(printed: PrintedCounts, row: PaperRow): boolean {
  return (
    printed.paramsM === printedParamsM(row) &&
    printed.flopsB === printedBillions(row.flopsB) &&
    row.winoMulsB !== null &&
    printed.winoMulsB === printedBillions(row.winoMulsB)
  );
}

/**
 * The chapter 6 table's and `repvgg stats`' verdict: true when every reported row of the variant
 * (B2g4 has two) shows our digits, null where the paper does not report the variant.
 */
export function comparePaper(spec: RepVGGSpec): { printed: PrintedCounts; rows: PaperRow[]; matches: boolean | null } {
  const printed = printedCounts(spec);
  const rows = paperRowsFor(spec.name);
  return { printed, rows, matches: rows.length ? rows.every((r) => matchesPaperRow(printed, r)) : null };
}
