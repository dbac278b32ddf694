import { randomUUID } from 'node:crypto';
import type { Queryable } from '../store/store.ts';
import type { DomainEvent, EventInput } from './types.ts';

/**
 * Records a domain event in the same transaction as the change that causes it: if the change rolls back, the event
 * was never there; if it commits, the relay will publish it.
 */
export async function recordEvent(tx: Queryable, event: EventInput): Promise<void> {
  await recordEvents(tx, [event]);
}

/** Records several events in one statement, in the order given. */
export async function recordEvents(tx: Queryable, events: readonly EventInput[]): Promise<void> {
  if (events.length === 0) return;
  const params: unknown[] = [];
  const tuples = events.map((event) => {
    const dealers = [...new Set((event.dealerIds ?? []).filter((id): id is string => typeof id === 'string' && id !== ''))];
    const at = (value: unknown) => `$${params.push(value)}`;
    return `(${at(randomUUID())}, ${at(event.type)}, ${at(event.entity.typename)}, ${at(event.entity.id)}, ${at(dealers)}, ${at(JSON.stringify(event.changes ?? {}))}::jsonb)`;
  });
  await tx.query(`insert into outbox (event_id, type, entity_typename, entity_id, dealer_ids, changes) values ${tuples.join(', ')}`, params);
}

export interface OutboxRow {
  id: number;
  event_id: string;
  type: string;
  entity_typename: string;
  entity_id: string;
  dealer_ids: string[];
  changes: Record<string, unknown>;
  occurred_at: Date;
}

/** The oldest unpublished events, in commit order per entity (id order). */
export async function unpublishedEvents(db: Queryable, limit: number): Promise<OutboxRow[]> {
  return db.query<OutboxRow>('select id, event_id, type, entity_typename, entity_id, dealer_ids, changes, occurred_at from outbox where published_at is null order by id limit $1', [limit]);
}

export async function markPublished(db: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.query('update outbox set published_at = now() where id = any($1)', [ids]);
}

export function toDomainEvent(row: OutboxRow, source: string): DomainEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    entity: { typename: row.entity_typename, id: row.entity_id },
    dealerIds: row.dealer_ids,
    changes: row.changes,
    occurredAt: row.occurred_at.toISOString(),
    source,
  };
}
