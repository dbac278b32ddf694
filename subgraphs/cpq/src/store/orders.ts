import { and, type Connection, fetchPage, insertRows, type PageQuery, type Queryable, type Scope, sequenced, SqlParams, updateRow } from '@l2c/shared';
import type { AssetRow, ContractRow, EntitlementRow, OrderItemRow, OrderRow, OrderStatus, SubscriptionRow } from './rows.ts';
import { scopeSql } from './scope.ts';

export interface OrderFilter {
  status?: OrderStatus[] | null;
  quoteId?: string | null;
  accountId?: string | null;
  dealerId?: string | null;
}

export async function ordersByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<OrderRow[]> {
  const p = new SqlParams();
  const where = and([`o.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'o.dealer_id', p.add)]);
  return db.query<OrderRow>(`select o.* from orders o where ${where.join(' and ')}${forUpdate ? ' for update' : ''}`, p.values);
}

export async function ordersByQuoteIds(db: Queryable, quoteIds: readonly string[]): Promise<OrderRow[]> {
  return db.query<OrderRow>('select * from orders where quote_id = any($1) order by effective_date, ship_to nulls first, number', [quoteIds]);
}

export async function ordersByContractIds(db: Queryable, contractIds: readonly string[]): Promise<OrderRow[]> {
  return db.query<OrderRow>('select * from orders where contract_id = any($1) order by effective_date, number', [contractIds]);
}

export async function listOrders(db: Queryable, scope: Scope, filter: OrderFilter, page: PageQuery): Promise<Connection<OrderRow>> {
  const p = new SqlParams();
  const where = and([
    scopeSql.dealerOwned(scope, 'o.dealer_id', p.add),
    filter.status?.length ? `o.status = any(${p.add(filter.status)})` : null,
    filter.quoteId ? `o.quote_id = ${p.add(filter.quoteId)}` : null,
    filter.accountId ? `o.account_id = ${p.add(filter.accountId)}` : null,
    filter.dealerId ? `o.dealer_id = ${p.add(filter.dealerId)}` : null,
  ]);
  return fetchPage<OrderRow>(db, { columns: 'o.*', from: 'orders o', where, params: p, sort: { sortExpr: 'o.created_at', sortType: 'timestamptz', idExpr: 'o.id', descending: true } }, page);
}

export async function nextNumber(db: Queryable, sequence: 'order_numbers' | 'contract_numbers', prefix: string): Promise<string> {
  const [row] = await db.query<{ n: number }>(`select nextval('${sequence}')::int as n`);
  return `${prefix}-${String(row!.n).padStart(5, '0')}`;
}

export async function insertOrders(db: Queryable, rows: readonly Omit<OrderRow, 'created_at' | 'updated_at' | 'activated_at' | 'contract_id'>[]): Promise<void> {
  await insertRows(db, 'orders', rows.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

export async function updateOrderRow(db: Queryable, id: string, changes: Partial<OrderRow>): Promise<void> {
  await updateRow(db, 'orders', id, changes);
}

export async function itemsByOrderIds(db: Queryable, orderIds: readonly string[]): Promise<OrderItemRow[]> {
  return db.query<OrderItemRow>('select * from order_items where order_id = any($1) order by created_at, id', [orderIds]);
}

export async function itemsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<OrderItemRow[]> {
  const p = new SqlParams();
  const where = and([`i.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'o.dealer_id', p.add)]);
  return db.query<OrderItemRow>(`select i.* from order_items i join orders o on o.id = i.order_id where ${where.join(' and ')}`, p.values);
}

