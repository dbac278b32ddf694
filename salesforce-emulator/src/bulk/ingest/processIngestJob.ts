/**
 * Processes an ingest job after UploadComplete, off the request path: parse the header, then write the rows in
 * chunks of 200 (Salesforce's bulk transaction size, so CDC and triggers see the same batches), yielding to the event
 * loop between chunks so other requests, polling included, are served while a 150 MB job runs. Rows never fail the
 * job; a header Salesforce cannot read, or data with the wrong line ending, does (state Failed, errorMessage set,
 * every row unprocessed). Aborting between chunks leaves the remaining rows unprocessed.
 */
import type { Org, SaveError, SaveResult, UpsertResult } from '../../org/types.ts';
import { changeOriginFor, withChangeOrigin } from '../../streaming/changeOrigin.ts';
import { JobDataError, JobDataReader, readAllRows, readRest } from '../csv/jobCsv.ts';
import { yieldToEventLoop } from '../time.ts';
import { HeaderError, resolveColumns, type IngestColumn } from './columns.ts';
import type { IngestJob, IngestResults } from './IngestJob.ts';
import { formatSaveError, rowToRecord } from './rowToRecord.ts';

export interface ProcessOptions {
  /** Records per DML call (one transaction each). Default: 200, as Salesforce chunks bulk data. */
  chunkSize?: number;
  /** Longest stretch of work between two yields to the event loop, in ms. Default: 10. */
  sliceMs?: number;
  /** The least time a job stays InProgress, in ms, so clients can be tested against slow jobs. Default: 0. */
  minProcessingMs?: number;
}

export async function processIngestJob(job: IngestJob, org: Org, options: ProcessOptions = {}): Promise<void> {
  const chunkSize = options.chunkSize ?? 200;
  const sliceMs = options.sliceMs ?? 10;
  if (job.phase.state !== 'UploadComplete') return;
  const upload = job.phase.upload ?? '';
  const results: IngestResults = { header: null, successful: [], failed: [], unprocessed: [] };
  const startedAt = org.now().getTime();
  job.enter({ state: 'InProgress', results, startedAt }, startedAt);

  const object = org.schema.object(job.spec.object);
  const origin = changeOriginFor('bulkapi', job.common.apiVersion, job.callOptionsClient);
  let lastYield = Date.now();
  try {
    const reader = new JobDataReader(upload, job.spec);
    const header = reader.read(1)[0];
    if (!header || !object) {
      finish(job, org);
      return;
    }
    results.header = header;
    const columns = resolveColumns(header, object, org.schema, job.spec.operation);
    for (;;) {
      if (stateOf(job) !== 'InProgress') {
        // Aborted: what was not written stays unprocessed.
        results.unprocessed.push(...readRest(reader));
        return;
      }
      const rows = reader.read(chunkSize);
      if (rows.length === 0) break;
      withChangeOrigin(origin, () => writeChunk(job, org, columns, rows, results));
      if (Date.now() - lastYield >= sliceMs) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
    const remaining = startedAt + (options.minProcessingMs ?? 0) - org.now().getTime();
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    finish(job, org);
  } catch (error) {
    if (!(error instanceof HeaderError || error instanceof JobDataError)) throw error;
    // Everything after the rows already written stays unprocessed (all rows when the header itself failed).
    const rows = readAllRows(upload, job.spec);
    if (results.header === null) results.header = rows[0] ?? null;
    results.unprocessed.push(...rows.slice(1 + results.successful.length + results.failed.length));
    const finishedAt = org.now().getTime();
    job.enter({ state: 'Failed', results, startedAt, finishedAt, errorMessage: error.message }, finishedAt);
  }
}

function finish(job: IngestJob, org: Org): void {
  if (job.phase.state !== 'InProgress') return;
  const finishedAt = org.now().getTime();
  job.enter({ state: 'JobComplete', results: job.phase.results, startedAt: job.phase.startedAt, finishedAt }, finishedAt);
}

function writeChunk(job: IngestJob, org: Org, columns: readonly IngestColumn[], rows: readonly string[][], results: IngestResults): void {
  const { operation, object, externalIdFieldName } = job.spec;
  const userId = job.common.createdById;
  const pending: { values: readonly string[]; record: Record<string, unknown> }[] = [];
  const outcomes: ({ id: string; error: string } | null)[] = [];
  for (const values of rows) {
    const converted = rowToRecord(values, columns, org);
    if (!converted.ok) {
      outcomes.push({ id: '', error: formatSaveError(converted.error) });
      continue;
    }
    const refusal = precheck(operation, object, org, converted.record);
    if (refusal) {
      outcomes.push({ id: stringId(converted.record.Id), error: formatSaveError(refusal) });
      continue;
    }
    outcomes.push(null);
    pending.push({ values, record: converted.record });
  }

  const saved = pending.length === 0 ? [] : dml(org, operation, object, externalIdFieldName, pending.map((p) => p.record), userId);
  let next = 0;
  rows.forEach((values, i) => {
    const outcome = outcomes[i];
    if (outcome) {
      results.failed.push({ id: outcome.id, error: outcome.error, values });
      return;
    }
    const result = saved[next];
    const input = pending[next];
    next += 1;
    if (!result || !input) return;
    if (result.success && result.id) {
      const created = 'created' in result ? Boolean(result.created) : operation === 'insert';
      results.successful.push({ id: result.id, created, values });
    } else {
      const error = result.errors[0] ?? { statusCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.', fields: [] };
      results.failed.push({ id: result.id ?? stringId(input.record.Id), error: formatSaveError(error), values });
    }
  });
}

/** Refusals Bulk API makes before the DML call. */
function precheck(operation: string, object: string, org: Org, record: Record<string, unknown>): SaveError | null {
  if (operation === 'insert' || operation === 'upsert') return null;
  const id = record.Id;
  if (typeof id !== 'string' || id === '') {
    return { statusCode: 'MISSING_ARGUMENT', message: `Id not specified in an ${operation === 'update' ? 'update' : 'delete'} call`, fields: [] };
  }
  const idType = org.schema.objectByKeyPrefix(id.slice(0, 3));
  if (idType && idType.name.toLowerCase() !== object.toLowerCase()) {
    return { statusCode: 'MALFORMED_ID', message: `${org.schema.object(object)?.name ?? object} ID: id value of incorrect type: ${id}`, fields: ['Id'] };
  }
  return null;
}

function dml(org: Org, operation: string, object: string, externalIdField: string | null, records: Record<string, unknown>[], userId: string): (SaveResult | UpsertResult)[] {
  switch (operation) {
    case 'insert':
      return org.insert(object, records, { allOrNone: false, userId });
    case 'update':
      return org.update(object, records, { allOrNone: false, userId });
    case 'upsert':
      return org.upsert(object, externalIdField ?? 'Id', records, { allOrNone: false, userId });
    case 'delete':
    case 'hardDelete':
      return org.delete(
        records.map((r) => String(r.Id)),
        { allOrNone: false, userId, hard: operation === 'hardDelete' },
      );
    default:
      return [];
  }
}

/** The job's state now (a plain read the compiler does not narrow across awaits). */
function stateOf(job: IngestJob): string {
  return job.phase.state;
}

function stringId(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
