/**
 * Pages of a query job's CSV. A page is `maxRecords` rows from the row the locator points at; the header line
 * starts every page, as Salesforce sends it. Locators are opaque strings (base64 of the offset, like Salesforce's
 * `MTAwMDA`) and the last page answers `Sforce-Locator: null`.
 */
import { ResultCsv } from '../csv/jobCsv.ts';
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
  const total = result.rows.totalSize;
  const end = Math.min(total, start + maxRecords);
  return {
    numberOfRecords: Math.max(0, end - start),
    locator: end < total ? encodeLocator(end) : 'null',
    lines: pageLines(job, result, start, end),
  };
}

/** Records are shaped by the engine a slice at a time, so a page never exists as objects all at once. */
const SLICE = 1000;

function* pageLines(job: QueryJob, result: QueryResultSet, start: number, end: number): Generator<string> {
  const csv = new ResultCsv(job.spec);
  const paths = result.columns.map((c) => c.path);
  yield csv.header(result.columns.map((c) => c.header));
  for (let from = start; from < end; from += SLICE) {
    const rows: string[][] = [];
    for (const record of result.rows.records(from, Math.min(end, from + SLICE))) rows.push(paths.map((path) => csvValue(valueAt(record, path))));
    yield csv.lines(rows);
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
