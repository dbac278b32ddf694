/**
 * Per-record failures: a record Salesforce refused (with its error code, fields and message) or the store refused on
 * the way in. One open failure per record and direction; seeing it fail again bumps `attempts`. An admin retries
 * (the record is queued again) or skips it (it is left alone until it changes again).
 */
import type { Queryable } from '../../store/store.ts';

export type FailureDirection = 'inbound' | 'outbound';
export type FailureStatus = 'open' | 'retrying' | 'skipped' | 'resolved';

export interface FailureWrite {
  mapping: string;
  direction: FailureDirection;
  localId: string | null;
  sfId: string | null;
  errorCode: string;
  fields: readonly string[];
  message: string;
  /** Whether the engine will try again by itself (the record stays queued). */
  retryable: boolean;
}

/** A stored failure, as the surfaces show it. */
export interface SyncFailure {
  id: number;
  mapping: string;
  direction: FailureDirection;
  localId: string | null;
  sfId: string | null;
  errorCode: string;
  fields: string[];
  message: string;
  retryable: boolean;
  status: FailureStatus;
  attempts: number;
  runId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
}

interface FailureRow {
  id: number;
  mapping: string;
  direction: FailureDirection;
  local_id: string | null;
  sf_id: string | null;
  error_code: string;
  fields: string[];
  message: string;
  retryable: boolean;
  status: FailureStatus;
  attempts: number;
  run_id: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

/** Records failures (one statement); an open failure of the same record and direction is updated instead. */
export async function recordFailures(db: Queryable, all: readonly FailureWrite[], runId: string | null): Promise<void> {
  // one row per record and direction per statement (ON CONFLICT cannot touch a row twice): the last failure wins
  const failures = [...new Map(all.map((f) => [`${f.mapping}\u0000${f.direction}\u0000${recordKey(f)}`, f])).values()];
  for (let start = 0; start < failures.length; start += 300) {
    const chunk = failures.slice(start, start + 300);
    const params: unknown[] = [runId];
    const tuples = chunk.map((f) => {
      const at = (value: unknown) => `$${params.push(value)}`;
      return `(${at(f.mapping)}, ${at(f.direction)}, ${at(recordKey(f))}, ${at(f.localId)}, ${at(f.sfId)}, ${at(f.errorCode)}, ${at([...f.fields])}::text[], ${at(f.message)}, ${at(f.retryable)}, ${at(f.retryable ? 'retrying' : 'open')}, $1)`;
    });
    await db.query(
      `insert into sync_failures (mapping, direction, record_key, local_id, sf_id, error_code, fields, message, retryable, status, run_id) values ${tuples.join(', ')}
       on conflict (mapping, direction, record_key) where status in ('open', 'retrying') do update set
         error_code = excluded.error_code, fields = excluded.fields, message = excluded.message, retryable = excluded.retryable,
         status = excluded.status, attempts = sync_failures.attempts + 1, run_id = excluded.run_id, last_seen_at = now(),
         local_id = coalesce(excluded.local_id, sync_failures.local_id), sf_id = coalesce(excluded.sf_id, sync_failures.sf_id)`,
      params,
    );
  }
}

/** Marks the open failures of records that have now synced as resolved. */
export async function resolveFailures(db: Queryable, mapping: string, direction: FailureDirection, recordKeys: readonly string[]): Promise<void> {
  if (recordKeys.length === 0) return;
  await db.query(
    "update sync_failures set status = 'resolved', resolved_at = now() where mapping = $1 and direction = $2 and record_key = any($3) and status in ('open', 'retrying')",
    [mapping, direction, recordKeys],
  );
}

export interface FailureFilter {
  mapping?: string;
  direction?: FailureDirection;
  /** Default: open and retrying. */
  status?: FailureStatus[];
  errorCode?: string;
  /** Words found (case-insensitively) in the record's local id, Salesforce Id, error code, fields or message. */
  search?: string;
  /** Keyset pagination: failures with a smaller id than this. */
  before?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

export async function listFailures(db: Queryable, filter: FailureFilter = {}): Promise<SyncFailure[]> {
  const params: unknown[] = [];
  const at = (value: unknown) => `$${params.push(value)}`;
  const where = [`status = any(${at(filter.status ?? ['open', 'retrying'])})`];
  if (filter.mapping) where.push(`mapping = ${at(filter.mapping)}`);
  if (filter.direction) where.push(`direction = ${at(filter.direction)}`);
  if (filter.errorCode) where.push(`error_code = ${at(filter.errorCode)}`);
  for (const word of filter.search?.split(/\s+/).filter(Boolean) ?? []) {
    const like = at(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(local_id ilike ${like} or sf_id ilike ${like} or error_code ilike ${like} or message ilike ${like} or array_to_string(fields, ' ') ilike ${like})`);
  }
  if (filter.before !== undefined) where.push(`id < ${at(filter.before)}`);
  const rows = await db.query<FailureRow>(`select * from sync_failures where ${where.join(' and ')} order by id desc limit ${at(Math.min(500, filter.limit ?? 50))}`, params);
  return rows.map(toFailure);
}

export async function getFailure(db: Queryable, id: number): Promise<SyncFailure | null> {
  const [row] = await db.query<FailureRow>('select * from sync_failures where id = $1', [id]);
  return row ? toFailure(row) : null;
}

export async function setFailureStatus(db: Queryable, id: number, status: FailureStatus): Promise<void> {
  await db.query(`update sync_failures set status = $2, resolved_at = case when $2 in ('skipped', 'resolved') then now() else null end where id = $1`, [id, status]);
}

/** Open failure counts per mapping (per-object state). */
export async function openFailureCounts(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ mapping: string; n: number }>("select mapping, count(*)::int as n from sync_failures where status in ('open', 'retrying') group by mapping");
  return new Map(rows.map((row) => [row.mapping, row.n]));
}

/** The record a failure is about: the local id going out, the Salesforce Id coming in. */
function recordKey(f: FailureWrite): string {
  return (f.direction === 'outbound' ? (f.localId ?? f.sfId) : (f.sfId ?? f.localId)) ?? '';
}

function toFailure(row: FailureRow): SyncFailure {
  return {
    id: row.id,
    mapping: row.mapping,
    direction: row.direction,
    localId: row.local_id,
    sfId: row.sf_id,
    errorCode: row.error_code,
    fields: row.fields,
    message: row.message,
    retryable: row.retryable,
    status: row.status,
    attempts: row.attempts,
    runId: row.run_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
  };
}