export async function insertItems(db: Queryable, rows: readonly Omit<OrderItemRow, 'created_at' | 'updated_at' | 'price_book_entry_id'>[]): Promise<void> {
  await insertRows(db, 'order_items', rows.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

export async function updateItemRow(db: Queryable, id: string, changes: Partial<OrderItemRow>): Promise<void> {
  await updateRow(db, 'order_items', id, changes);
}

export async function deleteItem(db: Queryable, id: string): Promise<void> {
  await db.query('delete from order_items where id = $1', [id]);
}

export async function orderIdOfItem(db: Queryable, itemId: string): Promise<string | null> {
  const [row] = await db.query<{ order_id: string }>('select order_id from order_items where id = $1', [itemId]);
  return row?.order_id ?? null;
}

/** Recomputes an order's total from its items, exactly, in the database. */
export async function refreshOrderTotal(db: Queryable, orderId: string): Promise<void> {
  await db.query('update orders set total_amount = (select coalesce(sum(total_price), 0) from order_items where order_id = $1), updated_at = now() where id = $1', [orderId]);
}

export async function contractsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<ContractRow[]> {
  const p = new SqlParams();
  const where = and([`c.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'c.dealer_id', p.add)]);
  return db.query<ContractRow>(`select c.* from contracts c where ${where.join(' and ')}`, p.values);
}

export async function contractsByQuoteIds(db: Queryable, quoteIds: readonly string[]): Promise<ContractRow[]> {
  return db.query<ContractRow>('select * from contracts where quote_id = any($1)', [quoteIds]);
}

export async function contractsByAccountIds(db: Queryable, scope: Scope, accountIds: readonly string[]): Promise<ContractRow[]> {
  const p = new SqlParams();
  const where = and([`c.account_id = any(${p.add(accountIds)})`, scopeSql.dealerOwned(scope, 'c.dealer_id', p.add)]);
  return db.query<ContractRow>(`select c.* from contracts c where ${where.join(' and ')} order by c.start_date, c.id`, p.values);
}

export async function contractOfQuoteForUpdate(db: Queryable, quoteId: string): Promise<ContractRow | null> {
  const [row] = await db.query<ContractRow>('select * from contracts where quote_id = $1 for update', [quoteId]);
  return row ?? null;
}

export async function listContracts(db: Queryable, scope: Scope, filter: { accountId?: string | null; dealerId?: string | null }, page: PageQuery): Promise<Connection<ContractRow>> {
  const p = new SqlParams();
  const where = and([
    scopeSql.dealerOwned(scope, 'c.dealer_id', p.add),
    filter.accountId ? `c.account_id = ${p.add(filter.accountId)}` : null,
    filter.dealerId ? `c.dealer_id = ${p.add(filter.dealerId)}` : null,
  ]);
  return fetchPage<ContractRow>(db, { columns: 'c.*', from: 'contracts c', where, params: p, sort: { sortExpr: 'c.created_at', sortType: 'timestamptz', idExpr: 'c.id', descending: true } }, page);
}

export async function insertContract(db: Queryable, row: Omit<ContractRow, 'created_at' | 'updated_at' | 'status'>): Promise<void> {
  await insertRows(db, 'contracts', [row]);
}

export async function updateContractRow(db: Queryable, id: string, changes: Partial<ContractRow>): Promise<void> {
  await updateRow(db, 'contracts', id, changes);
}

export async function subscriptionsByContractIds(db: Queryable, ids: readonly string[]): Promise<SubscriptionRow[]> {
  return db.query<SubscriptionRow>('select * from subscriptions where contract_id = any($1) order by start_date, created_at, id', [ids]);
}

export async function subscriptionsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<SubscriptionRow[]> {
  return ownedRows<SubscriptionRow>(db, scope, 'subscriptions', ids);
}

export async function assetsByContractIds(db: Queryable, ids: readonly string[]): Promise<AssetRow[]> {
  return db.query<AssetRow>('select * from assets where contract_id = any($1) order by install_date, created_at, id', [ids]);
}

export async function assetsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<AssetRow[]> {
  return ownedRows<AssetRow>(db, scope, 'assets', ids);
}

export async function entitlementsByContractIds(db: Queryable, ids: readonly string[]): Promise<EntitlementRow[]> {
  return db.query<EntitlementRow>('select * from entitlements where contract_id = any($1) order by start_date, name, id', [ids]);
}

export async function entitlementsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<EntitlementRow[]> {
  return ownedRows<EntitlementRow>(db, scope, 'entitlements', ids);
}

/** The entitlements of accounts active on a day (first and last day included), for every account asked at once. */
export async function entitlementsActiveOn(db: Queryable, scope: Scope, accountIds: readonly string[], day: string): Promise<EntitlementRow[]> {
  const p = new SqlParams();
  const where = and([
    `e.account_id = any(${p.add(accountIds)})`,
    `e.start_date <= ${p.add(day)}::date and e.end_date >= ${p.add(day)}::date`,
    scopeSql.dealerOwned(scope, 'e.dealer_id', p.add),
  ]);
  return db.query<EntitlementRow>(`select e.* from entitlements e where ${where.join(' and ')} order by e.account_id, e.start_date, e.name, e.id`, p.values);
}

export async function insertFulfilment(
  db: Queryable,
  rows: { subscriptions: Omit<SubscriptionRow, 'created_at'>[]; assets: Omit<AssetRow, 'created_at'>[]; entitlements: Omit<EntitlementRow, 'created_at'>[] },
): Promise<void> {
  await insertRows(db, 'subscriptions', rows.subscriptions.map((row, i) => ({ ...row, created_at: sequenced(i) })));
  await insertRows(db, 'assets', rows.assets.map((row, i) => ({ ...row, created_at: sequenced(i) })));
  await insertRows(db, 'entitlements', rows.entitlements.map((row, i) => ({ ...row, created_at: sequenced(i) })));
}

async function ownedRows<Row>(db: Queryable, scope: Scope, table: string, ids: readonly string[]): Promise<Row[]> {
  const p = new SqlParams();
  const where = and([`t.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 't.dealer_id', p.add)]);
  return db.query<Row>(`select t.* from ${table} t where ${where.join(' and ')}`, p.values);
}
