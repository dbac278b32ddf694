/**
 * The org's Bulk API 2.0 jobs: creation, upload, state changes, deletion and listing, for ingest and query jobs
 * alike. HTTP-free; `routes.ts` maps requests onto it. Processing always starts on a later turn of the event loop,
 * so the request that closed a job answers `UploadComplete` and the job is seen InProgress by the next poll.
 */
import type { Org } from '../org/types.ts';
import { prepareQuery, type PreparedQuery } from '../soql/engine.ts';
import { SoqlError } from '../soql/errors.ts';
import { BulkError, invalidJobState, jobNotFound } from './errors.ts';
import { IngestJob, type IngestPhase } from './ingest/IngestJob.ts';
import { processIngestJob, type ProcessOptions } from './ingest/processIngestJob.ts';
import { readAllRows } from './csv/jobCsv.ts';
import { createJobIdGenerator } from './jobIds.ts';
import { parseIngestSpec, parseQuerySpecBody } from './jobSpecs.ts';
import { resolveSelect } from './query/columns.ts';
import { QueryJob } from './query/QueryJob.ts';
import type { JobState } from './types.ts';

/** Who makes a Bulk API request, and with which API version and call options. */
export interface BulkCaller {
  userId: string;
  apiVersion: string;
  /** `client=` of `Sforce-Call-Options`. */
  client: string | null;
}

export interface BulkJobsOptions {
  /** How ingest processing chunks its work. */
  processing?: ProcessOptions;
}

export type BulkJob = IngestJob | QueryJob;

export class BulkJobs {
  private readonly jobs = new Map<string, BulkJob>();
  private readonly nextId = createJobIdGenerator();
  private closed = false;

  constructor(
    private readonly org: Org,
    private readonly options: BulkJobsOptions = {},
  ) {}

  // --- ingest ------------------------------------------------------------------------------------------------

  createIngest(body: Record<string, unknown>, caller: BulkCaller): IngestJob {
    const spec = parseIngestSpec(body, this.org.schema);
    const job = new IngestJob(this.common(caller), spec, caller.client);
    this.jobs.set(job.id, job);
    return job;
  }

  /** Salesforce takes one upload per job; a second is refused. */
  upload(id: string, data: string): void {
    const job = this.ingest(id);
    if (job.phase.state !== 'Open') {
      throw invalidJobState(`InvalidJobState : Job ${id} is ${job.phase.state}; job data can only be uploaded to an Open job`);
    }
    if (job.phase.upload !== null) {
      throw new BulkError(400, 'BULK_API_ERROR', `Found multiple contents for job: <${id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`);
    }
    job.enter({ state: 'Open', upload: data }, this.now());
  }

  /** `PATCH {state}`: UploadComplete (from Open) or Aborted (before the job finished). */
  changeIngestState(id: string, state: unknown): IngestJob {
    const job = this.ingest(id);
    const current = job.phase.state;
    if (state === 'UploadComplete') {
      if (job.phase.state !== 'Open') throw invalidJobState(`InvalidJobState : Job ${id} is ${current}; only an Open job can be set to UploadComplete`);
      job.enter({ state: 'UploadComplete', upload: job.phase.upload }, this.now());
      setImmediate(() => this.process(job));
      return job;
    }
    if (state === 'Aborted') {
      job.enter(this.abortedIngestPhase(job), this.now());
      return job;
    }
    throw stateRefused(state, ['UploadComplete', 'Aborted']);
  }

  ingest(id: string): IngestJob {
    const job = this.jobs.get(id);
    if (job?.kind !== 'ingest') throw jobNotFound();
    return job;
  }

  // --- query -------------------------------------------------------------------------------------------------

  /**
   * The query is checked and evaluated by the SOQL engine when the job is created, as Salesforce refuses a bad query
   * with a 400 at creation; the rows are a snapshot of that moment, shaped to CSV when results are read.
   */
  createQuery(body: Record<string, unknown>, caller: BulkCaller): QueryJob {
    const { operation, query, columnDelimiter, lineEnding } = parseQuerySpecBody(body);
    const includeDeleted = operation === 'queryAll';
    let rows: PreparedQuery;
    try {
      rows = prepareQuery({ schema: this.org.schema, source: this.org, now: () => this.org.now() }, query, { apiVersion: caller.apiVersion, includeDeleted });
    } catch (error) {
      if (error instanceof SoqlError) throw new BulkError(error.status, error.errorCode, error.message);
      throw error;
    }
    const select = resolveSelect(query, this.org.schema);
    const job = new QueryJob(this.common(caller), { operation, query, object: select.object, columnDelimiter, lineEnding }, select.columns);
    this.jobs.set(job.id, job);
    setImmediate(() => this.runQuery(job, rows));
    return job;
  }

