import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { startBackfill } from '../backfill/startBackfill.ts';

export const Mutation = {
  startProcessLogBackfill: (_p, _a, ctx) => startBackfill(ctx),
} satisfies MutationResolvers;
