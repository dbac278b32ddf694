import type { JobQueueResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.ts';
import { failedJobs, jobQueue, listJobQueues, retryJobs } from '../commands/jobs.ts';

/** The graph's job queues: thin resolvers over `commands/jobs.ts`, which checks the caller on every field. */
export const JobQueueQuery = {
  jobQueues: (_p, _args, ctx) => listJobQueues(ctx),
  jobQueue: (_p, { name }, ctx) => jobQueue(ctx, name),
} satisfies QueryResolvers;

export const JobQueueMutation = {
  retryJobs: (_p, { queue, ids }, ctx) => retryJobs(ctx, queue, ids),
} satisfies MutationResolvers;

export const JobQueue = {
  deadLetters: (state) => state.deadLetterCount,
  failedJobs: (state, args, ctx) => failedJobs(ctx, state.name, args),
} satisfies JobQueueResolvers;
