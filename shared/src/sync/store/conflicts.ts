/**
 * Conflicts: records changed on both sides since the last sync, stored with the base both sides started from and
 * each side's version (all in Salesforce form), whatever the policy did about them. Under the `manual` policy the
 * conflict stays open and the record is held until an admin resolves it.
 */
import type { Queryable } from '../../store/store.ts';
import type { ConflictPolicy, SfValues } from '../mapping.ts';

export type ConflictResolution = 'salesforce' | 'local';

export interface ConflictWrite {
  mapping: string;
  localId: string;
  sfId: string;
  policy: ConflictPolicy;
  /** Null while open (manual policy). */
  resolution: ConflictResolution | null;
  fields: readonly string[];
  base: SfValues;
  localVersion: SfValues;
  salesforceVersion: SfValues;
  localModifiedAt: Date | null;
  salesforceModifiedAt: string | null;
}

export interface SyncConflict {
  id: number;
  mapping: string;
  localId: string;
  sfId: string;
  policy: ConflictPolicy;
  status: 'open' | 'resolved';
  resolution: ConflictResolution | null;
  /** Fields both sides changed to different values. */
  fields: string[];
  base: SfValues;
  localVersion: SfValues;
  salesforceVersion: SfValues;
  localModifiedAt: Date | null;
  salesforceModifiedAt: Date | null;
  runId: string | null;
  detectedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

interface ConflictRow {
  id: number;
  mapping: string;
  local_id: string;
  sf_id: string;
  policy: ConflictPolicy;
  status: 'open' | 'resolved';
  resolution: ConflictResolution | null;
  fields: string[];
  base: SfValues;
  local_version: SfValues;
  salesforce_version: SfValues;
  local_modified_at: Date | null;
  salesforce_modified_at: Date | null;
  run_id: string | null;
  detected_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export async function recordConflicts(db: Queryable, conflicts: readonly ConflictWrite[], runId: string | null): Promise<void> {
  for (const c of conflicts) {
    await db.query(
      `insert into sync_conflicts (mapping, local_id, sf_id, policy, status, resolution, fields, base, local_version, salesforce_version, local_modified_at, salesforce_modified_at, run_id, resolved_at, resolved_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12::timestamptz, $13, case when $5 = 'resolved' then now() end, case when $5 = 'resolved' then 'policy' end)`,
      [c.mapping, c.localId, c.sfId, c.policy, c.resolution ? 'resolved' : 'open', c.resolution, [...c.fields], JSON.stringify(c.base), JSON.stringify(c.localVersion), JSON.stringify(c.salesforceVersion), c.localModifiedAt, c.salesforceModifiedAt, runId],
    );
  }
}

/** Open (held) conflicts of one mapping for the given local ids. */
export async function openConflicts(db: Queryable, mapping: string, localIds: readonly string[]): Promise<Map<string, SyncConflict>> {
  if (localIds.length === 0) return new Map();
  const rows = await db.query<ConflictRow>("select * from sync_conflicts where mapping = $1 and status = 'open' and local_id = any($2)", [mapping, localIds]);
  return new Map(rows.map((row) => [row.local_id, toConflict(row)]));
}

/** Keeps a held conflict's Salesforce version current while the record keeps changing there. */
export async function refreshHeldConflict(db: Queryable, id: number, salesforceVersion: SfValues, salesforceModifiedAt: string | null): Promise<void> {
  await db.query('update sync_conflicts set salesforce_version = $2::jsonb, salesforce_modified_at = coalesce($3::timestamptz, salesforce_modified_at) where id = $1', [id, JSON.stringify(salesforceVersion), salesforceModifiedAt]);
}

export async function getConflict(db: Queryable, id: number): Promise<SyncConflict | null> {
  const [row] = await db.query<ConflictRow>('select * from sync_conflicts where id = $1', [id]);
  return row ? toConflict(row) : null;
}

export async function markConflictResolved(db: Queryable, id: number, resolution: ConflictResolution, by: string): Promise<void> {
  await db.query("update sync_conflicts set status = 'resolved', resolution = $2, resolved_at = now(), resolved_by = $3 where id = $1", [id, resolution, by]);
}

export interface ConflictFilter {
  mapping?: string;
  status?: 'open' | 'resolved';
  before?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

export async function listConflicts(db: Queryable, filter: ConflictFilter = {}): Promise<SyncConflict[]> {
  const params: unknown[] = [];
  const at = (value: unknown) => `$${params.push(value)}`;
  const where = ['true'];
  if (filter.mapping) where.push(`mapping = ${at(filter.mapping)}`);
  if (filter.status) where.push(`status = ${at(filter.status)}`);
  if (filter.before !== undefined) where.push(`id < ${at(filter.before)}`);
  const rows = await db.query<ConflictRow>(`select * from sync_conflicts where ${where.join(' and ')} order by id desc limit ${at(Math.min(500, filter.limit ?? 50))}`, params);
  return rows.map(toConflict);
}

export async function openConflictCounts(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ mapping: string; n: number }>("select mapping, count(*)::int as n from sync_conflicts where status = 'open' group by mapping");
  return new Map(rows.map((row) => [row.mapping, row.n]));
}

function toConflict(row: ConflictRow): SyncConflict {
  return {
    id: row.id,
    mapping: row.mapping,
    localId: row.local_id,
    sfId: row.sf_id,
    policy: row.policy,
    status: row.status,
    resolution: row.resolution,
    fields: row.fields,
    base: row.base,
    localVersion: row.local_version,
    salesforceVersion: row.salesforce_version,
    localModifiedAt: row.local_modified_at,
    salesforceModifiedAt: row.salesforce_modified_at,
    runId: row.run_id,
    detectedAt: row.detected_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}
