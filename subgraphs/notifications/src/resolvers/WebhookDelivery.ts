import type { WebhookDeliveryResolvers } from '../__generated__/resolvers-types.ts';
import { webhookBody } from '../domain/payload.ts';

export const WebhookDelivery = {
  __resolveReference: (ref, ctx) => ctx.loaders.delivery.load(ref.id),
  subscription: (delivery, _args, ctx) => ctx.loaders.subscription.load(delivery.subscription_id),
  payload: async (delivery, _args, ctx) => {
    const subscription = await ctx.loaders.subscription.load(delivery.subscription_id);
    // A delivery is visible only through a subscription the caller sees, so the subscription is there.
    return webhookBody(delivery.event, { dealer_id: subscription?.dealer_id ?? null });
  },
  attempts: (delivery, _args, ctx) => ctx.loaders.deliveryAttempts.load(delivery.id),
} satisfies WebhookDeliveryResolvers;
