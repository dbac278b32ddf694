import type { StoredEvent } from '@l2c/shared';
import type { SubscriptionRow } from '../store/rows.ts';

/** The JSON a webhook receives: the event, with its id as `id` and its stream position as `streamId`. */
export interface WebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  source: string;
  entity: { typename: string; id: string };
  /** Every dealer concerned for an internal webhook; a partner's webhook sees only its own dealer listed. */
  dealerIds: string[];
  changes: Record<string, unknown>;
  streamId: string;
}

/**
 * The exact bytes POSTed for an event to a subscription. The same for every attempt, so a receiver that logs bodies
 * sees identical retries; the signature is computed over these bytes, never over a re-serialisation.
 */
export function webhookBody(event: StoredEvent, subscription: Pick<SubscriptionRow, 'dealer_id'>): string {
  const body: WebhookBody = {
    id: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    source: event.source,
    entity: { typename: event.entity.typename, id: event.entity.id },
    dealerIds: subscription.dealer_id === null ? event.dealerIds : event.dealerIds.filter((id) => id === subscription.dealer_id),
    changes: event.changes,
    streamId: event.id,
  };
  return JSON.stringify(body);
}