  changeQueryState(id: string, state: unknown): QueryJob {
    const job = this.query(id);
    if (state !== 'Aborted') throw stateRefused(state, ['Aborted']);
    const phase = job.phase;
    if (phase.state !== 'UploadComplete' && phase.state !== 'InProgress') {
      throw invalidJobState(`InvalidJobState : Job ${id} is ${phase.state}; only a job that has not finished can be aborted`);
    }
    job.enter({ state: 'Aborted', startedAt: 'startedAt' in phase ? phase.startedAt : null, finishedAt: this.now() }, this.now());
    return job;
  }

  query(id: string): QueryJob {
    const job = this.jobs.get(id);
    if (job?.kind !== 'query') throw jobNotFound();
    return job;
  }

  // --- both --------------------------------------------------------------------------------------------------

  /** Deletes a job that is not Open or InProgress (Salesforce's rule), with its data and results. */
  delete(kind: BulkJob['kind'], id: string): void {
    const job = kind === 'ingest' ? this.ingest(id) : this.query(id);
    const state: JobState = job.phase.state;
    if (state === 'Open' || state === 'InProgress') {
      throw invalidJobState(`InvalidJobState : Job ${id} is ${state}; a job can be deleted once it is UploadComplete, JobComplete, Aborted or Failed`);
    }
    // An UploadComplete job may be about to start: abort it first so processing never begins.
    if (job.kind === 'ingest' && state === 'UploadComplete') job.enter(this.abortedIngestPhase(job), this.now());
    if (job.kind === 'query' && state === 'UploadComplete') job.enter({ state: 'Aborted', startedAt: null, finishedAt: this.now() }, this.now());
    this.jobs.delete(id);
  }

  /** Jobs of one kind, oldest first. */
  list(kind: BulkJob['kind']): BulkJob[] {
    return [...this.jobs.values()].filter((job) => job.kind === kind);
  }

  now(): number {
    return this.org.now().getTime();
  }

  /** Stops starting new work (server shutdown); running ingest jobs stop at their next chunk. */
  close(): void {
    this.closed = true;
    for (const job of this.jobs.values()) {
      if (job.kind === 'ingest' && (job.phase.state === 'InProgress' || job.phase.state === 'UploadComplete')) {
        job.enter(this.abortedIngestPhase(job), this.now());
      }
    }
  }

  // --- private -----------------------------------------------------------------------------------------------

  private common(caller: BulkCaller) {
    const now = this.now();
    return { id: this.nextId(), createdById: caller.userId, createdDate: now, systemModstamp: now, apiVersion: caller.apiVersion };
  }

  private abortedIngestPhase(job: IngestJob): IngestPhase {
    const phase = job.phase;
    const finishedAt = this.now();
    switch (phase.state) {
      case 'Open':
      case 'UploadComplete': {
        // Nothing was processed: every uploaded row is unprocessed.
        const rows = phase.upload ? readAllRows(phase.upload, job.spec) : [];
        const results = rows.length > 0 ? { header: rows[0] ?? null, successful: [], failed: [], unprocessed: rows.slice(1) } : null;
        return { state: 'Aborted', results, startedAt: null, finishedAt };
      }
      case 'InProgress':
        return { state: 'Aborted', results: phase.results, startedAt: phase.startedAt, finishedAt };
      default:
        throw invalidJobState(`InvalidJobState : Job ${job.id} is ${phase.state}; only a job that has not finished can be aborted`);
    }
  }

  private process(job: IngestJob): void {
    if (this.closed) return;
    processIngestJob(job, this.org, this.options.processing).catch((error: unknown) => {
      const phase = job.phase;
      if (phase.state !== 'InProgress') return;
      const finishedAt = this.now();
      job.enter({ state: 'Failed', results: phase.results, startedAt: phase.startedAt, finishedAt, errorMessage: `InternalServerError : ${(error as Error).message}` }, finishedAt);
    });
  }

  private runQuery(job: QueryJob, rows: PreparedQuery): void {
    if (this.closed || job.phase.state !== 'UploadComplete') return;
    const startedAt = this.now();
    job.enter({ state: 'InProgress', startedAt }, startedAt);
    // At least one more turn before completing, so a poll can see InProgress as it would on Salesforce.
    const wait = this.options.processing?.minProcessingMs ?? 0;
    setTimeout(() => {
      if (job.phase.state !== 'InProgress') return;
      const finishedAt = this.now();
      job.enter({ state: 'JobComplete', result: { columns: job.columns, rows }, startedAt, finishedAt }, finishedAt);
    }, wait);
  }
}

function stateRefused(state: unknown, allowed: readonly string[]): BulkError {
  return invalidJobState(`InvalidJobState : The job state can only be changed to ${allowed.join(' or ')}, not ${String(state)}`);
}
