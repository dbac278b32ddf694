/**
 * Bulk API 2.0 over plain node `http`: `/services/data/vXX.X/jobs/ingest…` and `/jobs/query…`. The server calls
 * `handle(req, res, session)` for every authenticated request; it answers and returns true when the URL is a Bulk
 * API 2.0 resource, and returns false (touching nothing) otherwise. The handler reads the request body itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Org } from '../org/types.ts';
import { callOptionsClient } from '../streaming/changeOrigin.ts';
import { BulkJobs, type BulkCaller, type BulkJob, type BulkJobsOptions } from './BulkJobs.ts';
import { BulkError, methodNotAllowed, resourceNotFound } from './errors.ts';
import { readBody, readJsonObject, sendCsv, sendError, sendJson, sendNoContent } from './http.ts';
import { ingestResultLines, type IngestResultKind } from './ingest/ingestResults.ts';
import { resultPage } from './query/queryResults.ts';

/** The authenticated session, as the server resolved it from the `Authorization` header. */
export interface BulkSession {
  /** The 18-character ID of the user: jobs' `createdById`, DML's user. */
  userId: string;
}

export interface BulkApiOptions extends BulkJobsOptions {
  org: Org;
  /** Rows per results page when the request has no `maxRecords`. Default: 50,000. */
  defaultMaxRecords?: number;
  /** Largest raw upload accepted: 150 MB once base64-encoded, as Salesforce measures it. Default: 117,964,800 bytes. */
  maxUploadBytes?: number;
}

export interface BulkApi {
  /** Answers a Bulk API 2.0 request and returns true, or returns false when the URL is not one. */
  handle(req: IncomingMessage, res: ServerResponse, session: BulkSession): Promise<boolean>;
  /** The job registry (for tests and the control endpoint). */
  readonly jobs: BulkJobs;
  /** Bulk API entries of `/limits` (`DailyBulkV2QueryJobs`, `DailyBulkApiBatches`), for the REST layer's `extraLimits`. */
  limits(): Record<string, { Max: number; Remaining: number }>;
  /** Stops processing (server shutdown). */
  close(): void;
}

const JOBS_PATH = /^\/services\/data\/v(\d{2,3}\.\d)\/jobs\/(ingest|query)(?:\/([^/?]+))?(?:\/([^/?]+))?\/?$/;
const RESULT_KINDS: readonly IngestResultKind[] = ['successfulResults', 'failedResults', 'unprocessedrecords'];

