import type { GraphQLResolveInfo } from 'graphql';
import { reportPartialError, type Gathered, type RunStats, type SfValue, type SourcedRun } from '@l2c/shared';
import type {
  MutationResolvers,
  QueryResolvers,
  SyncConflictResolvers,
  SyncFailureResolvers,
  SyncJobErrorResolvers,
  SyncJobResolvers,
  SyncObjectStateResolvers,
  SyncStatsResolvers,
} from '../__generated__/resolvers-types.ts';
import * as sync from '../commands/sync.ts';
import type { Context } from '../context.ts';

/**
 * The Salesforce sync in the graph, every subgraph's: thin resolvers over `commands/sync.ts`, which checks the caller
 * (sf_admin or engineer) on every field that reaches a sync. Engine values are lower case; the schema's enums upper
 * case. A list some subgraph could not add to answers with the rest, and an error at the field names that subgraph.
 */
export const SyncQuery = {
  syncJob: async (_parent, { id }, ctx, info) => partial(ctx, info, await sync.syncSurfaceFor(ctx, 'syncJob').run(id)),
  syncJobs: async (_parent, args, ctx, info) => partial(ctx, info, await sync.listSyncJobs(ctx, args)),
  syncObjects: async (_parent, _args, ctx, info) => partial(ctx, info, await sync.syncSurfaceFor(ctx, 'syncObjects').objectStates()),
  syncErrors: async (_parent, args, ctx, info) => partial(ctx, info, await sync.listSyncErrors(ctx, args)),
  syncConflicts: async (_parent, args, ctx, info) => partial(ctx, info, await sync.listSyncConflicts(ctx, args)),
  syncApiUsage: (_parent, _args, ctx) => sync.syncSurfaceFor(ctx, 'syncApiUsage').apiUsage(),
} satisfies QueryResolvers;

export const SyncMutation = {
  startSync: (_parent, { input }, ctx) => sync.startSync(ctx, input),
  cancelSync: (_parent, { id }, ctx) => sync.cancelSync(ctx, id),
  retrySyncErrors: (_parent, { ids }, ctx) => sync.retrySyncErrors(ctx, ids),
  skipSyncErrors: (_parent, { ids }, ctx) => sync.skipSyncErrors(ctx, ids),
  resolveSyncConflict: (_parent, { id, keep, values }, ctx) => sync.resolveSyncConflict(ctx, id, keep, values ?? []),
} satisfies MutationResolvers;

export const SyncJob = {
  __resolveReference: async (ref, ctx) => (await sync.syncSurfaceFor(ctx, 'SyncJob').run(ref.id)).value,
  kind: (run) => upper(run.kind),
  parent: (run, _args, ctx) => (run.parentId ? jobOf(ctx, run.subgraph, run.parentId) : null),
  status: (run) => upper(run.status),
  objects: (run) => run.mappings,
  mode: (run) => upper(run.mode),
  direction: (run) => upper(run.direction),
  trigger: (run) => upper(run.trigger),
  children: async (run, _args, ctx) => run.children ?? (await jobOf(ctx, run.subgraph, run.id))?.children ?? [],
} satisfies SyncJobResolvers;

export const SyncJobError = {
  code: (error) => error.errorCode,
} satisfies SyncJobErrorResolvers;

const counter = (name: keyof RunStats & string) => (stats: RunStats) => (typeof stats[name] === 'number' ? stats[name] : 0);

export const SyncStats = {
  inserted: counter('inserted'),
  updated: counter('updated'),
  deleted: counter('deleted'),
  unchanged: counter('unchanged'),
  conflicts: counter('conflicts'),
  merged: counter('merged'),
  held: counter('held'),
  failed: counter('failed'),
  skipped: counter('skipped'),
  pushedCreated: counter('pushedCreated'),
  pushedUpdated: counter('pushedUpdated'),
  pushedDeleted: counter('pushedDeleted'),
  pushUnchanged: counter('pushUnchanged'),
  pushFailed: counter('pushFailed'),
  pushDeferred: counter('pushDeferred'),
  objects: (stats) => Object.entries(stats.objects ?? {}).map(([object, status]) => ({ object, status })),
} satisfies SyncStatsResolvers;

export const SyncObjectState = {
  object: (state) => state.mapping,
  direction: (state) => upper(state.direction),
  lastJob: (state, _args, ctx) => (state.lastRunId ? jobOf(ctx, state.subgraph, state.lastRunId) : null),
  runningJobId: (state) => state.runningJob,
} satisfies SyncObjectStateResolvers;

export const SyncFailure = {
  object: (failure) => failure.mapping,
  direction: (failure) => upper(failure.direction),
  status: (failure) => upper(failure.status),
  job: (failure, _args, ctx) => (failure.runId ? jobOf(ctx, failure.subgraph, failure.runId) : null),
} satisfies SyncFailureResolvers;

export const SyncConflict = {
  object: (conflict) => conflict.mapping,
  status: (conflict) => upper(conflict.status),
  resolution: (conflict) => (conflict.resolution ? upper(conflict.resolution) : null),
  // Fields in conflict first, then the rest by name.
  versions: (conflict) => {
    const names = new Set([...Object.keys(conflict.base), ...Object.keys(conflict.localVersion), ...Object.keys(conflict.salesforceVersion)]);
    const inConflict = new Set(conflict.fields);
    return [...names]
      .sort((a, b) => Number(inConflict.has(b)) - Number(inConflict.has(a)) || a.localeCompare(b))
      .map((field) => ({
        field,
        base: text(conflict.base[field]),
        local: text(conflict.localVersion[field]),
        salesforce: text(conflict.salesforceVersion[field]),
        inConflict: inConflict.has(field),
      }));
  },
  job: (conflict, _args, ctx) => (conflict.runId ? jobOf(ctx, conflict.subgraph, conflict.runId) : null),
} satisfies SyncConflictResolvers;

/** A job of the subgraph whose row names it. */
function jobOf(ctx: Context, subgraph: string, id: string): Promise<SourcedRun | null> {
  return sync.syncSurfaceFor(ctx, 'SyncJob').runOf(subgraph, id);
}

/** The part gathered; each subgraph that did not answer becomes an error at this field, beside the data. */
function partial<T>(ctx: Context, info: GraphQLResolveInfo, { value, missing }: Gathered<T>): T {
  for (const m of missing) reportPartialError(ctx, info, `${info.fieldName}: ${m.subgraph}'s sync is missing from this answer: ${m.message}`, { code: m.code, subgraph: m.subgraph });
  return value;
}

function upper<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}

function text(value: SfValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
