import type { RunStats, SfValue, SyncRun } from '@l2c/shared';
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
 * The Salesforce sync in the graph: thin resolvers over `commands/sync.ts`, which checks the caller (sf_admin or
 * engineer) on every field that reaches the engine. Engine values are lower case; the schema's enums upper case.
 */
export const SyncQuery = {
  syncJob: (_parent, { id }, ctx) => sync.syncEngineFor(ctx, 'syncJob').getRun(id),
  syncJobs: (_parent, args, ctx) => sync.listSyncJobs(ctx, args),
  syncObjects: (_parent, _args, ctx) => sync.syncEngineFor(ctx, 'syncObjects').objectStates(),
  syncErrors: (_parent, args, ctx) => sync.listSyncErrors(ctx, args),
  syncConflicts: (_parent, args, ctx) => sync.listSyncConflicts(ctx, args),
  syncApiUsage: (_parent, _args, ctx) => sync.syncEngineFor(ctx, 'syncApiUsage').apiUsage(),
} satisfies QueryResolvers;

export const SyncMutation = {
  startSync: (_parent, { input }, ctx) => sync.startSync(ctx, input),
  cancelSync: (_parent, { id }, ctx) => sync.cancelSync(ctx, id),
  retrySyncErrors: (_parent, { ids }, ctx) => sync.retrySyncErrors(ctx, ids),
  skipSyncErrors: (_parent, { ids }, ctx) => sync.skipSyncErrors(ctx, ids),
  resolveSyncConflict: (_parent, { id, keep, values }, ctx) => sync.resolveSyncConflict(ctx, id, keep, values ?? []),
} satisfies MutationResolvers;

export const SyncJob = {
  __resolveReference: (ref, ctx) => sync.syncEngineFor(ctx, 'SyncJob').getRun(ref.id),
  kind: (run) => upper(run.kind),
  parent: (run, _args, ctx) => (run.parentId ? jobById(ctx, run.parentId) : null),
  status: (run) => upper(run.status),
  objects: (run) => run.mappings,
  mode: (run) => upper(run.mode),
  direction: (run) => upper(run.direction),
  trigger: (run) => upper(run.trigger),
  children: async (run, _args, ctx) => ('children' in run && Array.isArray(run.children) ? (run.children as SyncRun[]) : ((await jobById(ctx, run.id))?.children ?? [])),
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
  lastJob: (state, _args, ctx) => (state.lastRunId ? jobById(ctx, state.lastRunId) : null),
  runningJobId: (state) => state.runningJob,
} satisfies SyncObjectStateResolvers;

export const SyncFailure = {
  id: (failure) => String(failure.id),
  object: (failure) => failure.mapping,
  direction: (failure) => upper(failure.direction),
  status: (failure) => upper(failure.status),
  job: (failure, _args, ctx) => (failure.runId ? jobById(ctx, failure.runId) : null),
} satisfies SyncFailureResolvers;

export const SyncConflict = {
  id: (conflict) => String(conflict.id),
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
  job: (conflict, _args, ctx) => (conflict.runId ? jobById(ctx, conflict.runId) : null),
} satisfies SyncConflictResolvers;

function jobById(ctx: Context, id: string) {
  return sync.syncEngineFor(ctx, 'SyncJob').getRun(id);
}

function upper<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}

function text(value: SfValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
