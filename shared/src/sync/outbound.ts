/**
 * Pushes a batch of locally changed records to Salesforce and records the outcome in one transaction, with the
 * batch's checkpoint.
 *
 * Invariants:
 * - A retry never duplicates a record: records Salesforce does not know yet are upserted by the external ID that
 *   carries the local id; known records are updated by Id; deleting a deleted record counts as done.
 * - Only fields that differ from the values both sides last agreed on are sent to known records, so a push does
 *   not overwrite fields someone changed in Salesforce meanwhile.
 * - After a push, the link holds the pushed values: when the change comes back inbound, it equals the link and is
 *   not applied again (no echo).
 * - A record Salesforce refuses for a reason a retry cannot fix leaves the queue and is stored as a failure; one
 *   refused for a passing reason (row lock) is retried a few times, then stays queued for the next run.
 */
import { BulkClient, type IngestResultRow } from '../salesforce/bulk.ts';
import type { SalesforceClient } from '../salesforce/client.ts';
import { recordError, SalesforceError } from '../salesforce/errors.ts';
import { backOff } from 'exponential-backoff';
import { retryDelays } from '../salesforce/client.ts';
import type { SaveResult } from '../salesforce/types.ts';
import type { Queryable, Store } from '../store/store.ts';
import type { CompiledField, CompiledMapping } from './compile.ts';
import { parentSfIds } from './inbound.ts';
import { readLocalRows } from './localWrites.ts';
import type { SfValues } from './mapping.ts';
import { payloadOf, valuesOfRow } from './records.ts';
import { changedFields, valuesHash } from './sfValues.ts';
import { clearChanges, type PendingRecord } from './store/changes.ts';
import { recordFailures, resolveFailures, type FailureWrite } from './store/failures.ts';
import { deleteLinksByLocalId, linksByLocalId, writeLinks, type LinkWrite } from './store/links.ts';

export interface OutboundStats {
  pushedCreated: number;
  pushedUpdated: number;
  pushedDeleted: number;
  unchanged: number;
  failed: number;
  /** Records left queued for a later run (passing failures, parents not synced yet). */
  deferred: number;
}

export interface PushOptions {
  store: Store;
  client: SalesforceClient;
  mapping: CompiledMapping;
  runId: string;
  /** At this many creates and updates in one batch or more, Bulk API 2.0 ingest is used instead of collections. */
  bulkThreshold: number;
  /** Collection calls in flight at once. Default 2. */
  concurrency?: number;
  /** Attempts for records refused with a passing error (`UNABLE_TO_LOCK_ROW`), the first included. Default 3. */
  recordAttempts?: number;
  /** Bulk API 2.0 ingest polling: first interval and give-up time, ms. Defaults 200 and 600,000. */
  bulkPollMs?: number;
  bulkTimeoutMs?: number;
  signal?: AbortSignal;
  /** Runs inside the transaction that records the outcome, with the batch's counts: the checkpoint. */
  onCommit?: (tx: Queryable, stats: OutboundStats) => Promise<void>;
}

export function emptyOutboundStats(): OutboundStats {
  return { pushedCreated: 0, pushedUpdated: 0, pushedDeleted: 0, unchanged: 0, failed: 0, deferred: 0 };
}

/** Codes that mean "already gone" when deleting. */
const GONE = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY', 'INVALID_ID_FIELD']);

type Op =
  | { kind: 'upsert'; pending: PendingRecord; payload: Record<string, unknown>; values: SfValues }
  | { kind: 'update'; pending: PendingRecord; sfId: string; payload: Record<string, unknown>; values: SfValues }
  | { kind: 'delete'; pending: PendingRecord; sfId: string };

interface Outcome {
  op: Op;
  sfId: string | null;
  created: boolean;
  error: SalesforceError | null;
}

