import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { redeliverWebhookDelivery } from '../commands/deliveries.ts';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  pauseWebhookSubscription,
  resumeWebhookSubscription,
  rotateWebhookSecret,
} from '../commands/subscriptions.ts';

/** Mutations hand their arguments to commands, which check the caller, apply the rules and write in one transaction. */
export const Mutation = {
  createWebhookSubscription: (_p, { input }, ctx) => createWebhookSubscription(ctx, input),
  pauseWebhookSubscription: (_p, { id }, ctx) => pauseWebhookSubscription(ctx, id),
  resumeWebhookSubscription: (_p, { id }, ctx) => resumeWebhookSubscription(ctx, id),
  rotateWebhookSecret: (_p, { id, previousSecretValidForMinutes }, ctx) => rotateWebhookSecret(ctx, id, previousSecretValidForMinutes),
  deleteWebhookSubscription: (_p, { id }, ctx) => deleteWebhookSubscription(ctx, id),
  redeliverWebhookDelivery: (_p, { id }, ctx) => redeliverWebhookDelivery(ctx, id),
} satisfies MutationResolvers;
