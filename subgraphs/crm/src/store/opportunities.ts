import { and, type Connection, fetchPage, insertRows, type PageQuery, type Queryable, type Scope, searchCondition, sequenced, SqlParams, updateRow } from '@l2c/shared';
import type { OpportunityLineItemRow, OpportunityPreferredSellerRow, OpportunityRow, OpportunityStageRow } from './rows.ts';
import { scopeSql } from './scope.ts';

export interface OpportunityFilter {
  stage?: string[] | null;
  isClosed?: boolean | null;
  isWon?: boolean | null;
  accountId?: string | null;
  dealerId?: string | null;
  owner?: string | null;
  closeDateFrom?: string | null;
  closeDateTo?: string | null;
  search?: string | null;
}

export type OpportunitySortField = 'CREATED_AT' | 'CLOSE_DATE' | 'AMOUNT' | 'NAME';

const OPPORTUNITY_SORT: Record<OpportunitySortField, { expr: string; type: string }> = {
  CREATED_AT: { expr: 'o.created_at', type: 'timestamptz' },
  CLOSE_DATE: { expr: 'o.close_date', type: 'date' },
  AMOUNT: { expr: 'coalesce(o.amount, 0)', type: 'numeric' },
  NAME: { expr: 'o.name', type: 'text' },
};

/** Every opportunity read joins its stage, so `is_closed` and `is_won` are always there. */
const OPPORTUNITY_COLUMNS = 'o.*, st.is_closed, st.is_won';
const OPPORTUNITY_FROM = 'opportunities o join opportunity_stages st on st.name = o.stage';

export async function opportunitiesByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<OpportunityRow[]> {
  const p = new SqlParams();
  const where = and([`o.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'o.dealer_id', p.add)]);
  return db.query<OpportunityRow>(
    `select ${OPPORTUNITY_COLUMNS} from ${OPPORTUNITY_FROM} where ${where.join(' and ')}${forUpdate ? ' for update of o' : ''}`,
    p.values,
  );
}

export async function listOpportunities(
  db: Queryable,
  scope: Scope,
  filter: OpportunityFilter,
  order: { field: OpportunitySortField; direction: 'ASC' | 'DESC' },
  page: PageQuery,
): Promise<Connection<OpportunityRow>> {
  const p = new SqlParams();
  const where = and([
    scopeSql.dealerOwned(scope, 'o.dealer_id', p.add),
    filter.stage?.length ? `o.stage = any(${p.add(filter.stage)})` : null,
    filter.isClosed == null ? null : `st.is_closed = ${p.add(filter.isClosed)}`,
    filter.isWon == null ? null : `st.is_won = ${p.add(filter.isWon)}`,
    filter.accountId ? `o.account_id = ${p.add(filter.accountId)}` : null,
    filter.dealerId ? `o.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.owner ? `o.owner = ${p.add(filter.owner)}` : null,
    filter.closeDateFrom ? `o.close_date >= ${p.add(filter.closeDateFrom)}::date` : null,
    filter.closeDateTo ? `o.close_date <= ${p.add(filter.closeDateTo)}::date` : null,
    filter.search ? searchCondition(['o.name'], filter.search, p.add) : null,
  ]);
  const sort = OPPORTUNITY_SORT[order.field];
  return fetchPage<OpportunityRow>(db, {
    columns: OPPORTUNITY_COLUMNS,
    from: OPPORTUNITY_FROM,
    where,
    params: p,
    sort: { sortExpr: sort.expr, sortType: sort.type, idExpr: 'o.id', descending: order.direction === 'DESC' },
  }, page);
}

export async function opportunityStages(db: Queryable): Promise<OpportunityStageRow[]> {
  return db.query<OpportunityStageRow>('select * from opportunity_stages order by sort_order');
}

export async function insertOpportunity(db: Queryable, row: Record<string, unknown>): Promise<void> {
  await insertRows(db, 'opportunities', [row]);
}

export async function updateOpportunityRow(db: Queryable, id: string, changes: Partial<Omit<OpportunityRow, 'is_closed' | 'is_won'>>): Promise<void> {
  await updateRow(db, 'opportunities', id, changes);
}

export async function lineItemsByOpportunityIds(db: Queryable, ids: readonly string[]): Promise<OpportunityLineItemRow[]> {
  return db.query<OpportunityLineItemRow>('select * from opportunity_line_items where opportunity_id = any($1) order by created_at, id', [ids]);
}

export async function preferredSellersByOpportunityIds(db: Queryable, ids: readonly string[]): Promise<OpportunityPreferredSellerRow[]> {
  return db.query<OpportunityPreferredSellerRow>(
    'select * from opportunity_preferred_sellers where opportunity_id = any($1) order by created_at, id',
    [ids],
  );
}

export function insertOpportunityLineItems(db: Queryable, rows: Omit<OpportunityLineItemRow, 'created_at'>[]): Promise<OpportunityLineItemRow[]> {
  return insertRows<OpportunityLineItemRow>(db, 'opportunity_line_items', rows.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

export function insertOpportunityPreferredSellers(
  db: Queryable,
  rows: Omit<OpportunityPreferredSellerRow, 'created_at'>[],
): Promise<OpportunityPreferredSellerRow[]> {
  return insertRows<OpportunityPreferredSellerRow>(db, 'opportunity_preferred_sellers', rows.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

export async function opportunityIdOfLineItem(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.query<{ opportunity_id: string }>('select opportunity_id from opportunity_line_items where id = $1', [id]);
  return row?.opportunity_id ?? null;
}

export async function deleteOpportunityLineItem(db: Queryable, id: string): Promise<void> {
  await db.query('delete from opportunity_line_items where id = $1', [id]);
}

/** Per dealer: won opportunities, for dealer matching. */
export async function wonCountsByDealer(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ dealer_id: string; n: number }>(
    "select o.dealer_id, count(*)::int as n from opportunities o where o.stage = 'Closed Won' and o.dealer_id is not null group by o.dealer_id",
  );
  return new Map(rows.map((row) => [row.dealer_id, row.n]));
}

/** Line items by their own ids, only where the caller may see the opportunity they belong to. */
export async function opportunityLineItemsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<OpportunityLineItemRow[]> {
  return childrenOfVisibleOpportunities<OpportunityLineItemRow>(db, scope, 'opportunity_line_items', ids);
}

/** Preferred sellers by their own ids, only where the caller may see the opportunity they belong to. */
export async function opportunityPreferredSellersByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<OpportunityPreferredSellerRow[]> {
  return childrenOfVisibleOpportunities<OpportunityPreferredSellerRow>(db, scope, 'opportunity_preferred_sellers', ids);
}

async function childrenOfVisibleOpportunities<Row>(db: Queryable, scope: Scope, table: string, ids: readonly string[]): Promise<Row[]> {
  const p = new SqlParams();
  const where = and([`c.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'o.dealer_id', p.add)]);
  return db.query<Row>(`select c.* from ${table} c join opportunities o on o.id = c.opportunity_id where ${where.join(' and ')}`, p.values);
}