export async function pushBatch(options: PushOptions, batch: readonly PendingRecord[]): Promise<OutboundStats> {
  const { store, mapping } = options;
  const stats = emptyOutboundStats();
  const ids = batch.map((p) => p.local_id);
  const rows = await readLocalRows(store, mapping, ids, false);
  const links = await linksByLocalId(store, mapping.name, ids);
  const parents = await parentSfIds(store, mapping, [...rows.values()]);
  const outFields = mapping.fields.filter((f) => f.outbound);

  const ops: Op[] = [];
  const failures: FailureWrite[] = [];
  const cleared: { localId: string; upTo: number }[] = [];
  const fail = (pending: PendingRecord, sfId: string | null, error: { errorCode: string; fields: readonly string[]; message: string; retryable: boolean }) => {
    failures.push({ mapping: mapping.name, direction: 'outbound', localId: pending.local_id, sfId, ...error });
    if (error.retryable) stats.deferred++;
    else {
      stats.failed++;
      cleared.push({ localId: pending.local_id, upTo: pending.last_id });
    }
  };

  for (const pending of batch) {
    const row = rows.get(pending.local_id);
    const link = links.get(pending.local_id);
    if (!row) {
      if (link) ops.push({ kind: 'delete', pending, sfId: link.sf_id });
      else cleared.push({ localId: pending.local_id, upTo: pending.last_id });
      continue;
    }
    const { values, problems } = valuesOfRow(mapping, row, parents);
    if (problems.length) {
      const first = problems[0]!;
      fail(pending, link?.sf_id ?? null, { errorCode: first.code, fields: problems.map((p) => p.field), message: problems.map((p) => p.message).join('; '), retryable: problems.every((p) => p.retryable) });
      continue;
    }
    if (link) {
      // The external ID rides along with a real change: a record born in Salesforce gets our id with its first push,
      // and a full outbound sync does not rewrite every such record just to stamp it.
      const changed = changedFields(outFields.map((f) => f.sf), link.sf_values, values);
      const diff = changed.length && changedFields([mapping.externalId], link.sf_values, values).length ? [...changed, mapping.externalId] : changed;
      if (diff.length === 0) {
        stats.unchanged++;
        cleared.push({ localId: pending.local_id, upTo: pending.last_id });
        continue;
      }
      const locked = diff.filter((f) => f !== mapping.externalId && !fieldOf(outFields, f)?.updateable);
      if (locked.length) {
        fail(pending, link.sf_id, { errorCode: 'FIELD_NOT_UPDATEABLE', fields: locked, message: `Salesforce does not let ${locked.join(', ')} change once the record exists`, retryable: false });
        continue;
      }
      const payload: Record<string, unknown> = { Id: link.sf_id, ...payloadOf(outFields.filter((f) => diff.includes(f.sf)), values) };
      if (diff.includes(mapping.externalId)) payload[mapping.externalId] = values[mapping.externalId] ?? null;
      ops.push({ kind: 'update', pending, sfId: link.sf_id, payload, values: { ...link.sf_values, ...pick(values, diff) } });
    } else {
      const createable = outFields.filter((f) => f.createable);
      const payload: Record<string, unknown> = { [mapping.externalId]: values[mapping.externalId], ...payloadOf(createable, values), ...mapping.mapping.constants };
      ops.push({ kind: 'upsert', pending, payload, values: pick(values, [...createable.map((f) => f.sf), mapping.externalId]) });
    }
  }

  const outcomes = await send(options, ops);
  const linkWrites: LinkWrite[] = [];
  const unlink: string[] = [];
  const succeeded: string[] = [];
  for (const outcome of outcomes) {
    const { op } = outcome;
    const localId = op.pending.local_id;
    if (outcome.error && !(op.kind === 'delete' && GONE.has(outcome.error.errorCode))) {
      fail(op.pending, op.kind === 'upsert' ? null : op.sfId, parentNotThereYet(outcome.error) ?? outcome.error.toJSON());
      continue;
    }
    succeeded.push(localId);
    cleared.push({ localId, upTo: op.pending.last_id });
    if (op.kind === 'delete') {
      unlink.push(localId);
      stats.pushedDeleted++;
    } else {
      const sfId = op.kind === 'update' ? op.sfId : outcome.sfId;
      if (!sfId) {
        fail(op.pending, null, { errorCode: 'NO_ID_RETURNED', fields: [], message: 'Salesforce reported success without the record Id', retryable: true });
        continue;
      }
      linkWrites.push({ localId, sfId, values: op.values, hash: valuesHash(mapping.valueFields, op.values) });
      if (op.kind === 'update' || !outcome.created) stats.pushedUpdated++;
      else stats.pushedCreated++;
    }
  }

  await store.transaction(async (tx) => {
    await writeLinks(tx, mapping.name, linkWrites);
    await deleteLinksByLocalId(tx, mapping.name, unlink);
    await clearChanges(tx, mapping.table, cleared);
    await recordFailures(tx, failures, options.runId);
    await resolveFailures(tx, mapping.name, 'outbound', succeeded);
    await options.onCommit?.(tx, stats);
  });
  return stats;
}

