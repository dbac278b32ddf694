import { fetchPage, insertRows, SqlParams, updateRow, type Connection, type PageQuery, type Queryable, type Scope } from '@l2c/shared';
import type { BillingOrderRow, PeriodRow, ScheduleRow, ScheduleStatus, UsageRow } from './rows.ts';
import { and, dealerOwned, sequenced } from './scope.ts';

export interface ScheduleFilter {
  orderId?: string | null;
  accountId?: string | null;
  dealerId?: string | null;
  status?: ScheduleStatus[] | null;
  onHold?: boolean | null;
}

export async function ordersByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<BillingOrderRow[]> {
  const p = new SqlParams();
  const where = and([`o.id = any(${p.add(ids)})`, dealerOwned(scope, 'o.dealer_id', p.add)]);
  return db.query<BillingOrderRow>(`select o.* from billing_orders o where ${where.join(' and ')}`, p.values);
}

/** The first billed order of each contract: the one later orders of the contract align to. */
export async function firstOrderOfContract(db: Queryable, contractId: string): Promise<BillingOrderRow | null> {
  const [row] = await db.query<BillingOrderRow>('select * from billing_orders where contract_id = $1 order by activated_at, created_at limit 1', [contractId]);
  return row ?? null;
}

export async function insertOrder(db: Queryable, row: Omit<BillingOrderRow, 'created_at'>): Promise<void> {
  await insertRows(db, 'billing_orders', [row]);
}

export async function schedulesByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<ScheduleRow[]> {
  const p = new SqlParams();
  const where = and([`s.id = any(${p.add(ids)})`, dealerOwned(scope, 's.dealer_id', p.add)]);
  return db.query<ScheduleRow>(`select s.* from billing_schedules s where ${where.join(' and ')}${forUpdate ? ' for update' : ''}`, p.values);
}

export async function schedulesByOrderIds(db: Queryable, scope: Scope, orderIds: readonly string[]): Promise<ScheduleRow[]> {
  const p = new SqlParams();
  const where = and([`s.order_id = any(${p.add(orderIds)})`, dealerOwned(scope, 's.dealer_id', p.add)]);
  return db.query<ScheduleRow>(`select s.* from billing_schedules s where ${where.join(' and ')} order by s.created_at, s.id`, p.values);
}

export async function schedulesByOrderItemIds(db: Queryable, scope: Scope, itemIds: readonly string[]): Promise<ScheduleRow[]> {
  const p = new SqlParams();
  const where = and([`s.order_item_id = any(${p.add(itemIds)})`, dealerOwned(scope, 's.dealer_id', p.add)]);
  return db.query<ScheduleRow>(`select s.* from billing_schedules s where ${where.join(' and ')}`, p.values);
}

export async function listSchedules(db: Queryable, scope: Scope, filter: ScheduleFilter, page: PageQuery): Promise<Connection<ScheduleRow>> {
  const p = new SqlParams();
  const where = and([
    dealerOwned(scope, 's.dealer_id', p.add),
    filter.orderId ? `s.order_id = ${p.add(filter.orderId)}` : null,
    filter.accountId ? `s.account_id = ${p.add(filter.accountId)}` : null,
    filter.dealerId ? `s.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.status?.length ? `s.status = any(${p.add(filter.status)})` : null,
    filter.onHold != null ? `s.on_hold = ${p.add(filter.onHold)}` : null,
  ]);
  return fetchPage<ScheduleRow>(db, { columns: 's.*', from: 'billing_schedules s', where, params: p, sort: { sortExpr: 's.created_at', sortType: 'timestamptz', idExpr: 's.id', descending: false } }, page);
}

/** The schedules of the contract's orders, oldest first (amendments align to the first recurring one). */
export async function schedulesOfOrder(db: Queryable, orderId: string): Promise<ScheduleRow[]> {
  return db.query<ScheduleRow>('select * from billing_schedules where order_id = $1 order by created_at, id', [orderId]);
}

export async function insertSchedules(db: Queryable, rows: readonly Omit<ScheduleRow, 'created_at' | 'updated_at' | 'on_hold' | 'hold_reason' | 'held_at' | 'held_by' | 'released_at' | 'status'>[]): Promise<void> {
  const base = Date.now();
  for (let i = 0; i < rows.length; i += 500) await insertRows(db, 'billing_schedules', rows.slice(i, i + 500).map((row, j) => ({ ...row, created_at: sequenced(i + j, base) })));
}

export async function updateScheduleRow(db: Queryable, id: string, changes: Partial<ScheduleRow>): Promise<ScheduleRow | null> {
  return updateRow<ScheduleRow>(db, 'billing_schedules', id, changes);
}

export async function periodsByScheduleIds(db: Queryable, scheduleIds: readonly string[], forUpdate = false): Promise<PeriodRow[]> {
  return db.query<PeriodRow>(`select * from billing_periods where schedule_id = any($1) order by schedule_id, period_index${forUpdate ? ' for update' : ''}`, [scheduleIds]);
}

export async function periodsByIds(db: Queryable, ids: readonly string[]): Promise<PeriodRow[]> {
  return db.query<PeriodRow>('select * from billing_periods where id = any($1)', [ids]);
}

export async function insertPeriods(db: Queryable, rows: readonly Omit<PeriodRow, 'created_at' | 'updated_at' | 'status'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insertRows(db, 'billing_periods', rows.slice(i, i + 1000));
}

export async function updatePeriodRow(db: Queryable, id: string, changes: Partial<PeriodRow>): Promise<void> {
  await updateRow(db, 'billing_periods', id, changes);
}

/** Deletes the periods of a schedule that nothing has billed yet (to plan them again). */
export async function deletePendingPeriods(db: Queryable, scheduleId: string): Promise<void> {
  await db.query(`delete from billing_periods where schedule_id = $1 and status = 'PENDING'`, [scheduleId]);
}

export async function insertUsage(db: Queryable, row: Omit<UsageRow, 'created_at'>): Promise<UsageRow> {
  const [inserted] = await insertRows<UsageRow>(db, 'usage_records', [row]);
  return inserted!;
}

export async function usageByScheduleIds(db: Queryable, scheduleIds: readonly string[]): Promise<UsageRow[]> {
  return db.query<UsageRow>('select * from usage_records where schedule_id = any($1) order by schedule_id, usage_date, created_at', [scheduleIds]);
}

export async function orderIdsOfOpportunities(db: Queryable, scope: Scope, opportunityIds: readonly string[]): Promise<BillingOrderRow[]> {
  const p = new SqlParams();
  const where = and([`o.opportunity_id = any(${p.add(opportunityIds)})`, dealerOwned(scope, 'o.dealer_id', p.add)]);
  return db.query<BillingOrderRow>(`select o.* from billing_orders o where ${where.join(' and ')} order by o.activated_at`, p.values);
}

export async function markEventConsumed(db: Queryable, eventId: string, type: string): Promise<boolean> {
  const rows = await db.query<{ event_id: string }>('insert into consumed_events (event_id, type) values ($1, $2) on conflict (event_id) do nothing returning event_id', [eventId, type]);
  return rows.length === 1;
}
