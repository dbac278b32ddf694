import { randomUUID } from 'node:crypto';
import type { EventBus, Logger, Store, StoredEvent, Tail } from '@l2c/shared';
import { eventConcerns, initialDeliveryStatus } from '../domain/matching.ts';
import { upsertDeliveries } from '../store/deliveries.ts';
import type { DeliveryRow } from '../store/rows.ts';
import { subscriptionCandidates, subscriptionsByIds } from '../store/subscriptions.ts';
import type { DeliveryQueue } from './queue.ts';

/** The event bus consumer group of webhook dispatchers. */
export const WEBHOOK_CONSUMER_GROUP = 'webhooks';

export interface DispatcherDeps {
  store: Store;
  queue: DeliveryQueue;
  logger: Logger;
  newId?: () => string;
  /** Called after an event's deliveries are queued and before the bus acknowledges it: tests crash the dispatcher there. */
  afterEnqueue?: (event: StoredEvent) => void | Promise<void>;
}

export interface DispatcherOptions extends DispatcherDeps {
  bus: EventBus;
  /** This process's name in the consumer group: stable across restarts, distinct per process. */
  consumer: string;
}

/** Follows the event bus in the `webhooks` consumer group and turns each event into deliveries. */
export function startDispatcher(options: DispatcherOptions): Tail {
  return options.bus.consume(WEBHOOK_CONSUMER_GROUP, options.consumer, async (event) => {
    await dispatchEvent(options, event);
  });
}

/**
 * Records one delivery per subscription the event concerns and queues those not held. Idempotent, because the bus
 * delivers at least once: a (subscription, event) pair gets one delivery row (unique in the store), and its job id is
 * derived from the pair and the run, so seeing the event again queues nothing new. Queueing happens after the commit,
 * and is repeated for deliveries still pending when the event comes again: a crash between the two loses nothing.
 * Throws only when the store or Redis fails, so the bus hands the event over again.
 */
export async function dispatchEvent(deps: DispatcherDeps, event: StoredEvent): Promise<DeliveryRow[]> {
  if (!isWellFormed(event)) {
    // Retrying cannot fix it, and a thrown error would hold up every later event of the group.
    deps.logger.error({ event }, 'malformed event on the bus; no webhook can be matched to it');
    return [];
  }
  const candidates = (await subscriptionCandidates(deps.store, event)).filter((s) => eventConcerns(s, event));
  if (candidates.length === 0) return [];
  const newId = deps.newId ?? randomUUID;
  const deliveries = await deps.store.transaction(async (tx) => {
    // Share locks: a pause or resume committing meanwhile is waited for, so a delivery is never held for a subscription
    // that was just resumed (and would stay held), nor queued for one just paused (the attempt would hold it anyway).
    const current = await subscriptionsByIds(tx, { kind: 'all' }, candidates.map((s) => s.id), 'share');
    const targets = current.filter((s) => eventConcerns(s, event));
    return upsertDeliveries(tx, event, targets.map((s) => ({ id: newId(), subscription_id: s.id, event, status: initialDeliveryStatus(s) })));
  });
  const pending = deliveries.filter((d) => d.status === 'PENDING');
  await deps.queue.enqueue(pending);
  await deps.afterEnqueue?.(event);
  return pending;
}

function isWellFormed(event: StoredEvent): boolean {
  return (
    typeof event.eventId === 'string' &&
    typeof event.type === 'string' &&
    Array.isArray(event.dealerIds) &&
    typeof event.entity?.typename === 'string' &&
    typeof event.entity.id === 'string' &&
    !Number.isNaN(Date.parse(event.occurredAt))
  );
}
