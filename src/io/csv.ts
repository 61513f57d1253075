/**
 * CSV as RFC 4180 writes it (quotes may hold separators, line breaks and doubled quotes): the
 * Benchmark's export, the Lab's code sheets, and reading either back.
 */

/** A field, quoted when it holds a quote, a separator (, ; or tab) or a line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows of fields, blank rows dropped. `separators`: the characters that end a field (a
 * spreadsheet's export may use ; or tab where another uses a comma).
 */
export function parseCsv(text: string, separators = ','): string[][] {
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
    else if (separators.includes(ch)) {
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

/** Records keyed by the header row's names (a missing field reads as ''). */
export function csvRecords(text: string): Record<string, string>[] {
  const [head = [], ...body] = parseCsv(text);
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k] ?? ''])));
}
