import { and, type Connection, fetchPage, type PageQuery, type Queryable, type Scope, SqlParams, type StoredEvent, updateRow } from '@l2c/shared';
import type { AttemptRow, DeliveryRow, DeliveryStatus } from './rows.ts';
import { subscriptionScopeSql } from './scope.ts';

export interface NewDelivery {
  id: string;
  subscription_id: string;
  event: StoredEvent;
  status: Extract<DeliveryStatus, 'HELD' | 'PENDING'>;
}

/** Deliveries the caller may see (those of subscriptions it may see). `lock: 'update'` locks them for a change. */
export async function deliveriesByIds(db: Queryable, scope: Scope, ids: readonly string[], lock?: 'update'): Promise<DeliveryRow[]> {
  const p = new SqlParams();
  const where = and([`d.id = any(${p.add(ids)})`, scope.kind === 'all' ? null : `exists (select 1 from webhook_subscriptions s where s.id = d.subscription_id and ${subscriptionScopeSql(scope, 's', p.add)})`]);
  return db.query<DeliveryRow>(`select d.* from webhook_deliveries d where ${where.join(' and ')} order by d.id${lock ? ' for update' : ''}`, p.values);
}

/** One subscription's deliveries, newest first, optionally only those in `statuses`. The caller checked the subscription. */
export function listDeliveries(db: Queryable, subscriptionId: string, statuses: readonly DeliveryStatus[] | null, page: PageQuery): Promise<Connection<DeliveryRow>> {
  const p = new SqlParams();
  const where = and([`d.subscription_id = ${p.add(subscriptionId)}`, statuses?.length ? `d.status = any(${p.add(statuses)})` : null]);
  return fetchPage<DeliveryRow>(db, { columns: 'd.*', from: 'webhook_deliveries d', where, params: p, sort: { sortExpr: 'd.created_at', sortType: 'timestamptz', idExpr: 'd.id', descending: true } }, page);
}

/**
 * Inserts deliveries of one event, skipping any (subscription, event) that already has one, and returns the
 * deliveries of that event to those subscriptions as stored: new or from an earlier sight of the same event.
 */
export async function upsertDeliveries(db: Queryable, event: StoredEvent, deliveries: readonly NewDelivery[]): Promise<DeliveryRow[]> {
  if (deliveries.length === 0) return [];
  const params: unknown[] = [event.eventId, event.type, event.occurredAt, JSON.stringify(event)];
  const tuples = deliveries.map((d) => `($${params.push(d.id)}, $${params.push(d.subscription_id)}, $1, $2, $3::timestamptz, $4::jsonb, $${params.push(d.status)})`);
  await db.query(
    `insert into webhook_deliveries (id, subscription_id, event_id, event_type, occurred_at, event, status) values ${tuples.join(', ')} on conflict (subscription_id, event_id) do nothing`,
    params,
  );
  return db.query<DeliveryRow>('select * from webhook_deliveries where event_id = $1 and subscription_id = any($2) order by subscription_id', [
    event.eventId,
    deliveries.map((d) => d.subscription_id),
  ]);
}

/** Held deliveries of a subscription become pending, each in a new run (with a new job), oldest first. */
export function releaseHeldDeliveries(db: Queryable, subscriptionId: string): Promise<DeliveryRow[]> {
  return db.query<DeliveryRow>(
    `with released as (
       update webhook_deliveries set status = 'PENDING', run = nextval('webhook_delivery_runs'), next_attempt_at = null, updated_at = now()
       where subscription_id = $1 and status = 'HELD' returning *
     ) select * from released order by occurred_at, id`,
    [subscriptionId],
  );
}

/** Starts a new run of a delivery (a redelivery): a run number never used before, so its job id is new too. */
export async function startNewRun(db: Queryable, id: string, status: Extract<DeliveryStatus, 'HELD' | 'PENDING'>): Promise<DeliveryRow> {
  const [row] = await db.query<DeliveryRow>(
    "update webhook_deliveries set status = $2, run = nextval('webhook_delivery_runs'), next_attempt_at = null, updated_at = now() where id = $1 returning *",
    [id, status],
  );
  return row!;
}

export async function updateDeliveryRow(db: Queryable, id: string, changes: Partial<DeliveryRow>): Promise<DeliveryRow> {
  return (await updateRow<DeliveryRow>(db, 'webhook_deliveries', id, changes))!;
}

/** Records an attempt as the delivery's next number, and returns that number. */
export async function insertAttempt(db: Queryable, attempt: Omit<AttemptRow, 'number'>): Promise<number> {
  const [row] = await db.query<{ number: number }>(
    `insert into webhook_delivery_attempts (delivery_id, number, run, started_at, duration_ms, status_code, error, succeeded)
     select $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7 from webhook_delivery_attempts where delivery_id = $1
     returning number`,
    [attempt.delivery_id, attempt.run, attempt.started_at, attempt.duration_ms, attempt.status_code, attempt.error, attempt.succeeded],
  );
  return row!.number;
}

/** The attempts of these deliveries, oldest first: one statement for a whole page of deliveries. */
export function attemptsByDeliveryIds(db: Queryable, ids: readonly string[]): Promise<AttemptRow[]> {
  return db.query<AttemptRow>('select * from webhook_delivery_attempts where delivery_id = any($1) order by delivery_id, number', [ids]);
}
