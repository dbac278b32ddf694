import { and, type Connection, fetchPage, insertRows, type PageQuery, type Queryable, type Scope, sequenced, SqlParams, updateRow } from '@l2c/shared';
import type { QuoteLineRow, QuoteRow, QuoteStatus } from './rows.ts';
import { scopeSql } from './scope.ts';

export interface QuoteFilter {
  status?: QuoteStatus[] | null;
  opportunityId?: string | null;
  accountId?: string | null;
  dealerId?: string | null;
  isPrimary?: boolean | null;
}

export async function quotesByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<QuoteRow[]> {
  const p = new SqlParams();
  const where = and([`q.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'q.dealer_id', p.add)]);
  return db.query<QuoteRow>(`select q.* from quotes q where ${where.join(' and ')}${forUpdate ? ' for update' : ''}`, p.values);
}

/** The quotes of opportunities, oldest first, for the `Opportunity.quotes` field. */
export async function quotesByOpportunityIds(db: Queryable, scope: Scope, opportunityIds: readonly string[]): Promise<QuoteRow[]> {
  const p = new SqlParams();
  const where = and([`q.opportunity_id = any(${p.add(opportunityIds)})`, scopeSql.dealerOwned(scope, 'q.dealer_id', p.add)]);
  return db.query<QuoteRow>(`select q.* from quotes q where ${where.join(' and ')} order by q.created_at, q.id`, p.values);
}

export async function listQuotes(db: Queryable, scope: Scope, filter: QuoteFilter, page: PageQuery): Promise<Connection<QuoteRow>> {
  const p = new SqlParams();
  const where = and([
    scopeSql.dealerOwned(scope, 'q.dealer_id', p.add),
    filter.status?.length ? `q.status = any(${p.add(filter.status)})` : null,
    filter.opportunityId ? `q.opportunity_id = ${p.add(filter.opportunityId)}` : null,
    filter.accountId ? `q.account_id = ${p.add(filter.accountId)}` : null,
    filter.dealerId ? `q.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.isPrimary == null ? null : `q.is_primary = ${p.add(filter.isPrimary)}`,
  ]);
  return fetchPage<QuoteRow>(db, { columns: 'q.*', from: 'quotes q', where, params: p, sort: { sortExpr: 'q.created_at', sortType: 'timestamptz', idExpr: 'q.id', descending: true } }, page);
}

/** The next quote number, `Q-00001` and up. */
export async function nextQuoteNumber(db: Queryable): Promise<string> {
  const [row] = await db.query<{ n: number }>("select nextval('quote_numbers')::int as n");
  return `Q-${String(row!.n).padStart(5, '0')}`;
}

export async function insertQuote(db: Queryable, row: Record<string, unknown>): Promise<void> {
  await insertRows(db, 'quotes', [row]);
}

export async function updateQuoteRow(db: Queryable, id: string, changes: Partial<QuoteRow>): Promise<void> {
  await updateRow(db, 'quotes', id, changes);
}

/** Whether the opportunity has any quote yet, and whether one is accepted (locked for the rest of the transaction). */
export async function opportunityQuotes(db: Queryable, opportunityId: string): Promise<{ count: number; accepted: string | null }> {
  const rows = await db.query<{ id: string; number: string; status: QuoteStatus }>('select id, number, status from quotes where opportunity_id = $1 for update', [opportunityId]);
  return { count: rows.length, accepted: rows.find((r) => r.status === 'ACCEPTED')?.number ?? null };
}

/** Makes one quote its opportunity's primary and every other one not, in two statements that keep the invariant. */
export async function makePrimary(db: Queryable, quote: Pick<QuoteRow, 'id' | 'opportunity_id'>): Promise<string | null> {
  const [previous] = await db.query<{ id: string }>('update quotes set is_primary = false, updated_at = now() where opportunity_id = $1 and is_primary and id <> $2 returning id', [quote.opportunity_id, quote.id]);
  await db.query('update quotes set is_primary = true, updated_at = now() where id = $1', [quote.id]);
  return previous?.id ?? null;
}

export async function linesByQuoteIds(db: Queryable, quoteIds: readonly string[]): Promise<QuoteLineRow[]> {
  return db.query<QuoteLineRow>('select * from quote_lines where quote_id = any($1) order by number', [quoteIds]);
}

/** Lines by their own ids, only where the caller may see their quote. */
export async function linesByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<QuoteLineRow[]> {
  const p = new SqlParams();
  const where = and([`l.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'q.dealer_id', p.add)]);
  return db.query<QuoteLineRow>(`select l.* from quote_lines l join quotes q on q.id = l.quote_id where ${where.join(' and ')}`, p.values);
}

export async function quoteIdOfLine(db: Queryable, lineId: string): Promise<string | null> {
  const [row] = await db.query<{ quote_id: string }>('select quote_id from quote_lines where id = $1', [lineId]);
  return row?.quote_id ?? null;
}

export async function insertLines(db: Queryable, rows: readonly Omit<QuoteLineRow, 'created_at' | 'updated_at'>[]): Promise<void> {
  await insertRows(db, 'quote_lines', rows.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

export async function updateLineRow(db: Queryable, id: string, changes: Partial<QuoteLineRow>): Promise<void> {
  await updateRow(db, 'quote_lines', id, changes);
}

export async function deleteLine(db: Queryable, id: string): Promise<void> {
  await db.query('delete from quote_lines where id = $1', [id]);
}

export async function nextLineNumber(db: Queryable, quoteId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select coalesce(max(number), 0)::int + 1 as n from quote_lines where quote_id = $1', [quoteId]);
  return row!.n;
}
