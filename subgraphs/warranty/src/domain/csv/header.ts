import { columnNamed, type ColumnSpec } from './columns.ts';

/**
 * Checks a file's first line. A file is refused as a whole — nothing of it is saved — when its first line is not a
 * header of our columns: separated by another delimiter, missing (the first line is data), missing required columns,
 * naming a column twice, or naming columns we do not know (most often a typo a dealer would rather hear about than
 * have silently ignored).
 */

export interface FileProblem {
  code: 'EMPTY_FILE' | 'WRONG_ENCODING' | 'WRONG_DELIMITER' | 'MISSING_HEADER' | 'MISSING_COLUMNS' | 'UNKNOWN_COLUMNS' | 'DUPLICATE_COLUMNS' | 'MALFORMED_CSV' | 'NO_ROWS' | 'TOO_MANY_ROWS' | 'TOO_LARGE';
  message: string;
  line: number | null;
}

/** Where each column is in the file's rows. */
export type HeaderMap = ReadonlyMap<string, number>;

const OTHER_DELIMITERS: readonly [string, string][] = [
  [';', 'semicolons (;)'],
  ['\t', 'tabs'],
  ['|', 'vertical bars (|)'],
];

/** The header's column positions, or the problem that refuses the file. `cells` is the first line split on commas. */
export function readHeader(columns: readonly ColumnSpec[], cells: readonly string[]): { header: HeaderMap } | { problem: FileProblem } {
  const problem = (code: FileProblem['code'], message: string): { problem: FileProblem } => ({ problem: { code, message, line: 1 } });
  const known = cells.map((cell) => columnNamed(columns, cell));
  const expected = columns.filter((c) => c.required).map((c) => c.name).join(', ');
  if (cells.length === 1) {
    for (const [delimiter, name] of OTHER_DELIMITERS) {
      const parts = cells[0]!.split(delimiter);
      if (parts.length > 1 && parts.some((part) => columnNamed(columns, part.replace(/^"|"$/g, '')) !== null)) {
        return problem('WRONG_DELIMITER', `the columns are separated by ${name}; the file must be comma-separated (save it as "CSV UTF-8 (comma delimited)")`);
      }
    }
  }
  if (known.every((c) => c === null)) {
    return problem('MISSING_HEADER', `the first line is not a header: it must name the columns (${expected}, …); it reads ${JSON.stringify(shorten(cells.join(',')))}`);
  }
  const unknown = cells.filter((_, i) => known[i] === null);
  if (unknown.length > 0) {
    return problem('UNKNOWN_COLUMNS', `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')}; the columns are ${columns.map((c) => c.name).join(', ')}`);
  }
  const positions = new Map<string, number>();
  for (const [i, column] of known.entries()) {
    if (positions.has(column!.name)) return problem('DUPLICATE_COLUMNS', `column ${column!.name} is named twice (columns ${positions.get(column!.name)! + 1} and ${i + 1})`);
    positions.set(column!.name, i);
  }
  const missing = columns.filter((c) => c.required && !positions.has(c.name)).map((c) => c.name);
  if (missing.length > 0) return problem('MISSING_COLUMNS', `required column${missing.length > 1 ? 's' : ''} missing: ${missing.join(', ')}`);
  return { header: positions };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
