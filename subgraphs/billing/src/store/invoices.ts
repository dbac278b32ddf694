import { fetchPage, insertRows, SqlParams, type Connection, type PageQuery, type Queryable, type Scope } from '@l2c/shared';
import type { InvoiceKind, InvoiceLineRow, InvoiceRow, InvoiceStatus } from './rows.ts';
import { and, dealerOwned, sequenced } from './scope.ts';

/** Every invoice read carries its balance: what is still owed after payments and credit notes. */
export const INVOICE_COLUMNS = 'i.*, (i.total_amount - i.allocated_amount - i.credited_amount) as balance';

export interface InvoiceFilter {
  accountId?: string | null;
  dealerId?: string | null;
  orderId?: string | null;
  runId?: string | null;
  status?: InvoiceStatus[] | null;
  kind?: InvoiceKind[] | null;
  /** Posted invoices still owing something whose due date is before this day. */
  overdueOn?: string | null;
}

export async function invoicesByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<InvoiceRow[]> {
  const p = new SqlParams();
  const where = and([`i.id = any(${p.add(ids)})`, dealerOwned(scope, 'i.dealer_id', p.add)]);
  return db.query<InvoiceRow>(`select ${INVOICE_COLUMNS} from invoices i where ${where.join(' and ')} order by i.created_at, i.id${forUpdate ? ' for update' : ''}`, p.values);
}

/** Invoices with a line of each order (credit notes included), keyed by the order they bill. */
export async function invoicesByOrderIds(db: Queryable, scope: Scope, orderIds: readonly string[]): Promise<(InvoiceRow & { order_id: string })[]> {
  const p = new SqlParams();
  const where = and([`l.order_id = any(${p.add(orderIds)})`, dealerOwned(scope, 'i.dealer_id', p.add)]);
  return db.query<InvoiceRow & { order_id: string }>(
    `select distinct ${INVOICE_COLUMNS}, l.order_id from invoices i join invoice_lines l on l.invoice_id = i.id where ${where.join(' and ')} order by i.created_at, i.id`,
    p.values,
  );
}

export async function listInvoices(db: Queryable, scope: Scope, filter: InvoiceFilter, page: PageQuery): Promise<Connection<InvoiceRow>> {
  const p = new SqlParams();
  const where = and([
    dealerOwned(scope, 'i.dealer_id', p.add),
    filter.accountId ? `i.account_id = ${p.add(filter.accountId)}` : null,
    filter.dealerId ? `i.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.orderId ? `i.id in (select invoice_id from invoice_lines where order_id = ${p.add(filter.orderId)})` : null,
    filter.runId ? `i.run_id = ${p.add(filter.runId)}` : null,
    filter.status?.length ? `i.status = any(${p.add(filter.status)})` : null,
    filter.kind?.length ? `i.kind = any(${p.add(filter.kind)})` : null,
    filter.overdueOn ? `i.kind = 'INVOICE' and i.status = 'POSTED' and i.due_date < ${p.add(filter.overdueOn)}::date and i.total_amount - i.allocated_amount - i.credited_amount > 0` : null,
  ]);
  return fetchPage<InvoiceRow>(db, { columns: INVOICE_COLUMNS, from: 'invoices i', where, params: p, sort: { sortExpr: 'i.created_at', sortType: 'timestamptz', idExpr: 'i.id', descending: true } }, page);
}

export async function insertInvoices(db: Queryable, rows: readonly Record<string, unknown>[]): Promise<void> {
  const base = Date.now();
  for (let i = 0; i < rows.length; i += 500) await insertRows(db, 'invoices', rows.slice(i, i + 500).map((row, j) => ({ ...row, created_at: sequenced(i + j, base) })));
}

export async function insertLines(db: Queryable, rows: readonly Omit<InvoiceLineRow, 'created_at' | 'updated_at' | 'is_active'>[]): Promise<void> {
  const base = Date.now();
  for (let i = 0; i < rows.length; i += 500) await insertRows(db, 'invoice_lines', rows.slice(i, i + 500).map((row, j) => ({ ...row, created_at: sequenced(i + j, base) })));
}

export async function linesByInvoiceIds(db: Queryable, invoiceIds: readonly string[]): Promise<InvoiceLineRow[]> {
  return db.query<InvoiceLineRow>('select * from invoice_lines where invoice_id = any($1) order by invoice_id, created_at, id', [invoiceIds]);
}

export async function linesByScheduleIds(db: Queryable, scheduleIds: readonly string[]): Promise<InvoiceLineRow[]> {
  return db.query<InvoiceLineRow>('select * from invoice_lines where schedule_id = any($1) order by schedule_id, start_date, created_at', [scheduleIds]);
}

/** The orders each invoice bills, in order of first appearance on it. */
export async function orderIdsByInvoiceIds(db: Queryable, invoiceIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db.query<{ invoice_id: string; order_ids: string[] }>(
    `select invoice_id, array_agg(distinct order_id order by order_id) as order_ids from invoice_lines where invoice_id = any($1) and order_id is not null group by invoice_id`,
    [invoiceIds],
  );
  return new Map(rows.map((r) => [r.invoice_id, r.order_ids]));
}

export async function creditNotesOf(db: Queryable, invoiceIds: readonly string[]): Promise<InvoiceRow[]> {
  return db.query<InvoiceRow>(`select ${INVOICE_COLUMNS} from invoices i where i.credits_invoice_id = any($1) order by i.created_at`, [invoiceIds]);
}

export async function setInvoiceStatus(db: Queryable, id: string, changes: { status: InvoiceStatus; posted_at?: Date; cancelled_at?: Date; cancel_reason?: string | null }): Promise<void> {
  const p = new SqlParams();
  const sets = Object.entries(changes).map(([column, value]) => `${column} = ${p.add(value)}`);
  await db.query(`update invoices set ${sets.join(', ')}, updated_at = now() where id = ${p.add(id)}`, p.values);
}

/** Adds to an invoice's allocated or credited amount (negative to give back). */
export async function adjustInvoiceAmount(db: Queryable, id: string, column: 'allocated_amount' | 'credited_amount', delta: string): Promise<void> {
  await db.query(`update invoices set ${column} = ${column} + $2::numeric, updated_at = now() where id = $1`, [id, delta]);
}

/** Invoices with a line of an order of each opportunity, keyed by opportunity. */
export async function invoicesByOpportunityIds(db: Queryable, scope: Scope, opportunityIds: readonly string[]): Promise<(InvoiceRow & { opportunity_id: string })[]> {
  const p = new SqlParams();
  const opportunities = p.add(opportunityIds);
  const where = and([`o.opportunity_id = any(${opportunities})`, dealerOwned(scope, 'i.dealer_id', p.add)]);
  return db.query<InvoiceRow & { opportunity_id: string }>(
    `select distinct ${INVOICE_COLUMNS}, o.opportunity_id from invoices i join invoice_lines l on l.invoice_id = i.id join billing_orders o on o.id = l.order_id where ${where.join(' and ')} order by i.created_at, i.id`,
    p.values,
  );
}
