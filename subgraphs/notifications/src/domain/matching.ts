import type { DomainEvent } from '@l2c/shared';
import type { DeliveryStatus, SubscriptionRow } from '../store/rows.ts';

export type MatchableSubscription = Pick<SubscriptionRow, 'event_types' | 'dealer_id' | 'created_at'>;

/**
 * Whether an event is for a subscription: one of its types; for a partner's (dealer) subscription, an event that
 * names its dealer (an event naming no dealer is for internal users only); and not older than the subscription, so a
 * lagging consumer never sends a new webhook what happened before it was registered. Paused subscriptions match too:
 * their deliveries are held, not lost.
 */
export function eventConcerns(subscription: MatchableSubscription, event: Pick<DomainEvent, 'type' | 'dealerIds' | 'occurredAt'>): boolean {
  if (!subscription.event_types.includes(event.type)) return false;
  if (subscription.dealer_id !== null && !event.dealerIds.includes(subscription.dealer_id)) return false;
  return Date.parse(event.occurredAt) >= subscription.created_at.getTime();
}

/** A new delivery waits while its subscription is paused, and is queued at once otherwise. */
export function initialDeliveryStatus(subscription: Pick<SubscriptionRow, 'status'>): Extract<DeliveryStatus, 'HELD' | 'PENDING'> {
  return subscription.status === 'ACTIVE' ? 'PENDING' : 'HELD';
}
