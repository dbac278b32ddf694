import type { Queryable } from '@l2c/shared';
import type { SalesReportStatus } from './rows.ts';
import type { SalesReportTable } from './salesReports.ts';

/**
 * The statements a CSV import's batch runs, in the batch's transaction: what the dealer already reported under the
 * batch's row ids, vehicles already claimed, and one upsert by (dealer, external id) for the batch's valid rows, so
 * uploading a corrected row again updates its report and never adds a second one.
 */

export interface ExistingReport {
  id: string;
  external_id: string;
  number: string;
  status: SalesReportStatus;
  /** The row's columns as text, to tell an unchanged row from a corrected one. */
  fingerprint: string;
}

/** Reports of the dealer under these external ids, locked for the batch. */
export async function existingReports(db: Queryable, table: SalesReportTable, dealerId: string, externalIds: readonly string[], fingerprint: string): Promise<ExistingReport[]> {
  return db.query<ExistingReport>(
    `select id, external_id, number, status, ${fingerprint} as fingerprint from ${table} where dealer_id = $1 and external_id = any($2) for update`,
    [dealerId, externalIds],
  );
}

/** Vehicles claimed by another report (any dealer's) that is not rejected or cancelled. */
export async function claimedVins(db: Queryable, vins: readonly string[], dealerId: string, externalIds: readonly string[]): Promise<{ vin: string; own: boolean }[]> {
  return db.query<{ vin: string; own: boolean }>(
    `select vin, dealer_id = $2 as own from rebate_claims
      where vin = any($1) and status <> 'REJECTED' and delivery_status <> 'CANCELLED'
        and not (dealer_id = $2 and external_id = any($3))`,
    [vins, dealerId, externalIds],
  );
}

export async function assetIdsByVin(db: Queryable, vins: readonly string[]): Promise<Map<string, string>> {
  if (vins.length === 0) return new Map();
  const rows = await db.query<{ id: string; vin: string }>('select id, vin from assets where vin = any($1)', [vins]);
  return new Map(rows.map((r) => [r.vin, r.id]));
}

/**
 * Inserts new reports and rewrites returned or submitted ones, all as SUBMITTED again. The batch travels as one array
 * per column (`unnest`): a handful of parameters instead of one per value, several times faster on both drivers. The
 * dealer and the import are the batch's own; new reports get their ids from the database.
 */
export async function upsertReports(db: Queryable, table: SalesReportTable, batch: { dealerId: string; importId: string }, columns: readonly { name: string; type: string }[], rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
  const names = columns.map((c) => c.name);
  const unnest = columns.map((c, i) => `$${i + 3}::${c.type}[]`).join(', ');
  const updates = [...names.filter((c) => c !== 'external_id'), 'import_id'].map((c) => `${c} = excluded.${c}`);
  await db.query(
    `insert into ${table} (id, dealer_id, import_id, ${names.join(', ')}, status, status_reason, submitted_at)
     select gen_random_uuid()::text, $1, $2, *, 'SUBMITTED', null::text, now() from unnest(${unnest})
     on conflict (dealer_id, external_id) do update set ${updates.join(', ')}, status = 'SUBMITTED', status_reason = null,
       submitted_at = now(), decided_at = null, decided_by = null, updated_at = now()`,
    [batch.dealerId, batch.importId, ...arrays],
  );
}
