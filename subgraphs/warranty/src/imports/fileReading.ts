import { CsvError, Parser } from 'csv-parse';
import type { FileProblem } from '../domain/csv/header.ts';

/**
 * Reading an uploaded file as a stream, chunk by chunk, never whole: bytes are decoded as UTF-8 (anything else is
 * refused, saying which line and what to do), then split into records by csv-parse. A file that is not well-formed CSV
 * (a quote never closed, a stray quote) is refused as a whole, naming the line: its row boundaries cannot be trusted.
 */

export class FileProblemError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
    this.name = 'FileProblemError';
  }
}

export interface CsvRecord {
  cells: string[];
  /** The file's line the record ends on (the header is line 1). */
  line: number;
}

/** Decodes UTF-8 chunks (a leading byte order mark is dropped); refuses UTF-16 and bytes that are not UTF-8. */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let first = true;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff) || chunk.subarray(0, 200).includes(0)) {
        throw new FileProblemError({ code: 'WRONG_ENCODING', message: 'the file is UTF-16 (or binary), not UTF-8 text: save it as "CSV UTF-8 (comma delimited)" and upload it again', line: null });
      }
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw notUtf8(chunk, line);
    }
    line += count(text, '\n');
    yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new FileProblemError({ code: 'WRONG_ENCODING', message: `the file ends in the middle of a character (line ${line}): it is not UTF-8 text`, line });
  }
}

/**
 * The file's records, each with the line it ends on, in runs: every decoded chunk is parsed at once and its records
 * handed over together (one await per chunk, not per record).
 */
export async function* csvRecords(texts: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  const parser = new Parser({ relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 65_536 });
  let failure: unknown = null;
  parser.on('error', (error) => (failure ??= error));
  const drain = (): CsvRecord[] => {
    if (failure) throw failure instanceof CsvError ? malformed(failure) : failure;
    const records: CsvRecord[] = [];
    for (let entry = parser.read() as { record: string[]; info: { lines: number } } | null; entry !== null; entry = parser.read() as typeof entry) {
      records.push({ cells: entry.record, line: entry.info.lines });
    }
    return records;
  };
  for await (const text of texts) {
    // csv-parse parses a written chunk at once: its records are readable as soon as `write` returns.
    parser.write(text);
    const records = drain();
    if (records.length) yield records;
  }
  // The last record, and a quote never closed, are known only once the parser has flushed.
  const flushed = new Promise<void>((resolve) => {
    parser.once('finish', () => resolve());
    parser.once('error', () => resolve());
  });
  parser.end();
  await flushed;
  const rest = drain();
  if (rest.length) yield rest;
  if (failure) throw failure instanceof CsvError ? malformed(failure) : failure;
}

function malformed(error: CsvError): FileProblemError {
  const line = typeof error['lines'] === 'number' ? error['lines'] : null;
  const at = line === null ? '' : `line ${line}: `;
  const message =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `${at}a quoted field is never closed: a " opens it and none closes it`
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? `${at}a row is longer than 64 KB`
        : ['CSV_INVALID_CLOSING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE', 'INVALID_OPENING_QUOTE'].includes(error.code)
          ? `${at}a quote (") inside a field: quote the whole field and double the quote ("")`
          : `${at}the file is not well-formed CSV (${error.code})`;
  return new FileProblemError({ code: 'MALFORMED_CSV', message, line });
}

function notUtf8(chunk: Uint8Array, lineAtStart: number): FileProblemError {
  const lenient = Buffer.from(chunk).toString('utf8');
  const at = lenient.indexOf('\uFFFD');
  const line = lineAtStart + count(lenient.slice(0, Math.max(at, 0)), '\n');
  const start = lenient.lastIndexOf('\n', at) + 1;
  const excerpt = lenient.slice(start, Math.min(start + 60, lenient.length)).split(/\r?\n/)[0]!.replaceAll('\uFFFD', '?');
  return new FileProblemError({
    code: 'WRONG_ENCODING',
    message: `line ${line} is not UTF-8 text (it reads "${excerpt}"; the file is probably Windows-1252 or ISO-8859-1, as Excel's plain "CSV" saves it): save it as "CSV UTF-8 (comma delimited)" and upload it again`,
    line,
  });
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
