import { DateTimeScalar } from '@l2c/shared';
import type { FederatedResolvers, Resolvers } from '../__generated__/resolvers-types.ts';
import { JobQueue, JobQueueMutation, JobQueueQuery } from './JobQueue.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { WebhookDelivery } from './WebhookDelivery.ts';
import { Account, WebhookSubscription } from './WebhookSubscription.ts';

/** The notifications resolver map: every `@key` entity resolves references through the request's scoped loaders. */
export const resolvers = {
  DateTime: DateTimeScalar,
  Query: { ...Query, ...JobQueueQuery },
  Mutation: { ...Mutation, ...JobQueueMutation },
  JobQueue,
  Account,
  WebhookSubscription,
  WebhookDelivery,
} satisfies Resolvers & FederatedResolvers;
