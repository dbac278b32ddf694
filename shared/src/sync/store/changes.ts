/**
 * Outbound change capture. Row triggers on each mirrored table write the changed row's id to `sync_changes` in the
 * same transaction as the change (committed together or not at all), on PGlite and Postgres alike. The sync's own
 * inbound writes run with the transaction-local setting `l2c.sync_origin = salesforce` and are not captured, so what
 * came from Salesforce is never pushed back.
 */
import type { Queryable, Store } from '../../store/store.ts';
import { ident } from './links.ts';

/** Marks the current transaction as the sync's own inbound write: the capture triggers skip it. */
export async function markInboundWrite(tx: Queryable): Promise<void> {
  await tx.query("select set_config('l2c.sync_origin', 'salesforce', true)");
}

/**
 * Creates (or replaces) the capture triggers of the given tables: one per statement kind, reading the statement's
 * transition tables (one call per statement however many rows it touches). Idempotent; run at every start so a new
 * mapping starts capturing without a migration. Updates that change nothing are not captured.
 */
export async function installCapture(store: Store, tables: readonly { table: string; key: string }[]): Promise<void> {
  await store.transaction(async (tx) => {
    if (store.driver === 'postgres') await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.sync-capture'))");
    for (const { table, key } of tables) {
      const t = ident(table);
      const k = key.replaceAll("'", "''");
      // the row-level triggers of the first version of the capture, if this store still has them
      await tx.query(`drop trigger if exists ${ident(`sync_capture_${table}_iud`)} on ${t}`);
      await tx.query(`drop trigger if exists ${ident(`sync_capture_${table}_u`)} on ${t}`);
      await tx.query(`create or replace trigger ${ident(`sync_capture_${table}_i`)} after insert on ${t} referencing new table as new_rows for each statement execute function sync_capture_rows('${k}')`);
      await tx.query(`create or replace trigger ${ident(`sync_capture_${table}_u`)} after update on ${t} referencing old table as old_rows new table as new_rows for each statement execute function sync_capture_rows('${k}')`);
      await tx.query(`create or replace trigger ${ident(`sync_capture_${table}_d`)} after delete on ${t} referencing old table as old_rows for each statement execute function sync_capture_rows('${k}')`);
    }
  });
}

export interface PendingRecord {
  local_id: string;
  first_id: number;
  last_id: number;
  changed_at: Date;
}

/** The newest change id of a table (the snapshot an outbound job works up to). */
export async function latestChangeId(db: Queryable, table: string): Promise<number> {
  const [row] = await db.query<{ id: number | null }>('select max(id) as id from sync_changes where table_name = $1', [table]);
  return row?.id ?? 0;
}

/** How many records of a table have changes up to `snapshot`. */
export async function countPending(db: Queryable, table: string, snapshot: number): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(distinct local_id)::int as n from sync_changes where table_name = $1 and id <= $2', [table, snapshot]);
  return row?.n ?? 0;
}

/**
 * The next records with changes up to `snapshot`, in the order they first changed, after `cursor` (the first change id
 * of the last record handed out), skipping records held by an open conflict.
 */
export async function pendingRecords(db: Queryable, table: string, mapping: string, snapshot: number, cursor: number, limit: number): Promise<PendingRecord[]> {
  return db.query<PendingRecord>(
    `select local_id, min(id) as first_id, max(id) as last_id, max(changed_at) as changed_at
       from sync_changes c
      where table_name = $1 and id <= $2
        and not exists (select 1 from sync_conflicts k where k.mapping = $3 and k.status = 'open' and k.local_id = c.local_id)
      group by local_id
     having min(id) > $4
      order by min(id)
      limit $5`,
    [table, snapshot, mapping, cursor, limit],
  );
}

/** The time of each record's newest pending change (for conflict detection and newest-wins), by local id. */
export async function pendingChangeTimes(db: Queryable, table: string, localIds: readonly string[]): Promise<Map<string, Date>> {
  if (localIds.length === 0) return new Map();
  const rows = await db.query<{ local_id: string; changed_at: Date }>(
    'select local_id, max(changed_at) as changed_at from sync_changes where table_name = $1 and local_id = any($2) group by local_id',
    [table, localIds],
  );
  return new Map(rows.map((row) => [row.local_id, row.changed_at]));
}

/** Forgets the changes of records that have been pushed (or refused for good), up to each record's last change seen. */
export async function clearChanges(db: Queryable, table: string, records: readonly { localId: string; upTo: number }[]): Promise<void> {
  if (records.length === 0) return;
  await db.query(
    `delete from sync_changes c using (select unnest($2::text[]) as local_id, unnest($3::bigint[]) as up_to) d
      where c.table_name = $1 and c.local_id = d.local_id and c.id <= d.up_to`,
    [table, records.map((r) => r.localId), records.map((r) => r.upTo)],
  );
}

/** Queues records for the next push as if they had changed (full outbound sync, retry of a failed push). */
export async function enqueueRecords(db: Queryable, table: string, localIds: readonly string[]): Promise<void> {
  if (localIds.length) await db.query("insert into sync_changes (table_name, local_id, op) select $1, unnest($2::text[]), 'RETRY'", [table, localIds]);
}

/** Queues every row of a table for the next push. */
export async function enqueueTable(db: Queryable, table: string, key: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with queued as (insert into sync_changes (table_name, local_id, op) select $1, ${ident(key)}::text, 'RETRY' from ${ident(table)} returning 1) select count(*)::int as n from queued`,
    [table],
  );
  return rows[0]?.n ?? 0;
}

/** Tables with changes newer than `afterId`, with their newest change id (what the push trigger polls). */
export async function tablesWithChanges(db: Queryable, afterId: number): Promise<{ table_name: string; last_id: number }[]> {
  return db.query('select table_name, max(id) as last_id from sync_changes where id > $1 group by table_name', [afterId]);
}
