/**
 * The benchmark's rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break). Times in milliseconds to the microsecond, the browser
 * timer's resolution order; empty fields where the paper has no number.
 */
import { type BenchRow, GRAPH_LABEL } from './rows';

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

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

/** Reads CSV back into records (for tests and for anyone checking an export): quotes honoured. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push(record);
      record = [];
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [head = [], ...body] = records;
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k] ?? ''])));
}
