/**
 * Reads Bulk API 2.0 job data: RFC 4180 CSV with one of the six column delimiters and the job's line ending.
 * Quoted fields may hold delimiters, doubled quotes and line breaks. The reader hands out records a few at a time so
 * a 150 MB upload is processed in slices between which the event loop runs.
 *
 * Salesforce checks the line ending against the job's `lineEnding`: a CRLF file in an LF job (or the reverse) fails
 * the job with `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF`.
 */
import type { LineEnding } from '../types.ts';

/** The job data's line endings differ from the job's `lineEnding`. */
export class LineEndingError extends Error {
  constructor(readonly lineEnding: LineEnding) {
    super(`ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`);
    this.name = 'LineEndingError';
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvReader {
  private pos = 0;
  private readonly delimiterCode: number;
  private readonly crlf: boolean;

  constructor(
    private readonly text: string,
    delimiter: string,
    private readonly lineEnding: LineEnding,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    this.crlf = lineEnding === 'CRLF';
  }

  /** True once every record has been read. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** Up to `max` records (blank lines skipped); an empty array at the end. Throws `LineEndingError`. */
  read(max: number): string[][] {
    const records: string[][] = [];
    while (records.length < max && !this.done) {
      const record = this.readRecord();
      if (record.length > 1 || record[0] !== '') records.push(record);
    }
    return records;
  }

  private readRecord(): string[] {
    const text = this.text;
    const n = text.length;
    const fields: string[] = [];
    let pos = this.pos;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        value = '';
        let start = pos + 1;
        for (;;) {
          const q = text.indexOf('"', start);
          if (q < 0) {
            // An unterminated quote runs to the end of the data, as Salesforce's parser reads it.
            value += text.slice(start);
            pos = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(start, q + 1);
            start = q + 2;
            continue;
          }
          value += text.slice(start, q);
          pos = q + 1;
          break;
        }
        // Anything between the closing quote and the next delimiter is kept, as lenient parsers do.
        const tailStart = pos;
        pos = this.scanField(pos);
        if (pos > tailStart) value += this.fieldText(tailStart, pos);
      } else {
        const start = pos;
        pos = this.scanField(pos);
        value = this.fieldText(start, pos);
      }
      fields.push(value);
      if (pos >= n) {
        this.pos = n;
        return fields;
      }
      if (text.charCodeAt(pos) === LF) {
        this.checkLineEnd(pos);
        this.pos = pos + 1;
        return fields;
      }
      pos += 1; // the delimiter
    }
  }

  /** Index of the delimiter or line feed that ends the field starting at `pos` (or the end of the text). */
  private scanField(pos: number): number {
    const text = this.text;
    const n = text.length;
    const d = this.delimiterCode;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === d || c === LF) return pos;
      pos += 1;
    }
    return pos;
  }

  /** The text of an unquoted field ending at `end`, without the CR of a CRLF line end. */
  private fieldText(start: number, end: number): string {
    if (this.crlf && end > start && this.text.charCodeAt(end) === LF && this.text.charCodeAt(end - 1) === CR) {
      return this.text.slice(start, end - 1);
    }
    return this.text.slice(start, end);
  }

  private checkLineEnd(lfIndex: number): void {
    const precededByCr = lfIndex > 0 && this.text.charCodeAt(lfIndex - 1) === CR;
    if (precededByCr !== this.crlf) throw new LineEndingError(this.lineEnding);
  }
}
