/**
 * Per-object sync state: the inbound watermark, the running job's checkpoint, and the lease that keeps two syncs of
 * one object from running at once. The lease is held by a job id, so a job that died and is picked up again (same id)
 * takes its own lease back at once, while any other job waits for it to finish or expire.
 */
import type { Queryable } from '../../store/store.ts';

export interface ObjectRow {
  mapping: string;
  watermark: Date | null;
  last_full_at: Date | null;
  last_success_at: Date | null;
  last_inbound_at: Date | null;
  last_outbound_at: Date | null;
  last_error: { errorCode: string; message: string } | null;
  last_run_id: string | null;
  checkpoint: Checkpoint | null;
  lease_job: string | null;
  lease_expires: Date | null;
  cdc_replay_id: number | null;
  /** Where the next getDeleted window starts (the last window's latestDateCovered). */
  deleted_watermark: Date | null;
}

/** Where a job stands, saved after each page or batch in the same transaction as the page's writes. */
export interface Checkpoint {
  jobId: string;
  /** The step in progress. */
  step: 'inbound' | 'outbound';
  inbound?: InboundCheckpoint;
  outbound?: OutboundCheckpoint;
}

export interface InboundCheckpoint {
  mode: 'full' | 'incremental';
  /** Where pages come from. */
  source: 'rest' | 'bulk';
  /** REST: the next page's `nextRecordsUrl`; Bulk: the query job and the next page's locator. */
  nextRecordsUrl?: string | null;
  bulkJobId?: string;
  locator?: string | null;
  /** When the source has been read to the end and only deletions / reconciliation remain. */
  read?: boolean;
  /** The lower bound of the incremental window (watermark minus overlap). */
  since?: string | null;
  /** Newest SystemModstamp applied so far. */
  maxModstamp?: string | null;
  total?: number;
  done: number;
  /** Full load: live linked records seen so far; fewer than the links at the end means deletions to find. */
  linkedSeen?: number;
}

export interface OutboundCheckpoint {
  /** The newest change id when the step began: changes after it wait for the next run. */
  snapshot: number;
  /** The first change id of the last record handed out. */
  cursor: number;
  total: number;
  done: number;
}

/** Creates the state rows of the given mappings (idempotent). */
export async function ensureObjects(db: Queryable, mappings: readonly string[]): Promise<void> {
  if (mappings.length) await db.query('insert into sync_objects (mapping) select unnest($1::text[]) on conflict do nothing', [mappings]);
}

export async function readObject(db: Queryable, mapping: string): Promise<ObjectRow | null> {
  const [row] = await db.query<ObjectRow>('select * from sync_objects where mapping = $1', [mapping]);
  return row ?? null;
}

export async function readObjects(db: Queryable): Promise<ObjectRow[]> {
  return db.query<ObjectRow>('select * from sync_objects order by mapping');
}

/**
 * Takes or renews the lease of `mapping` for `jobId` for `ttlMs`; returns the holder when another job holds it.
 * Also answers whether the job's run has been asked to cancel, so one statement per page does both.
 */
export async function takeLease(db: Queryable, mapping: string, jobId: string, ttlMs: number): Promise<{ held: true } | { held: false; holder: string }> {
  const rows = await db.query<{ lease_job: string }>(
    `update sync_objects set lease_job = $2, lease_expires = now() + ($3::int * interval '1 millisecond'), updated_at = now()
      where mapping = $1 and (lease_job is null or lease_job = $2 or lease_expires < now())
      returning lease_job`,
    [mapping, jobId, ttlMs],
  );
  if (rows.length) return { held: true };
  const [row] = await db.query<{ lease_job: string | null }>('select lease_job from sync_objects where mapping = $1', [mapping]);
  return { held: false, holder: row?.lease_job ?? 'unknown' };
}

export async function releaseLease(db: Queryable, mapping: string, jobId: string): Promise<void> {
  await db.query('update sync_objects set lease_job = null, lease_expires = null, updated_at = now() where mapping = $1 and lease_job = $2', [mapping, jobId]);
}

export async function saveCheckpoint(db: Queryable, mapping: string, checkpoint: Checkpoint | null): Promise<void> {
  await db.query('update sync_objects set checkpoint = $2::jsonb, updated_at = now() where mapping = $1', [mapping, checkpoint === null ? null : JSON.stringify(checkpoint)]);
}

/** Moves the watermark forward (never back). */
export async function advanceWatermark(db: Queryable, mapping: string, watermark: string | null): Promise<void> {
  if (!watermark) return;
  await db.query('update sync_objects set watermark = greatest(coalesce(watermark, $2::timestamptz), $2::timestamptz), updated_at = now() where mapping = $1', [mapping, watermark]);
}

export interface ObjectOutcome {
  runId: string;
  inbound: boolean;
  outbound: boolean;
  full: boolean;
  error: { errorCode: string; message: string } | null;
}

/** Records how a job of this object ended. */
export async function finishObject(db: Queryable, mapping: string, outcome: ObjectOutcome): Promise<void> {
  await db.query(
    `update sync_objects set
       last_run_id = $2,
       last_error = $3::jsonb,
       last_success_at = case when $3::jsonb is null then now() else last_success_at end,
       last_inbound_at = case when $3::jsonb is null and $4 then now() else last_inbound_at end,
       last_outbound_at = case when $3::jsonb is null and $5 then now() else last_outbound_at end,
       last_full_at = case when $3::jsonb is null and $6 then now() else last_full_at end,
       updated_at = now()
     where mapping = $1`,
    [mapping, outcome.runId, outcome.error ? JSON.stringify(outcome.error) : null, outcome.inbound, outcome.outbound, outcome.full],
  );
}

/** Sets where the next getDeleted window starts. */
export async function saveDeletedWatermark(db: Queryable, mapping: string, latestDateCovered: string): Promise<void> {
  await db.query('update sync_objects set deleted_watermark = greatest(coalesce(deleted_watermark, $2::timestamptz), $2::timestamptz), updated_at = now() where mapping = $1', [mapping, latestDateCovered]);
}

export async function saveReplayId(db: Queryable, mapping: string, replayId: number): Promise<void> {
  await db.query('update sync_objects set cdc_replay_id = greatest(coalesce(cdc_replay_id, 0), $2) where mapping = $1', [mapping, replayId]);
}
