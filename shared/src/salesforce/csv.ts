/**
 * CSV as Bulk API 2.0 speaks it (RFC 4180, comma, LF or CRLF). jsforce's own parser accepts any of six delimiters at
 * once, which splits values that contain `;` or `|`; these parse and write one known delimiter.
 */

/** Parses CSV text with a header row into records keyed by column name. Empty fields are `''`. */
export function parseCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const table = parseCsvRows(text);
  const columns = table.shift() ?? [];
  const rows = table.map((cells) => {
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = cells[i] ?? '';
    return row;
  });
  return { columns, rows };
}

/** Parses CSV text into rows of cells. A final line ending does not make an empty row. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === 34 /* " */) {
        if (text.charCodeAt(i + 1) === 34) {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      const next = text.indexOf('"', i);
      const end = next === -1 ? n : next;
      cell += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === 34) {
      quoted = true;
      i++;
    } else if (ch === 44 /* , */) {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === 10 /* \n */ || ch === 13 /* \r */) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13 || c === 34) break;
        end++;
      }
      cell += text.slice(i, end);
      i = end;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Writes records as CSV with the given columns. `null` becomes `#N/A`, which Bulk API 2.0 ingest reads as "set this
 * field to null"; a column the record does not have (`undefined`) is an empty cell, which leaves the field unchanged.
 */
export function toCsv(columns: readonly string[], records: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const record of records) lines.push(columns.map((column) => cellOf(record[column])).join(','));
  return `${lines.join('\n')}\n`;
}

function cellOf(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '#N/A';
  if (typeof value === 'string') return quote(value);
  return quote(String(value));
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
