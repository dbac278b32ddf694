/**
 * A Bulk API 2.0 job's CSV in the job's dialect (one of six column delimiters, LF or CRLF), read and written with the
 * graph's one CSV implementation (`@l2c/shared/csv`). Here: Salesforce's words for data it cannot read, and the
 * layout of result files (every value quoted; a header as the client wrote it, quoted only where it must be).
 *
 * Salesforce checks the line ending against the job's `lineEnding`: a CRLF file in an LF job (or the reverse) fails
 * the job with `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF`.
 */
import { CsvFormatError, CsvRecordReader, csvLines } from '@l2c/shared/csv';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from '../types.ts';

export interface JobDialect {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

/** Job data Salesforce cannot read: the job fails with this message. */
export class JobDataError extends Error {
  override readonly name = 'JobDataError';
}

/** Reads a job's data a slice at a time; the constructor and `read` throw `JobDataError`. */
export class JobDataReader {
  private readonly reader: CsvRecordReader;

  constructor(
    text: string,
    private readonly dialect: JobDialect,
  ) {
    this.reader = this.guard(() => new CsvRecordReader(text, { delimiter: COLUMN_DELIMITERS[dialect.columnDelimiter], lineEnding: dialect.lineEnding }));
  }

  /** Up to `max` records; an empty array at the end. */
  read(max: number): string[][] {
    return this.guard(() => this.reader.read(max));
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof CsvFormatError)) throw error;
      throw new JobDataError(
        error.reason === 'lineEnding'
          ? `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${this.dialect.lineEnding}`
          : `ClientInputError : Failed to parse the CSV data: ${error.message}`,
      );
    }
  }
}

/** The rest of a reader's records. */
export function readRest(reader: JobDataReader): string[][] {
  const rows: string[][] = [];
  for (let chunk = reader.read(10_000); chunk.length > 0; chunk = reader.read(10_000)) rows.push(...chunk);
  return rows;
}

/**
 * Every row of a job's data (header first), for the record of a job that failed or was aborted as a whole: read
 * again with the job's line ending made uniform; data that is no CSV at all yields no rows.
 */
export function readAllRows(text: string, dialect: JobDialect): string[][] {
  const uniform = dialect.lineEnding === 'LF' ? text.replaceAll('\r\n', '\n') : text.replace(/(?<!\r)\n/g, '\r\n');
  try {
    return readRest(new JobDataReader(uniform, dialect));
  } catch (error) {
    if (error instanceof JobDataError) return [];
    throw error;
  }
}

/** Result files: lines of values in the job's dialect. */
export class ResultCsv {
  private readonly delimiter: string;
  private readonly eol: string;

  constructor(private readonly dialect: JobDialect) {
    this.delimiter = COLUMN_DELIMITERS[dialect.columnDelimiter];
    this.eol = LINE_ENDINGS[dialect.lineEnding];
  }

  /** A header line: `quoted` names first, then `asWritten` (the client's own header), quoted only where needed. */
  header(quoted: readonly string[], asWritten: readonly string[] = []): string {
    const parts = [quoted.length ? this.lines([quoted]) : '', asWritten.length ? csvLines([asWritten], { delimiter: this.delimiter, lineEnding: this.dialect.lineEnding, quote: 'needed' }) : ''];
    return parts.filter((part) => part !== '').map((part) => part.slice(0, -this.eol.length)).join(this.delimiter) + this.eol;
  }

  /** Lines of values, every value quoted, each with its line ending. */
  lines(rows: readonly (readonly string[])[]): string {
    return csvLines(rows, { delimiter: this.delimiter, lineEnding: this.dialect.lineEnding, quote: 'all' });
  }
}
