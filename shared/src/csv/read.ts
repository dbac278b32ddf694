/**
 * Reading CSV (RFC 4180) with `csv-parse`: one column delimiter, the job's line ending, quoted fields holding
 * delimiters, doubled quotes and line breaks. The one CSV reader of the graph: the sync's Bulk API client and the
 * Salesforce emulator both read with it.
 */
import { parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

export type LineEnding = 'LF' | 'CRLF';

export interface CsvDialect {
  /** One character. Default `,`. */
  delimiter?: string;
  /**
   * How records end. Default: either (`\r\n` or `\n`, as a client reading results accepts). Given, data that ends
   * its lines otherwise is refused (`CsvFormatError` with `reason: 'lineEnding'`).
   */
  lineEnding?: LineEnding;
}

/** Data that is not CSV in the expected dialect: an unclosed quote, text after a closing quote, another line ending. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  constructor(
    readonly reason: 'lineEnding' | 'syntax',
    message: string,
    /** The record (1 = the first line) where reading stopped, when known. */
    readonly record: number | null = null,
  ) {
    super(message);
  }
}

/** Parses CSV text into rows of cells. Blank lines are skipped; rows may differ in length. */
export function parseCsvRows(text: string, dialect: CsvDialect = {}): string[][] {
  checkFirstLineEnding(text, dialect.lineEnding);
  try {
    return checkRows(parseSync(text, options(dialect)) as string[][], dialect.lineEnding, 0);
  } catch (error) {
    throw asFormatError(error);
  }
}

/** Parses CSV text with a header row into records keyed by column name. Missing cells are `''`. */
export function parseCsv(text: string, dialect: CsvDialect = {}): { columns: string[]; rows: Record<string, string>[] } {
  const table = parseCsvRows(text, dialect);
  const columns = table.shift() ?? [];
  const rows = table.map((cells) => {
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = cells[i] ?? '';
    return row;
  });
  return { columns, rows };
}

/**
 * Hands out the records of a large text a few at a time (the text is fed to the parser 1 MiB at a time), so a
 * caller can let the event loop run between slices of a 150 MB upload. Throws `CsvFormatError` from `read`.
 */
export class CsvRecordReader {
  private readonly parser;
  private readonly buffered: string[][] = [];
  private offset = 0;
  private ended = false;
  private recordsRead = 0;

  constructor(
    private readonly text: string,
    private readonly dialect: CsvDialect = {},
    private readonly feedChars = 1 << 20,
  ) {
    checkFirstLineEnding(text, dialect.lineEnding);
    this.parser = parse(options(dialect));
    // Errors are read from `parser.errored` right after each write; the listener keeps Node from treating the
    // event as unhandled.
    this.parser.on('error', () => undefined);
  }

  /** True once every record has been handed out. */
  get done(): boolean {
    return this.ended && this.buffered.length === 0;
  }

  /** Up to `max` records; an empty array at the end. */
  read(max: number): string[][] {
    while (this.buffered.length < max && !this.ended) {
      if (this.offset < this.text.length) {
        this.parser.write(this.text.slice(this.offset, this.offset + this.feedChars));
        this.offset += this.feedChars;
      } else {
        this.parser.end();
        this.ended = true;
      }
      for (let record = this.parser.read() as string[] | null; record !== null; record = this.parser.read() as string[] | null) this.buffered.push(record);
      if (this.parser.errored) throw asFormatError(this.parser.errored);
    }
    const records = this.buffered.splice(0, max);
    checkRows(records, this.dialect.lineEnding, this.recordsRead);
    this.recordsRead += records.length;
    return records;
  }
}

function options(dialect: CsvDialect): Options {
  return {
    delimiter: dialect.delimiter ?? ',',
    record_delimiter: dialect.lineEnding === 'CRLF' ? '\r\n' : dialect.lineEnding === 'LF' ? '\n' : ['\r\n', '\n'],
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  };
}

/** The first line decides the data's line ending (a header holds no line breaks). */
function checkFirstLineEnding(text: string, expected: LineEnding | undefined): void {
  if (!expected) return;
  const lf = text.indexOf('\n');
  if (lf < 0) return;
  const found: LineEnding = lf > 0 && text.charCodeAt(lf - 1) === 13 ? 'CRLF' : 'LF';
  if (found !== expected) throw new CsvFormatError('lineEnding', `the data's lines end in ${found}, not ${expected}`, 1);
}

/** A later CRLF line in LF data leaves its CR in the last cell: no unquoted cell holds a bare CR in valid CSV. */
function checkRows(rows: string[][], expected: LineEnding | undefined, before: number): string[][] {
  if (expected !== 'LF') return rows;
  const at = rows.findIndex((row) => row[row.length - 1]?.endsWith('\r'));
  if (at >= 0) throw new CsvFormatError('lineEnding', `record ${before + at + 1} ends in CRLF, not LF`, before + at + 1);
  return rows;
}

function asFormatError(error: unknown): Error {
  if (error instanceof CsvFormatError) return error;
  const e = error as Error & { code?: string; lines?: number };
  if (typeof e.code === 'string' && e.code.startsWith('CSV_') || e.code === 'INVALID_OPENING_QUOTE') return new CsvFormatError('syntax', e.message, e.lines ?? null);
  return e;
}
