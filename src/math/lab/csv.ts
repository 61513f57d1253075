/**
 * The teacher's CSV of codes: one line per student, "seed,identifier,code" (a header line naming
 * the columns is optional and may order them differently; quoted fields as in RFC 4180).
 */

/** Rows of fields; quotes may hold commas, line breaks and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',' || ch === ';' || ch === '\t') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface CodeRow {
  /** 1-based line in the pasted text (after blank lines are dropped, counting the header). */
  readonly line: number;
  readonly seed: string;
  readonly student: string;
  readonly code: string;
}

const HEADER_NAMES = { seed: ['seed', 'lab', 'lab seed'], student: ['identifier', 'id', 'student', 'name'], code: ['code', 'completion code'] };

export function parseCodeRows(text: string): { rows: CodeRow[]; error?: string } {
  const table = parseCsv(text);
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
export function csvField(value: string): string {
  return /[",;\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