/** Sends the operations, collections or Bulk API 2.0 by size, retrying records refused for passing reasons. */
async function send(options: PushOptions, ops: readonly Op[]): Promise<Outcome[]> {
  const attempts = options.recordAttempts ?? 3;
  const final: Outcome[] = [];
  let todo = ops;
  let attempt = 0;
  // Each attempt sends what is left; records refused for a passing reason make it throw, so that the next attempt
  // waits its backoff. The last attempt keeps every outcome.
  const attemptOnce = async (): Promise<void> => {
    attempt++;
    const writes = todo.filter((op) => op.kind !== 'delete');
    const outcomes = writes.length >= options.bulkThreshold ? [...(await sendBulk(options, writes)), ...(await sendCollections(options, todo.filter((op) => op.kind === 'delete')))] : await sendCollections(options, todo);
    const retry: Op[] = [];
    const resend: Op[] = [];
    for (const outcome of outcomes) {
      const narrowed = withoutLockedFields(options.mapping, outcome);
      if (narrowed) resend.push(narrowed);
      else if (outcome.error?.retryable && attempt < attempts) retry.push(outcome.op);
      else final.push(outcome);
    }
    todo = [...resend, ...retry];
    if (retry.length) throw new RecordsToRetry();
    if (resend.length) await attemptOnce(); // narrowed upserts go again at once
  };
  await backOff(attemptOnce, { ...retryDelays({ baseMs: 250, maxMs: 5_000 }), numOfAttempts: attempts, retry: (error) => error instanceof RecordsToRetry });
  return final;
}

/** Some records of an attempt were refused for a passing reason (row lock): they go again after a backoff. */
class RecordsToRetry extends Error {}

/**
 * An upsert that matched an existing record (a push whose answer was lost, sent again) is refused when it carries
 * fields Salesforce sets only on create (`INVALID_FIELD_FOR_INSERT_UPDATE`, e.g. a master-detail parent): the same
 * upsert without them. Null when the outcome is anything else.
 */
function withoutLockedFields(mapping: CompiledMapping, outcome: Outcome): Op | null {
  const { op, error } = outcome;
  if (op.kind !== 'upsert' || error?.errorCode !== 'INVALID_FIELD_FOR_INSERT_UPDATE' || error.fields.length === 0) return null;
  const locked = error.fields.filter((f) => mapping.fields.some((m) => m.sf === f && m.createable && !m.updateable));
  if (locked.length !== error.fields.length || locked.every((f) => !(f in op.payload))) return null;
  const payload = { ...op.payload };
  for (const field of locked) delete payload[field];
  return { ...op, payload };
}

async function sendCollections(options: PushOptions, ops: readonly Op[]): Promise<Outcome[]> {
  const { client, mapping } = options;
  const calls: (() => Promise<Outcome[]>)[] = [];
  const chunks = <T extends Op>(kind: Op['kind']) => {
    const list = ops.filter((op) => op.kind === kind) as T[];
    const result: T[][] = [];
    for (let i = 0; i < list.length; i += 200) result.push(list.slice(i, i + 200));
    return result;
  };
  for (const chunk of chunks<Extract<Op, { kind: 'upsert' }>>('upsert')) {
    calls.push(async () => zip(chunk, await client.upsert(mapping.sObject, mapping.externalId, chunk.map((op) => op.payload))));
  }
  for (const chunk of chunks<Extract<Op, { kind: 'update' }>>('update')) {
    calls.push(async () => zip(chunk, await client.update(mapping.sObject, chunk.map((op) => op.payload))));
  }
  for (const chunk of chunks<Extract<Op, { kind: 'delete' }>>('delete')) {
    calls.push(async () => zip(chunk, await client.destroy(chunk.map((op) => op.sfId))));
  }
  const results: Outcome[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 2);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, calls.length) }, async () => {
      while (next < calls.length) {
        const call = calls[next++]!;
        results.push(...(await call()));
      }
    }),
  );
  return results;
}

