/**
 * Writes the CSV Salesforce returns from Bulk API 2.0: every value in double quotes (quotes doubled), the job's
 * column delimiter and line ending. Result files are built line by line so no response needs one giant string.
 */
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from '../types.ts';

/** `"value"` with embedded quotes doubled. */
export function quoted(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** A header name as the client wrote it, quoted only when it must be. */
export function headerName(name: string, delimiter: string): string {
  return name.includes('"') || name.includes(delimiter) || name.includes('\n') || name.includes('\r') ? quoted(name) : name;
}

/** Joins values into lines with a job's delimiter and line ending. */
export class CsvLineWriter {
  readonly delimiter: string;
  readonly eol: string;

  constructor(columnDelimiter: ColumnDelimiter, lineEnding: LineEnding) {
    this.delimiter = COLUMN_DELIMITERS[columnDelimiter];
    this.eol = LINE_ENDINGS[lineEnding];
  }

  /** One line of quoted values, with its line ending. */
  line(values: readonly string[]): string {
    let out = '';
    for (let i = 0; i < values.length; i += 1) {
      if (i > 0) out += this.delimiter;
      out += quoted(values[i] ?? '');
    }
    return out + this.eol;
  }
}