export function createBulkApi(options: BulkApiOptions): BulkApi {
  const jobs = new BulkJobs(options.org, options);
  const defaultMaxRecords = options.defaultMaxRecords ?? 50_000;
  const maxUploadBytes = options.maxUploadBytes ?? Math.floor((150 * 1024 * 1024) / 4) * 3;

  async function handle(req: IncomingMessage, res: ServerResponse, session: BulkSession): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = JOBS_PATH.exec(url.pathname);
    if (!match) return false;
    const [, apiVersion = '', kind = 'ingest', id, resource] = match;
    const caller: BulkCaller = { userId: session.userId, apiVersion, client: callOptionsClient(req.headers['sforce-call-options']) };
    const method = req.method ?? 'GET';
    try {
      if (kind === 'ingest') await ingestRoute(req, res, method, caller, url, id, resource);
      else await queryRoute(req, res, method, caller, url.searchParams, id, resource);
    } catch (error) {
      if (!(error instanceof BulkError)) throw error;
      if (!res.headersSent) sendError(res, error);
      req.resume();
    }
    return true;
  }

  async function ingestRoute(req: IncomingMessage, res: ServerResponse, method: string, caller: BulkCaller, url: URL, id?: string, resource?: string): Promise<void> {
    if (!id) {
      if (method === 'POST') return sendJson(res, 200, jobs.createIngest(await readJsonObject(req), caller).briefInfo());
      if (method === 'GET') return sendJson(res, 200, listBody(listFiltered('ingest', url.searchParams)));
      throw methodNotAllowed(method, ['GET', 'POST']);
    }
    if (!resource) {
      if (method === 'GET') return sendJson(res, 200, jobs.ingest(id).fullInfo(jobs.now()));
      if (method === 'PATCH') {
        const body = await readJsonObject(req);
        return sendJson(res, 200, jobs.changeIngestState(id, body.state).briefInfo());
      }
      if (method === 'DELETE') {
        jobs.delete('ingest', id);
        return sendNoContent(res);
      }
      throw methodNotAllowed(method, ['GET', 'PATCH', 'DELETE']);
    }
    if (resource === 'batches') {
      if (method !== 'PUT') throw methodNotAllowed(method, ['PUT']);
      jobs.ingest(id); // 404 before reading a body for an unknown job
      const data = await readBody(req, maxUploadBytes);
      jobs.upload(id, data.toString('utf8'));
      return sendNoContent(res, 201);
    }
    const kind = RESULT_KINDS.find((k) => k.toLowerCase() === resource.toLowerCase());
    if (!kind) throw resourceNotFound();
    if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
    await sendCsv(res, {}, ingestResultLines(jobs.ingest(id), kind));
  }

  async function queryRoute(req: IncomingMessage, res: ServerResponse, method: string, caller: BulkCaller, params: URLSearchParams, id?: string, resource?: string): Promise<void> {
    if (!id) {
      if (method === 'POST') return sendJson(res, 200, jobs.createQuery(await readJsonObject(req), caller).briefInfo());
      if (method === 'GET') return sendJson(res, 200, listBody(listFiltered('query', params)));
      throw methodNotAllowed(method, ['GET', 'POST']);
    }
    if (!resource) {
      if (method === 'GET') return sendJson(res, 200, jobs.query(id).fullInfo(jobs.now()));
      if (method === 'PATCH') {
        const body = await readJsonObject(req);
        return sendJson(res, 200, jobs.changeQueryState(id, body.state).briefInfo());
      }
      if (method === 'DELETE') {
        jobs.delete('query', id);
        return sendNoContent(res);
      }
      throw methodNotAllowed(method, ['GET', 'PATCH', 'DELETE']);
    }
    if (resource !== 'results') throw resourceNotFound();
    if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
    const job = jobs.query(id);
    if (job.common.apiVersion !== caller.apiVersion) {
      throw new BulkError(409, 'INVALIDJOB', `InvalidJob : Query results must be retrieved with the API version the job was created with (${job.common.apiVersion})`);
    }
    const phase = job.phase;
    if (phase.state !== 'JobComplete') {
      throw new BulkError(412, 'JOB_NOT_COMPLETE', `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${statusName(phase.state)}`);
    }
    const page = resultPage(job, phase.result, params.get('locator'), maxRecordsParam(params.get('maxRecords'), defaultMaxRecords));
    await sendCsv(res, { 'Sforce-NumberOfRecords': String(page.numberOfRecords), 'Sforce-Locator': page.locator }, page.lines);
  }

  /** `jobType` and `isPkChunkingEnabled` filter the list; only Bulk API 2.0 jobs exist here. */
  function listFiltered(kind: BulkJob['kind'], params: URLSearchParams): BulkJob[] {
    const jobType = params.get('jobType');
    if (jobType && jobType !== (kind === 'ingest' ? 'V2Ingest' : 'V2Query')) return [];
    if (params.get('isPkChunkingEnabled') === 'true') return []; // PK chunking is a Bulk API (1.0) feature
    return jobs.list(kind);
  }

  function limits(): Record<string, { Max: number; Remaining: number }> {
    const since = jobs.now() - 24 * 60 * 60 * 1000;
    const recent = [...jobs.list('ingest'), ...jobs.list('query')].filter((job) => job.common.createdDate >= since);
    const queryJobs = recent.filter((job) => job.kind === 'query').length;
    // Bulk API 2.0 ingest counts one batch per 10,000 records against the Bulk API batch allocation.
    const batches = recent.reduce((sum, job) => sum + (job.kind === 'ingest' ? Math.ceil(job.recordCount() / 10_000) : 0), 0);
    return {
      DailyBulkApiBatches: { Max: 15_000, Remaining: Math.max(0, 15_000 - batches) },
      DailyBulkV2QueryJobs: { Max: 10_000, Remaining: Math.max(0, 10_000 - queryJobs) },
    };
  }

  return { handle, jobs, limits, close: () => jobs.close() };
}

/** `GET /jobs/ingest` and `GET /jobs/query`: `{ done, records, nextRecordsUrl }` (every job fits one page here). */
function listBody(list: BulkJob[]) {
  const records = list.map((job) => {
    const { lineEnding, columnDelimiter, ...head } = job.briefInfo() as ReturnType<BulkJob['briefInfo']> & { contentUrl?: string };
    delete head.contentUrl;
    return { ...head, jobType: job.kind === 'ingest' ? 'V2Ingest' : 'V2Query', lineEnding, columnDelimiter };
  });
  return { done: true, records, nextRecordsUrl: null };
}

function maxRecordsParam(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BulkError(400, 'INVALIDREQUEST', `Invalid maxRecords: ${value}. maxRecords must be a positive integer`);
  return n;
}

/** The job state as JOB_NOT_COMPLETE names it (`IN_PROGRESS`). */
function statusName(state: string): string {
  return state.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
