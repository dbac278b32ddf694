import { forbidden, notFound, optionalText, requiredText, type Queryable } from '@l2c/shared';
import { newSigningSecret } from '../domain/signature.ts';
import { eventTypesValue, previousSecretMinutes, webhookUrl } from '../domain/subscriptionInput.ts';
import { releaseHeldDeliveries } from '../store/deliveries.ts';
import type { SecretPayload, SubscriptionRow } from '../store/rows.ts';
import { deleteSubscriptionRow, insertSubscription, subscriptionsByIds, updateSubscriptionRow } from '../store/subscriptions.ts';
import { assertCanManage, clock, idSource, type CommandContext } from './context.ts';

export interface CreateWebhookSubscriptionInput {
  url: string;
  eventTypes: readonly string[];
  description?: string | null;
  dealerId?: string | null;
}

/**
 * Registers a webhook and answers its signing secret, the only time it is shown (it is stored encrypted). A partner's
 * webhook is for its own dealer; staff may register one for a dealer, or an internal one (no dealer: every event of its
 * types).
 */
export async function createWebhookSubscription(ctx: CommandContext, input: CreateWebhookSubscriptionInput): Promise<SecretPayload> {
  assertCanManage(ctx, 'createWebhookSubscription');
  const url = webhookUrl('input.url', input.url);
  const eventTypes = eventTypesValue('input.eventTypes', input.eventTypes);
  const description = optionalText('input.description', input.description, 500) ?? null;
  let dealerId: string | null;
  if (ctx.scope.kind === 'dealer') {
    if (input.dealerId != null && input.dealerId !== ctx.scope.dealerAccountId) {
      throw forbidden(`input.dealerId: a partner registers webhooks for its own dealer ${ctx.scope.dealerAccountId} only`);
    }
    dealerId = ctx.scope.dealerAccountId;
  } else {
    dealerId = input.dealerId == null ? null : requiredText('input.dealerId', input.dealerId, 100);
  }
  const id = idSource(ctx)();
  const secret = newSigningSecret();
  const subscription = await insertSubscription(ctx.store, {
    id,
    url,
    event_types: eventTypes,
    description,
    status: 'ACTIVE',
    dealer_id: dealerId,
    secret_ciphertext: ctx.secrets.seal(secret, id),
    previous_secret_ciphertext: null,
    previous_secret_expires_at: null,
    created_by: ctx.identity.subject,
  });
  return { subscription, secret };
}

/** Holds deliveries until the subscription is resumed. Pausing a paused subscription changes nothing. */
export async function pauseWebhookSubscription(ctx: CommandContext, id: string): Promise<SubscriptionRow> {
  assertCanManage(ctx, 'pauseWebhookSubscription');
  return ctx.store.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, ctx, id);
    if (subscription.status === 'PAUSED') return subscription;
    // Deliveries already queued are held by the worker when their turn comes (it re-reads the status).
    return updateSubscriptionRow(tx, id, { status: 'PAUSED' });
  });
}

/** Resumes deliveries and queues the held ones, oldest first. Resuming an active subscription changes nothing. */
export async function resumeWebhookSubscription(ctx: CommandContext, id: string): Promise<SubscriptionRow> {
  assertCanManage(ctx, 'resumeWebhookSubscription');
  return ctx.store.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, ctx, id);
    if (subscription.status === 'ACTIVE') return subscription;
    const resumed = await updateSubscriptionRow(tx, id, { status: 'ACTIVE' });
    // Queued before the commit, so a crash right after it cannot strand released deliveries without a job. A job that
    // starts before the commit waits for it (the worker share-locks the subscription), and one whose transaction rolled
    // back finds its run stale and does nothing.
    await ctx.queue.enqueue(await releaseHeldDeliveries(tx, id));
    return resumed;
  });
}

/**
 * Issues a new signing secret and answers it, the only time it is shown. The old one stops signing at once, or keeps
 * signing beside the new one for `previousSecretValidForMinutes`, so a receiver can switch without dropping deliveries.
 */
export async function rotateWebhookSecret(ctx: CommandContext, id: string, previousSecretValidForMinutes?: number | null): Promise<SecretPayload> {
  assertCanManage(ctx, 'rotateWebhookSecret');
  const minutes = previousSecretMinutes('previousSecretValidForMinutes', previousSecretValidForMinutes);
  const now = clock(ctx);
  return ctx.store.transaction(async (tx) => {
    const current = await lockSubscription(tx, ctx, id);
    const secret = newSigningSecret();
    const subscription = await updateSubscriptionRow(tx, id, {
      secret_ciphertext: ctx.secrets.seal(secret, id),
      secret_created_at: now,
      previous_secret_ciphertext: minutes > 0 ? current.secret_ciphertext : null,
      previous_secret_expires_at: minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null,
    });
    return { subscription, secret };
  });
}

/** Deletes the subscription and its delivery history; queued jobs for it find nothing and do nothing. */
export async function deleteWebhookSubscription(ctx: CommandContext, id: string): Promise<string> {
  assertCanManage(ctx, 'deleteWebhookSubscription');
  return ctx.store.transaction(async (tx) => {
    await lockSubscription(tx, ctx, id);
    await deleteSubscriptionRow(tx, id);
    return id;
  });
}

/** The subscription, locked for the rest of the transaction; NOT_FOUND when it does not exist or the caller may not see it. */
async function lockSubscription(tx: Queryable, ctx: CommandContext, id: string): Promise<SubscriptionRow> {
  const [subscription] = await subscriptionsByIds(tx, ctx.scope, [id], 'update');
  if (!subscription) throw notFound('WebhookSubscription', id);
  return subscription;
}
