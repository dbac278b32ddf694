import { fetchPage, insertRows, SqlParams, type Connection, type PageQuery, type Queryable, type Scope } from '@l2c/shared';
import type { AllocationRow, PaymentRow } from './rows.ts';
import { and, dealerOwned } from './scope.ts';

export const PAYMENT_COLUMNS = 'p.*, (p.amount - p.allocated_amount) as unallocated_amount';
const ALLOCATION_COLUMNS = `a.*, exists (select 1 from payment_allocations r where r.reverses_id = a.id) as reversed`;

export interface PaymentFilter {
  accountId?: string | null;
  dealerId?: string | null;
  /** Payments with something left to allocate. */
  hasUnallocated?: boolean | null;
}

export async function paymentsByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<PaymentRow[]> {
  const p = new SqlParams();
  const where = and([`p.id = any(${p.add(ids)})`, dealerOwned(scope, 'p.dealer_id', p.add)]);
  return db.query<PaymentRow>(`select ${PAYMENT_COLUMNS} from payments p where ${where.join(' and ')}${forUpdate ? ' for update' : ''}`, p.values);
}

export async function listPayments(db: Queryable, scope: Scope, filter: PaymentFilter, page: PageQuery): Promise<Connection<PaymentRow>> {
  const p = new SqlParams();
  const where = and([
    dealerOwned(scope, 'p.dealer_id', p.add),
    filter.accountId ? `p.account_id = ${p.add(filter.accountId)}` : null,
    filter.dealerId ? `p.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.hasUnallocated == null ? null : filter.hasUnallocated ? 'p.amount > p.allocated_amount' : 'p.amount = p.allocated_amount',
  ]);
  return fetchPage<PaymentRow>(db, { columns: PAYMENT_COLUMNS, from: 'payments p', where, params: p, sort: { sortExpr: 'p.created_at', sortType: 'timestamptz', idExpr: 'p.id', descending: true } }, page);
}

export async function insertPayment(db: Queryable, row: Record<string, unknown>): Promise<void> {
  await insertRows(db, 'payments', [row]);
}

export async function adjustPaymentAllocated(db: Queryable, id: string, delta: string): Promise<void> {
  await db.query('update payments set allocated_amount = allocated_amount + $2::numeric, updated_at = now() where id = $1', [id, delta]);
}

export async function insertAllocations(db: Queryable, rows: readonly Omit<AllocationRow, 'created_at' | 'updated_at' | 'reversed'>[]): Promise<void> {
  const base = Date.now();
  await insertRows(db, 'payment_allocations', rows.map((row, i) => ({ ...row, created_at: new Date(base + i) })));
}

export async function allocationsByIds(db: Queryable, ids: readonly string[], forUpdate = false): Promise<AllocationRow[]> {
  return db.query<AllocationRow>(`select ${ALLOCATION_COLUMNS} from payment_allocations a where a.id = any($1)${forUpdate ? ' for update' : ''}`, [ids]);
}

export async function allocationsByPaymentIds(db: Queryable, paymentIds: readonly string[]): Promise<AllocationRow[]> {
  return db.query<AllocationRow>(`select ${ALLOCATION_COLUMNS} from payment_allocations a where a.payment_id = any($1) order by a.created_at, a.id`, [paymentIds]);
}

export async function allocationsByInvoiceIds(db: Queryable, invoiceIds: readonly string[]): Promise<AllocationRow[]> {
  return db.query<AllocationRow>(`select ${ALLOCATION_COLUMNS} from payment_allocations a where a.invoice_id = any($1) order by a.created_at, a.id`, [invoiceIds]);
}
