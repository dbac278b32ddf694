/**
 * Bulk API 2.0 through the client's `request` (so every call is counted, retried and normalised like the others).
 * Query results are read one page (`locator`) at a time so the caller can checkpoint after each page and hold one page
 * in memory, never the whole result.
 */
import type { SalesforceClient } from './client.ts';
import { parseCsv, toCsv } from '../csv/index.ts';
import { SalesforceError } from './errors.ts';
import { setTimeout as sleep } from 'node:timers/promises';

export type BulkJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export interface BulkJobInfo {
  id: string;
  state: BulkJobState;
  object?: string;
  operation?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string | null;
}

/** One page of query results. `locator` is null on the last page. */
export interface BulkResultPage {
  columns: string[];
  rows: Record<string, string>[];
  locator: string | null;
}

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

/** One row of an ingest job's successful or failed results, with the columns that were uploaded. */
export interface IngestResultRow {
  sfId: string | null;
  created: boolean;
  /** `sf__Error` split into code, message and fields (`CODE:message:Field1,Field2 --`). */
  error: SalesforceError | null;
  values: Record<string, string>;
}

export interface WaitOptions {
  /** First poll interval, ms; grows by a third each poll up to `maxPollMs`. Default 200. */
  pollMs?: number;
  /** Default 2,000: a finished job waits at most this long to be noticed. */
  maxPollMs?: number;
  /** Give up after this long, ms. Default 600,000. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class BulkClient {
  constructor(private readonly client: SalesforceClient) {}

  /** Starts a query job (`queryAll` includes deleted and archived records). */
  async createQueryJob(soql: string, options: { all?: boolean } = {}): Promise<BulkJobInfo> {
    const body = { operation: options.all ? 'queryAll' : 'query', query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' };
    return (await this.client.request<BulkJobInfo>({ method: 'POST', path: '/jobs/query', body, idempotent: true })).body;
  }

  async queryJob(id: string): Promise<BulkJobInfo> {
    return (await this.client.request<BulkJobInfo>({ method: 'GET', path: `/jobs/query/${id}` })).body;
  }

  /** One page of a completed query job's results, from `locator` (undefined: the first page). */
  async queryResults(id: string, options: { locator?: string | null; maxRecords?: number } = {}): Promise<BulkResultPage> {
    const params = new URLSearchParams();
    if (options.locator) params.set('locator', options.locator);
    if (options.maxRecords) params.set('maxRecords', String(options.maxRecords));
    const query = params.size ? `?${params}` : '';
    const response = await this.client.request<string>({ method: 'GET', path: `/jobs/query/${id}/results${query}`, headers: { Accept: 'text/csv' }, responseType: 'text/plain' });
    const { columns, rows } = parseCsv(response.body ?? '');
    const locator = response.headers['sforce-locator'];
    return { columns, rows, locator: !locator || locator === 'null' ? null : locator };
  }

  /** Creates an ingest job, uploads the records as CSV and closes it; the job then runs on its own. */
  async startIngest(object: string, operation: IngestOperation, columns: readonly string[], records: readonly Record<string, unknown>[], externalIdFieldName?: string): Promise<BulkJobInfo> {
    const body = { object, operation, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF', ...(externalIdFieldName ? { externalIdFieldName } : {}) };
    const job = (await this.client.request<BulkJobInfo>({ method: 'POST', path: '/jobs/ingest', body, idempotent: true })).body;
    await this.client.request({ method: 'PUT', path: `/jobs/ingest/${job.id}/batches`, body: toCsv(columns, records), headers: { 'content-type': 'text/csv' }, responseType: 'text/plain' });
    return (await this.client.request<BulkJobInfo>({ method: 'PATCH', path: `/jobs/ingest/${job.id}`, body: { state: 'UploadComplete' }, idempotent: true })).body;
  }

  async ingestJob(id: string): Promise<BulkJobInfo> {
    return (await this.client.request<BulkJobInfo>({ method: 'GET', path: `/jobs/ingest/${id}` })).body;
  }

  /** The successful and failed rows of a finished ingest job (unprocessed rows count as failed, retryable). */
  async ingestResults(id: string): Promise<IngestResultRow[]> {
    const rows: IngestResultRow[] = [];
    for (const kind of ['successfulResults', 'failedResults', 'unprocessedrecords'] as const) {
      const response = await this.client.request<string>({ method: 'GET', path: `/jobs/ingest/${id}/${kind}`, headers: { Accept: 'text/csv' }, responseType: 'text/plain' });
      for (const row of parseCsv(response.body ?? '').rows) {
        const { sf__Id: sfId, sf__Created: created, sf__Error: error, ...values } = row;
        rows.push({
          sfId: sfId || null,
          created: created === 'true',
          error: kind === 'successfulResults' ? null : kind === 'unprocessedrecords' ? new SalesforceError({ errorCode: 'UNPROCESSED', message: 'the job ended before this record was processed', source: 'record', retryable: true }) : parseBulkError(error ?? ''),
          values,
        });
      }
    }
    return rows;
  }

  async abort(kind: 'ingest' | 'query', id: string): Promise<void> {
    await this.client.request({ method: 'PATCH', path: `/jobs/${kind}/${id}`, body: { state: 'Aborted' }, idempotent: true });
  }

  /** Polls a job until it completes; fails when it fails, is aborted or takes longer than `timeoutMs`. */
  async waitFor(kind: 'ingest' | 'query', id: string, options: WaitOptions = {}): Promise<BulkJobInfo> {
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    let interval = options.pollMs ?? 200;
    for (;;) {
      const info = kind === 'query' ? await this.queryJob(id) : await this.ingestJob(id);
      if (info.state === 'JobComplete') return info;
      if (info.state === 'Failed' || info.state === 'Aborted') {
        throw new SalesforceError({ errorCode: `BULK_JOB_${info.state.toUpperCase()}`, message: `Bulk API 2.0 ${kind} job ${id} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no message'}`, source: 'api', retryable: false });
      }
      if (Date.now() > deadline) {
        throw new SalesforceError({ errorCode: 'BULK_JOB_TIMEOUT', message: `Bulk API 2.0 ${kind} job ${id} still ${info.state} after ${options.timeoutMs ?? 600_000} ms`, retryable: true });
      }
      await sleep(interval, undefined, options.signal ? { signal: options.signal } : {});
      interval = Math.min(options.maxPollMs ?? 2_000, Math.round(interval * 1.33));
    }
  }
}

/** `sf__Error` reads `CODE:message:Field1,Field2 --` (fields may be empty). */
export function parseBulkError(text: string): SalesforceError {
  const match = /^([A-Z_]+):(.*?)(?::([^:]*?))?\s*--\s*$/s.exec(text.trim());
  if (!match) return new SalesforceError({ errorCode: 'UNKNOWN_ERROR', message: text, source: 'record' });
  const fields = (match[3] ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  return new SalesforceError({ errorCode: match[1]!, message: (match[2] ?? '').trim(), fields, source: 'record' });
}
