/**
 * Writing CSV with `csv-stringify`, in the two forms Bulk API 2.0 uses: uploads, where `null` is `#N/A` ("set this
 * field to null") and an absent value an empty cell ("leave it unchanged"), quoted only where needed; and result
 * files, every value quoted.
 */
import { stringify } from 'csv-stringify/sync';
import type { LineEnding } from './read.ts';

const EOL: Record<LineEnding, string> = { LF: '\n', CRLF: '\r\n' };

/**
 * Writes records as CSV with the given columns, for a Bulk API 2.0 ingest upload: `null` becomes `#N/A`, `undefined`
 * an empty cell; values with a delimiter, a quote, a line break or leading or trailing spaces are quoted.
 */
export function toCsv(columns: readonly string[], records: readonly Record<string, unknown>[]): string {
  const rows = [columns as string[], ...records.map((record) => columns.map((column) => cellOf(record[column])))];
  return stringify(rows, { record_delimiter: '\n', quoted_match: /^\s|\s$/ });
}

/** Lines of values with a delimiter and line ending: `quote: 'all'` quotes every value (Salesforce's result files), `needed` only those that must be. */
export function csvLines(rows: readonly (readonly string[])[], options: { delimiter?: string; lineEnding?: LineEnding; quote: 'all' | 'needed' }): string {
  if (rows.length === 0) return '';
  return stringify(rows as string[][], { delimiter: options.delimiter ?? ',', record_delimiter: EOL[options.lineEnding ?? 'LF'], quoted: options.quote === 'all', quoted_empty: options.quote === 'all' });
}

function cellOf(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '#N/A';
  return typeof value === 'string' ? value : String(value);
}
