/**
 * Sync runs: every job from queued to finished, in the store, so the surfaces list and watch jobs without reaching
 * into Redis, and history outlives the queue's retention.
 */
import type { Queryable } from '../../store/store.ts';

export type RunStatus = 'queued' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
export type RunMode = 'full' | 'incremental' | 'records';
export type RunDirection = 'in' | 'out' | 'both';
/** What started the job: a person or program (`manual`), the schedule, a change event, or a retry of failures. */
export type RunTrigger = 'manual' | 'schedule' | 'cdc' | 'push' | 'retry';

/** Counters a job keeps; all optional so partial stats merge. */
export interface RunStats {
  inserted?: number;
  updated?: number;
  deleted?: number;
  unchanged?: number;
  pushedCreated?: number;
  pushedUpdated?: number;
  pushedDeleted?: number;
  conflicts?: number;
  merged?: number;
  failed?: number;
  skipped?: number;
  /** Per-object outcome of a multi-object run. */
  objects?: Record<string, RunStatus | 'skipped'>;
  [key: string]: unknown;
}

export interface SyncRun {
  id: string;
  parentId: string | null;
  kind: 'object' | 'run';
  mappings: string[];
  mode: RunMode;
  direction: RunDirection;
  trigger: RunTrigger;
  requestedBy: string | null;
  status: RunStatus;
  phase: string | null;
  done: number;
  total: number | null;
  apiCalls: number;
  stats: RunStats;
  error: { errorCode: string; message: string; retryable?: boolean } | null;
  cancelRequested: boolean;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

interface RunRow {
  id: string;
  parent_id: string | null;
  kind: 'object' | 'run';
  mappings: string[];
  mode: RunMode;
  direction: RunDirection;
  trigger: RunTrigger;
  requested_by: string | null;
  status: RunStatus;
  phase: string | null;
  done: number;
  total: number | null;
  api_calls: number;
  stats: RunStats;
  error: SyncRun['error'];
  cancel_requested: boolean;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

export interface RunInsert {
  id: string;
  parentId?: string | null;
  kind: 'object' | 'run';
  mappings: readonly string[];
  mode: RunMode;
  direction: RunDirection;
  trigger: RunTrigger;
  requestedBy?: string | null;
}

/** Records a queued run; a run already recorded (a retried insert) is left as it is. */
export async function insertRun(db: Queryable, run: RunInsert): Promise<void> {
  await db.query(
    `insert into sync_runs (id, parent_id, kind, mappings, mode, direction, trigger, requested_by, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'queued') on conflict (id) do nothing`,
    [run.id, run.parentId ?? null, run.kind, [...run.mappings], run.mode, run.direction, run.trigger, run.requestedBy ?? null],
  );
}

export interface RunUpdate {
  status?: RunStatus;
  phase?: string | null;
  done?: number;
  total?: number | null;
  apiCalls?: number;
  stats?: RunStats;
  error?: SyncRun['error'];
  started?: boolean;
  finished?: boolean;
}

/** Updates a run's progress and returns whether it has been asked to cancel. */
export async function updateRun(db: Queryable, id: string, update: RunUpdate): Promise<{ cancelRequested: boolean }> {
  const params: unknown[] = [id];
  const at = (value: unknown) => `$${params.push(value)}`;
  const sets = ['updated_at = now()'];
  if (update.status !== undefined) sets.push(`status = ${at(update.status)}`);
  if (update.phase !== undefined) sets.push(`phase = ${at(update.phase)}`);
  if (update.done !== undefined) sets.push(`done = ${at(update.done)}`);
  if (update.total !== undefined) sets.push(`total = ${at(update.total)}`);
  if (update.apiCalls !== undefined) sets.push(`api_calls = ${at(update.apiCalls)}`);
  if (update.stats !== undefined) sets.push(`stats = ${at(JSON.stringify(update.stats))}::jsonb`);
  if (update.error !== undefined) sets.push(`error = ${at(update.error === null ? null : JSON.stringify(update.error))}::jsonb`);
  if (update.started) sets.push('started_at = coalesce(started_at, now())');
  if (update.finished) sets.push('finished_at = now()');
  const [row] = await db.query<{ cancel_requested: boolean }>(`update sync_runs set ${sets.join(', ')} where id = $1 returning cancel_requested`, params);
  return { cancelRequested: row?.cancel_requested ?? false };
}

/** Asks a run and its children to cancel; returns the ids concerned that had not finished. */
export async function requestCancel(db: Queryable, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `update sync_runs set cancel_requested = true, updated_at = now()
      where (id = $1 or parent_id = $1) and status in ('queued', 'running', 'paused') returning id`,
    [id],
  );
  return rows.map((row) => row.id);
}

export async function getRun(db: Queryable, id: string): Promise<SyncRun | null> {
  const [row] = await db.query<RunRow>('select * from sync_runs where id = $1', [id]);
  return row ? toRun(row) : null;
}

export async function childRuns(db: Queryable, parentId: string): Promise<SyncRun[]> {
  const rows = await db.query<RunRow>('select * from sync_runs where parent_id = $1 order by queued_at, id', [parentId]);
  return rows.map(toRun);
}

export interface RunFilter {
  status?: RunStatus[];
  mapping?: string;
  /** Only runs without a parent (what a person started, or the schedule). Default false. */
  topLevel?: boolean;
  /** Keyset pagination on (queued_at, id): runs queued before this one. */
  before?: { queuedAt: Date; id: string };
  /** Default 50, at most 500. */
  limit?: number;
}

export async function listRuns(db: Queryable, filter: RunFilter = {}): Promise<SyncRun[]> {
  const params: unknown[] = [];
  const at = (value: unknown) => `$${params.push(value)}`;
  const where = ['true'];
  if (filter.status?.length) where.push(`status = any(${at(filter.status)})`);
  if (filter.mapping) where.push(`${at(filter.mapping)} = any(mappings)`);
  if (filter.topLevel) where.push('parent_id is null');
  if (filter.before) where.push(`(queued_at, id) < (${at(filter.before.queuedAt)}, ${at(filter.before.id)})`);
  const rows = await db.query<RunRow>(`select * from sync_runs where ${where.join(' and ')} order by queued_at desc, id desc limit ${at(Math.min(500, filter.limit ?? 50))}`, params);
  return rows.map(toRun);
}

function toRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    mappings: row.mappings,
    mode: row.mode,
    direction: row.direction,
    trigger: row.trigger,
    requestedBy: row.requested_by,
    status: row.status,
    phase: row.phase,
    done: row.done,
    total: row.total,
    apiCalls: row.api_calls,
    stats: row.stats,
    error: row.error,
    cancelRequested: row.cancel_requested,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Forgets old history: finished runs older than `keepDays`, and sooner (`keepQuietHours`) the automatic runs that
 * changed nothing (a CDC-triggered or scheduled run every few seconds would otherwise fill the table).
 */
export async function pruneRuns(db: Queryable, keepDays = 30, keepQuietHours = 24): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with gone as (
       delete from sync_runs
        where finished_at is not null
          and (finished_at < now() - ($1::int * interval '1 day')
               or (finished_at < now() - ($2::int * interval '1 hour') and trigger in ('schedule', 'cdc', 'push') and status = 'completed'
                   and not exists (select 1 from jsonb_each(stats) s where s.key not in ('unchanged', 'pushUnchanged') and jsonb_typeof(s.value) = 'number' and s.value::text <> '0')))
        returning 1)
     select count(*)::int as n from gone`,
    [keepDays, keepQuietHours],
  );
  await db.query("delete from sync_failures where status in ('resolved', 'skipped') and coalesce(resolved_at, last_seen_at) < now() - ($1::int * interval '1 day')", [keepDays]);
  return rows[0]?.n ?? 0;
}
