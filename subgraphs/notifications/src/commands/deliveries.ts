import { conflict, notFound, requireRole } from '@l2c/shared';
import { initialDeliveryStatus } from '../domain/matching.ts';
import { deliveriesByIds, startNewRun } from '../store/deliveries.ts';
import type { DeliveryRow } from '../store/rows.ts';
import { subscriptionsByIds } from '../store/subscriptions.ts';
import type { CommandContext } from './context.ts';

/**
 * Sends a dead-lettered delivery again: a new run with a fresh series of attempts (numbering continues), queued at
 * once, or held if the subscription is paused. Anything but a dead-lettered delivery is refused (CONFLICT): a pending
 * or retrying one is on its way, and a delivered one was received.
 */
export async function redeliverWebhookDelivery(ctx: CommandContext, id: string): Promise<DeliveryRow> {
  // Engineers retry failed jobs (they do not manage webhooks); partners their own dealer's deliveries.
  requireRole(ctx.identity, 'redeliverWebhookDelivery', 'staff', 'sf_admin', 'partner', 'engineer');
  return ctx.store.transaction(async (tx) => {
    const [seen] = await deliveriesByIds(tx, ctx.scope, [id]);
    if (!seen) throw notFound('WebhookDelivery', id);
    // Subscription before delivery: the lock order of every writer (see processDelivery).
    const [subscription] = await subscriptionsByIds(tx, { kind: 'all' }, [seen.subscription_id], 'share');
    const [delivery] = await deliveriesByIds(tx, ctx.scope, [id], 'update');
    if (!subscription || !delivery) throw notFound('WebhookDelivery', id);
    if (delivery.status !== 'DEAD_LETTERED') {
      throw conflict(`webhook delivery ${id} is ${delivery.status}; only a dead-lettered delivery can be redelivered`, { rule: 'DELIVERY_NOT_DEAD_LETTERED', status: delivery.status });
    }
    const status = initialDeliveryStatus(subscription);
    const redelivered = await startNewRun(tx, id, status);
    // Queued before the commit, as in resumeWebhookSubscription: the job waits for the commit or finds its run stale.
    if (status === 'PENDING') await ctx.queue.enqueue([redelivered]);
    return redelivered;
  });
}
