import { and, type Connection, fetchPage, insertRows, type PageQuery, type Queryable, type Scope, searchCondition, SqlParams, updateRow, sequenced } from '@l2c/shared';
import type { LeadLineItemRow, LeadPreferredSellerRow, LeadRow, LeadStatusKind, LeadStatusRow } from './rows.ts';
import { scopeSql } from './scope.ts';

export interface LeadFilter {
  status?: string[] | null;
  statusKind?: LeadStatusKind[] | null;
  sourceChannel?: string[] | null;
  rating?: string[] | null;
  dealerId?: string | null;
  owner?: string | null;
  interestTag?: string | null;
  search?: string | null;
  createdAfter?: Date | string | null;
  createdBefore?: Date | string | null;
  isConverted?: boolean | null;
  includeArchived?: boolean | null;
}

export type LeadSortField = 'CREATED_AT' | 'UPDATED_AT' | 'LAST_NAME' | 'LATEST_INTEREST_DATE';

const LEAD_SORT: Record<LeadSortField, { expr: string; type: string }> = {
  CREATED_AT: { expr: 'l.created_at', type: 'timestamptz' },
  UPDATED_AT: { expr: 'l.updated_at', type: 'timestamptz' },
  LAST_NAME: { expr: 'l.last_name', type: 'text' },
  LATEST_INTEREST_DATE: { expr: "coalesce(l.latest_interest_date, '9999-12-31'::date)", type: 'date' },
};

/** Every lead read joins its status, so `status_kind` is always there. */
const LEAD_COLUMNS = 'l.*, s.kind as status_kind';
const LEAD_FROM = 'leads l join lead_statuses s on s.name = l.status';

export async function leadsByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<LeadRow[]> {
  const p = new SqlParams();
  const where = and([`l.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'l.dealer_id', p.add)]);
  return db.query<LeadRow>(`select ${LEAD_COLUMNS} from ${LEAD_FROM} where ${where.join(' and ')}${forUpdate ? ' for update of l' : ''}`, p.values);
}

export async function listLeads(
  db: Queryable,
  scope: Scope,
  filter: LeadFilter,
  order: { field: LeadSortField; direction: 'ASC' | 'DESC' },
  page: PageQuery,
): Promise<Connection<LeadRow>> {
  const p = new SqlParams();
  const where = and([
    scopeSql.dealerOwned(scope, 'l.dealer_id', p.add),
    filter.status?.length ? `l.status = any(${p.add(filter.status)})` : null,
    filter.statusKind?.length ? `s.kind = any(${p.add(filter.statusKind)})` : null,
    filter.sourceChannel?.length ? `l.source_channel = any(${p.add(filter.sourceChannel)})` : null,
    filter.rating?.length ? `l.rating = any(${p.add(filter.rating)})` : null,
    filter.dealerId ? `l.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.owner ? `l.owner = ${p.add(filter.owner)}` : null,
    filter.interestTag ? `${p.add(filter.interestTag)} = any(l.interest_tags)` : null,
    filter.search ? searchCondition(["coalesce(l.first_name, '') || ' ' || l.last_name", 'l.company', 'l.email'], filter.search, p.add) : null,
    filter.createdAfter ? `l.created_at >= ${p.add(filter.createdAfter)}::timestamptz` : null,
    filter.createdBefore ? `l.created_at < ${p.add(filter.createdBefore)}::timestamptz` : null,
    filter.isConverted == null ? null : filter.isConverted ? 'l.converted_at is not null' : 'l.converted_at is null',
    filter.includeArchived ? null : 'l.archived_at is null',
  ]);
  const sort = LEAD_SORT[order.field];
  return fetchPage<LeadRow>(db, {
    columns: LEAD_COLUMNS,
    from: LEAD_FROM,
    where,
    params: p,
    sort: { sortExpr: sort.expr, sortType: sort.type, idExpr: 'l.id', descending: order.direction === 'DESC' },
  }, page);
}

export async function insertLead(db: Queryable, row: Record<string, unknown>): Promise<void> {
  await insertRows(db, 'leads', [row]);
}

/** Updates a lead's columns; the caller re-reads it (with its status kind) when it needs the result. */
export async function updateLeadRow(db: Queryable, id: string, changes: Partial<Omit<LeadRow, 'status_kind'>>): Promise<void> {
  await updateRow(db, 'leads', id, changes);
}

export async function leadStatuses(db: Queryable): Promise<LeadStatusRow[]> {
  return db.query<LeadStatusRow>('select * from lead_statuses order by sort_order, name');
}

export async function insertLeadStatus(db: Queryable, row: LeadStatusRow): Promise<LeadStatusRow> {
  const [inserted] = await insertRows<LeadStatusRow>(db, 'lead_statuses', [{ ...row }]);
  return inserted!;
}

export async function lineItemsByLeadIds(db: Queryable, leadIds: readonly string[]): Promise<LeadLineItemRow[]> {
  return db.query<LeadLineItemRow>('select * from lead_line_items where lead_id = any($1) order by created_at, id', [leadIds]);
}

export async function preferredSellersByLeadIds(db: Queryable, leadIds: readonly string[]): Promise<LeadPreferredSellerRow[]> {
  return db.query<LeadPreferredSellerRow>('select * from lead_preferred_sellers where lead_id = any($1) order by created_at, id', [leadIds]);
}

export function insertLeadLineItems(db: Queryable, rows: Omit<LeadLineItemRow, 'created_at'>[]): Promise<LeadLineItemRow[]> {
  return insertRows<LeadLineItemRow>(db, 'lead_line_items', rows.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

export function insertLeadPreferredSellers(db: Queryable, rows: Omit<LeadPreferredSellerRow, 'created_at'>[]): Promise<LeadPreferredSellerRow[]> {
  return insertRows<LeadPreferredSellerRow>(db, 'lead_preferred_sellers', rows.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

/** Finds the lead a line item or preferred seller belongs to. */
export async function leadIdOfChild(db: Queryable, table: 'lead_line_items' | 'lead_preferred_sellers', id: string): Promise<string | null> {
  const [row] = await db.query<{ lead_id: string }>(`select lead_id from ${table} where id = $1`, [id]);
  return row?.lead_id ?? null;
}

export async function deleteLeadChild(db: Queryable, table: 'lead_line_items' | 'lead_preferred_sellers', id: string): Promise<void> {
  await db.query(`delete from ${table} where id = $1`, [id]);
}

/** Line items by their own ids, only where the caller may see the lead they belong to. */
export async function leadLineItemsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<LeadLineItemRow[]> {
  return childrenOfVisibleLeads<LeadLineItemRow>(db, scope, 'lead_line_items', ids);
}

/** Preferred sellers by their own ids, only where the caller may see the lead they belong to. */
export async function leadPreferredSellersByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<LeadPreferredSellerRow[]> {
  return childrenOfVisibleLeads<LeadPreferredSellerRow>(db, scope, 'lead_preferred_sellers', ids);
}

async function childrenOfVisibleLeads<Row>(db: Queryable, scope: Scope, table: string, ids: readonly string[]): Promise<Row[]> {
  const p = new SqlParams();
  const where = and([`c.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'l.dealer_id', p.add)]);
  return db.query<Row>(`select c.* from ${table} c join leads l on l.id = c.lead_id where ${where.join(' and ')}`, p.values);
}
