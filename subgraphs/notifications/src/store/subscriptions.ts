import { and, type Connection, fetchPage, insertRow, type PageQuery, type Queryable, type Scope, SqlParams, updateRow } from '@l2c/shared';
import type { SubscriptionRow, SubscriptionStatus } from './rows.ts';
import { subscriptionScopeSql } from './scope.ts';

export interface SubscriptionFilter {
  status?: SubscriptionStatus[] | null;
  dealerId?: string | null;
}

/**
 * The subscriptions with these ids that the caller may see. `lock`: `share` keeps their status from changing until
 * the transaction ends (a delivery decided on it must not race a pause or resume); `update` for changing them.
 */
export async function subscriptionsByIds(db: Queryable, scope: Scope, ids: readonly string[], lock?: 'share' | 'update'): Promise<SubscriptionRow[]> {
  const p = new SqlParams();
  const where = and([`s.id = any(${p.add(ids)})`, subscriptionScopeSql(scope, 's', p.add)]);
  const locking = lock === 'share' ? ' for share' : lock === 'update' ? ' for update' : '';
  return db.query<SubscriptionRow>(`select s.* from webhook_subscriptions s where ${where.join(' and ')} order by s.id${locking}`, p.values);
}

/** The caller's subscriptions, newest first, one keyset page. */
export function listSubscriptions(db: Queryable, scope: Scope, filter: SubscriptionFilter, page: PageQuery): Promise<Connection<SubscriptionRow>> {
  const p = new SqlParams();
  const where = and([
    subscriptionScopeSql(scope, 's', p.add),
    filter.status?.length ? `s.status = any(${p.add(filter.status)})` : null,
    filter.dealerId ? `s.dealer_id = ${p.add(filter.dealerId)}` : null,
  ]);
  return fetchPage<SubscriptionRow>(db, { columns: 's.*', from: 'webhook_subscriptions s', where, params: p, sort: { sortExpr: 's.created_at', sortType: 'timestamptz', idExpr: 's.id', descending: true } }, page);
}

/**
 * The subscriptions (active or paused) an event may be for: listing its type, internal or for one of its dealers. A
 * prefilter that keeps the candidates few; `eventConcerns` decides.
 */
export function subscriptionCandidates(db: Queryable, event: { type: string; dealerIds: readonly string[] }): Promise<SubscriptionRow[]> {
  return db.query<SubscriptionRow>(
    'select s.* from webhook_subscriptions s where s.event_types @> array[$1]::text[] and (s.dealer_id is null or s.dealer_id = any($2)) order by s.id',
    [event.type, event.dealerIds],
  );
}

export function insertSubscription(db: Queryable, row: Omit<SubscriptionRow, 'created_at' | 'updated_at' | 'secret_created_at'>): Promise<SubscriptionRow> {
  return insertRow<SubscriptionRow>(db, 'webhook_subscriptions', { ...row });
}

export async function updateSubscriptionRow(db: Queryable, id: string, changes: Partial<SubscriptionRow>): Promise<SubscriptionRow> {
  return (await updateRow<SubscriptionRow>(db, 'webhook_subscriptions', id, changes))!;
}

/** Deletes a subscription; its deliveries and their attempts go with it (foreign keys cascade). */
export async function deleteSubscriptionRow(db: Queryable, id: string): Promise<void> {
  await db.query('delete from webhook_subscriptions where id = $1', [id]);
}
