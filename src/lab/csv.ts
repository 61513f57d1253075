/**
 * The teacher's CSV of codes: one line per student, "seed,identifier,code" (a header line naming
 * the columns is optional and may order them differently; quoted fields as in RFC 4180).
 */
import { parseCsv } from '../io/csv.ts';

export interface CodeRow {
  /** 1-based line in the pasted text (after blank lines are dropped, counting the header). */
  readonly line: number;
  readonly seed: string;
  readonly student: string;
  readonly code: string;
}

const HEADER_NAMES = { seed: ['seed', 'lab', 'lab seed'], student: ['identifier', 'id', 'student', 'name'], code: ['code', 'completion code'] };

export function parseCodeRows(text: string): { rows: CodeRow[]; error?: string } {
  const table = parseCsv(text, ',;\t');
  if (table.length === 0) return { rows: [] };
  const head = table[0]!.map((f) => f.trim().toLowerCase());
  const column = (names: readonly string[]) => head.findIndex((h) => names.includes(h));
  const found = { seed: column(HEADER_NAMES.seed), student: column(HEADER_NAMES.student), code: column(HEADER_NAMES.code) };
  const hasHeader = found.code >= 0;
  if (hasHeader && (found.seed < 0 || found.student < 0))
    return { rows: [], error: 'The header names a code column but not both a seed and an identifier column.' };
  const [s, i, c] = hasHeader ? [found.seed, found.student, found.code] : [0, 1, 2];
  const rows = table.slice(hasHeader ? 1 : 0).map((r, k) => ({ line: k + (hasHeader ? 2 : 1), seed: r[s] ?? '', student: r[i] ?? '', code: r[c] ?? '' }));
  return { rows };
}

/** One CSV field, quoted when it must be. */