function zip(ops: readonly Op[], results: readonly SaveResult[]): Outcome[] {
  return ops.map((op, i) => {
    const result = results[i];
    if (!result) return { op, sfId: null, created: false, error: new SalesforceError({ errorCode: 'NO_RESULT', message: 'Salesforce returned fewer results than records', source: 'record', retryable: true }) };
    if (result.success) return { op, sfId: result.id ?? null, created: result.created ?? false, error: null };
    const first = result.errors[0] ?? { statusCode: 'UNKNOWN_ERROR', message: 'failed without an error' };
    const error = recordError(first);
    const fields = [...new Set(result.errors.flatMap((e) => e.fields ?? []))];
    return { op, sfId: result.id ?? null, created: false, error: new SalesforceError({ errorCode: error.errorCode, message: result.errors.map((e) => e.message).join('; '), fields, source: 'record' }) };
  });
}

/** Creates and updates through Bulk API 2.0 ingest: one upsert job (by external ID) and one update job (by Id). */
async function sendBulk(options: PushOptions, ops: readonly Op[]): Promise<Outcome[]> {
  const { client, mapping } = options;
  const bulk = new BulkClient(client);
  const wait = { ...(options.bulkPollMs ? { pollMs: options.bulkPollMs } : {}), ...(options.bulkTimeoutMs ? { timeoutMs: options.bulkTimeoutMs } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const outcomes: Outcome[] = [];
  const upserts = ops.filter((op): op is Extract<Op, { kind: 'upsert' }> => op.kind === 'upsert');
  const updates = ops.filter((op): op is Extract<Op, { kind: 'update' }> => op.kind === 'update');
  if (upserts.length) {
    const rows = upserts.map((op) => csvValues(op.payload));
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const job = await bulk.startIngest(mapping.sObject, 'upsert', columns, rows, mapping.externalId);
    await bulk.waitFor('ingest', job.id, wait);
    const byKey = new Map(upserts.map((op) => [String(op.payload[mapping.externalId]), op]));
    outcomes.push(...matchResults(await bulk.ingestResults(job.id), (row) => byKey.get(row.values[mapping.externalId] ?? ''), upserts));
  }
  if (updates.length) {
    const rows = updates.map((op) => csvValues(op.payload));
    const columns = ['Id', ...new Set(rows.flatMap((row) => Object.keys(row).filter((k) => k !== 'Id')))];
    const job = await bulk.startIngest(mapping.sObject, 'update', columns, rows);
    await bulk.waitFor('ingest', job.id, wait);
    const byId = new Map(updates.map((op) => [op.sfId.slice(0, 15), op]));
    outcomes.push(...matchResults(await bulk.ingestResults(job.id), (row) => byId.get((row.values.Id ?? row.sfId ?? '').slice(0, 15)), updates));
  }
  return outcomes;
}

function matchResults(rows: readonly IngestResultRow[], find: (row: IngestResultRow) => Op | undefined, ops: readonly Op[]): Outcome[] {
  const seen = new Set<Op>();
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    const op = find(row);
    if (!op || seen.has(op)) continue;
    seen.add(op);
    outcomes.push({ op, sfId: row.sfId, created: row.created, error: row.error });
  }
  for (const op of ops) {
    if (!seen.has(op)) outcomes.push({ op, sfId: null, created: false, error: new SalesforceError({ errorCode: 'NO_RESULT', message: 'the ingest job reported nothing for this record', source: 'record', retryable: true }) });
  }
  return outcomes;
}

/**
 * CSV cells for a payload: a field the payload does not carry stays out (an empty cell: unchanged); a parent named
 * by external ID becomes a `Relationship.Field` column.
 */
function csvValues(payload: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value !== null && typeof value === 'object') for (const [field, inner] of Object.entries(value)) row[`${key}.${field}`] = inner;
    else row[key] = value;
  }
  return row;
}

/**
 * Salesforce refuses a record naming a parent by an external ID it does not know (`INVALID_FIELD`, "Foreign key
 * external ID: … not found"): for a parent another subgraph mirrors, that subgraph has not pushed it yet. The record
 * stays queued (a passing failure) instead of being dropped as invalid.
 */
function parentNotThereYet(error: SalesforceError): { errorCode: string; fields: string[]; message: string; retryable: boolean } | null {
  if (error.errorCode !== 'INVALID_FIELD' || !/Foreign key external ID: .* not found/.test(error.message)) return null;
  return { errorCode: 'PARENT_NOT_SYNCED', fields: [...error.fields], message: error.message, retryable: true };
}

function pick(values: SfValues, fields: readonly string[]): SfValues {
  const picked: SfValues = {};
  for (const field of fields) picked[field] = values[field] ?? null;
  return picked;
}

function fieldOf(fields: readonly CompiledField[], sf: string): CompiledField | undefined {
  return fields.find((f) => f.sf === sf);
}
