/**
 * The benchmark's rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break). Times in milliseconds to the microsecond, the browser
 * timer's resolution order; empty fields where the paper has no number.
 */
import { type BenchRow, GRAPH_LABEL } from './rows';
import { csvField } from '../../io/csv';

export const CSV_COLUMNS = [
  'model',
  'backend',
  'backend_detail',
  'graph',
  'warmup_runs',
  'timed_runs',
  'median_ms',
  'q1_ms',
  'q3_ms',
  'min_ms',
  'max_ms',
  'images_per_s',
  'vs_deploy',
  'session_ms',
  'max_rel_diff_vs_deploy',
  'paper_top1_120ep',
  'paper_top1_200ep',
  'seed',
] as const;

const fixed = (digits: number) => (x: number) => Number(x.toFixed(digits));

export function benchCsv(rows: readonly BenchRow[]): string {
  const ms = fixed(3);
  const lines = rows.map((r) =>
    [
      r.modelName,
      r.backend,
      r.backendDetail,
      GRAPH_LABEL[r.graph],
      r.warmup,
      r.runs,
      ms(r.medianMs),
      ms(r.q1Ms),
      ms(r.q3Ms),
      ms(r.minMs),
      ms(r.maxMs),
      fixed(2)(r.imagesPerSecond),
      fixed(4)(r.vsDeploy),
      ms(r.sessionMs),
      r.maxRelDiff === 0 ? 0 : Number(r.maxRelDiff.toPrecision(3)),
      r.paperTop1At120,
      r.paperTop1At200,
      r.seed,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
