import { notFound, pageQuery } from '@l2c/shared';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { WEBHOOK_EVENT_TYPES } from '../domain/eventTypes.ts';
import { listDeliveries } from '../store/deliveries.ts';
import { listSubscriptions } from '../store/subscriptions.ts';

/** Every list is scoped to the caller and paginated; single reads go through the request's scoped loaders. */
export const Query = {
  webhookSubscriptions: (_parent, args, ctx) => listSubscriptions(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  webhookSubscription: (_parent, { id }, ctx) => ctx.loaders.subscription.load(id),
  webhookDeliveries: async (_parent, args, ctx) => {
    const subscription = await ctx.loaders.subscription.load(args.subscriptionId);
    if (!subscription) throw notFound('WebhookSubscription', args.subscriptionId, 'subscriptionId');
    return listDeliveries(ctx.store, subscription.id, args.status ?? null, pageQuery(args));
  },
  webhookDelivery: (_parent, { id }, ctx) => ctx.loaders.delivery.load(id),
  webhookEventTypes: () => [...WEBHOOK_EVENT_TYPES],
} satisfies QueryResolvers;
