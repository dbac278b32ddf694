import { fetchPage, insertRows, SqlParams, type Connection, type PageQuery, type Queryable, type Scope } from '@l2c/shared';
import type { AllocationRow, RebateClaimRow, SalesReportKind, SalesReportStatus, TransactionJournalRow } from './rows.ts';
import { and, dealerOwned } from './scope.ts';

/**
 * Rebate claims and transaction journals are both dealers' proofs of sale, kept in two tables (two Salesforce
 * objects) with the same lifecycle; these functions serve both.
 */

export type SalesReportTable = 'rebate_claims' | 'transaction_journals';
export const TABLE_OF: Record<SalesReportKind, SalesReportTable> = { REBATE_CLAIM: 'rebate_claims', TRANSACTION_JOURNAL: 'transaction_journals' };

export interface SalesReportFilter {
  status?: SalesReportStatus[] | null;
  dealerId?: string | null;
  importId?: string | null;
  externalIds?: string[] | null;
}

export async function reportsByIds<Row extends RebateClaimRow | TransactionJournalRow>(db: Queryable, table: SalesReportTable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<Row[]> {
  const p = new SqlParams();
  const where = and([`r.id = any(${p.add(ids)})`, dealerOwned(scope, 'r.dealer_id', p.add)]);
  return db.query<Row>(`select r.* from ${table} r where ${where.join(' and ')} order by r.number${forUpdate ? ' for update' : ''}`, p.values);
}

export async function listReports<Row extends RebateClaimRow | TransactionJournalRow>(db: Queryable, table: SalesReportTable, scope: Scope, filter: SalesReportFilter, page: PageQuery): Promise<Connection<Row>> {
  const p = new SqlParams();
  const where = and([
    dealerOwned(scope, 'r.dealer_id', p.add),
    filter.status?.length ? `r.status = any(${p.add(filter.status)})` : null,
    filter.dealerId ? `r.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.importId ? `r.import_id = ${p.add(filter.importId)}` : null,
    filter.externalIds?.length ? `r.external_id = any(${p.add(filter.externalIds)})` : null,
  ]);
  return fetchPage<Row>(db, { columns: 'r.*', from: `${table} r`, where, params: p, sort: { sortExpr: 'r.created_at', sortType: 'timestamptz', idExpr: 'r.id', descending: true } }, page);
}

export async function decideReport(db: Queryable, table: SalesReportTable, id: string, changes: { status: SalesReportStatus; status_reason: string | null; incentive_amount: string | null; program_id: string | null; decided_by: string }): Promise<void> {
  await db.query(
    `update ${table} set status = $2, status_reason = $3, incentive_amount = $4, program_id = $5, decided_by = $6, decided_at = now(), updated_at = now() where id = $1`,
    [id, changes.status, changes.status_reason, changes.incentive_amount, changes.program_id, changes.decided_by],
  );
}

export async function insertAllocations(db: Queryable, rows: readonly Omit<AllocationRow, 'created_at'>[]): Promise<void> {
  await insertRows(db, 'incentive_allocations', rows.map((r) => ({ ...r })));
}

export async function allocationsBySourceIds(db: Queryable, ids: readonly string[]): Promise<AllocationRow[]> {
  return db.query<AllocationRow>("select * from incentive_allocations where source_id = any($1) order by source_id, role", [ids]);
}

export async function listAllocations(db: Queryable, scope: Scope, filter: { dealerId?: string | null; programId?: string | null }, page: PageQuery): Promise<Connection<AllocationRow>> {
  const p = new SqlParams();
  const where = and([
    dealerOwned(scope, 'a.dealer_id', p.add),
    filter.dealerId ? `a.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.programId ? `a.program_id = ${p.add(filter.programId)}` : null,
  ]);
  return fetchPage<AllocationRow>(db, { columns: 'a.*', from: 'incentive_allocations a', where, params: p, sort: { sortExpr: 'a.created_at', sortType: 'timestamptz', idExpr: 'a.id', descending: true } }, page);
}
