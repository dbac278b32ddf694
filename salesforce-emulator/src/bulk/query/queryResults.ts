/**
 * Pages of a query job's CSV. A page is `maxRecords` rows from the row the locator points at; the header line
 * starts every page, as Salesforce sends it. Locators are opaque strings (base64 of the offset, like Salesforce's
 * `MTAwMDA`) and the last page answers `Sforce-Locator: null`.
 */
import { CsvLineWriter, quoted } from '../csv/csvWrite.ts';
import { BulkError } from '../errors.ts';
import type { QueryJob, QueryResultSet } from './QueryJob.ts';

export interface ResultPage {
  /** `Sforce-NumberOfRecords`. */
  numberOfRecords: number;
  /** `Sforce-Locator`: the next page's locator, or the string `null`. */
  locator: string;
  lines: Iterable<string>;
}

export function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

export function decodeLocator(locator: string): number {
  const offset = Number(Buffer.from(locator, 'base64').toString('utf8'));
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeLocator(offset) !== locator) {
    throw new BulkError(400, 'INVALIDLOCATOR', `Invalid locator: ${locator}`);
  }
  return offset;
}

export function resultPage(job: QueryJob, result: QueryResultSet, locator: string | null, maxRecords: number): ResultPage {
  const start = locator ? decodeLocator(locator) : 0;
  const total = result.records.length;
  const end = Math.min(total, start + maxRecords);
  return {
    numberOfRecords: Math.max(0, end - start),
    locator: end < total ? encodeLocator(end) : 'null',
    lines: pageLines(job, result, start, end),
  };
}

function* pageLines(job: QueryJob, result: QueryResultSet, start: number, end: number): Generator<string> {
  const writer = new CsvLineWriter(job.spec.columnDelimiter, job.spec.lineEnding);
  const { columns, records } = result;
  yield columns.map((c) => quoted(c.header)).join(writer.delimiter) + writer.eol;
  const values: string[] = new Array<string>(columns.length);
  for (let i = start; i < end; i += 1) {
    const record = records[i] as Readonly<Record<string, unknown>>;
    for (let c = 0; c < columns.length; c += 1) values[c] = csvValue(valueAt(record, (columns[c] as { path: readonly string[] }).path));
    yield writer.line(values);
  }
}

function valueAt(record: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Bulk CSV values: null as empty, datetimes in UTC with `Z` (the REST form ends in `+0000`). */
function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.length === 28 && value.endsWith('+0000') && value[10] === 'T' ? `${value.slice(0, 23)}Z` : value;
  return String(value);
}
