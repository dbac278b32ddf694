import type { AccountResolvers, WebhookSubscriptionResolvers } from '../__generated__/resolvers-types.ts';

export const WebhookSubscription = {
  __resolveReference: (ref, ctx) => ctx.loaders.subscription.load(ref.id),
  // The CRM subgraph resolves the dealer, through its own scope.
  dealer: (subscription) => (subscription.dealer_id ? { id: subscription.dealer_id } : null),
} satisfies WebhookSubscriptionResolvers;

/** Only a reference (`resolvable: false`): the CRM subgraph owns accounts. */
export const Account = {} satisfies AccountResolvers;
