/**
 * `SyncSurface`: what the graph's sync fields ask of one subgraph's sync, whether the engine runs in this process
 * (`localSyncSurface`) or in another subgraph's, reached over its internal listener (`remoteSyncSurface`).
 */
import type { SyncEngine } from '../engine.ts';

/** The engine's methods the graph's sync fields use, as the engine declares them, and the mapped objects' names. */
export type SyncSurface = Pick<
  SyncEngine,
  'startSync' | 'cancel' | 'listRuns' | 'getRun' | 'objectStates' | 'listFailures' | 'retryFailures' | 'skipFailures' | 'listConflicts' | 'resolveConflict' | 'apiUsage'
> & {
  /** The mapped objects' names, parents first. */
  objectNames(): Promise<string[]>;
};

/** The operations a surface answers, by name (the internal route's vocabulary). */
export const SYNC_SURFACE_OPERATIONS = [
  'objectNames',
  'startSync',
  'cancel',
  'listRuns',
  'getRun',
  'objectStates',
  'listFailures',
  'retryFailures',
  'skipFailures',
  'listConflicts',
  'resolveConflict',
  'apiUsage',
] as const satisfies readonly (keyof SyncSurface)[];
export type SyncSurfaceOperation = (typeof SYNC_SURFACE_OPERATIONS)[number];

/** The surface of an engine running in this process. */
export function localSyncSurface(engine: SyncEngine): SyncSurface {
  return {
    objectNames: async () => engine.mappings.map((m) => m.name),
    startSync: (request) => engine.startSync(request),
    cancel: (runId) => engine.cancel(runId),
    listRuns: (filter) => engine.listRuns(filter),
    getRun: (runId) => engine.getRun(runId),
    objectStates: () => engine.objectStates(),
    listFailures: (filter) => engine.listFailures(filter),
    retryFailures: (ids, requestedBy) => engine.retryFailures(ids, requestedBy),
    skipFailures: (ids) => engine.skipFailures(ids),
    listConflicts: (filter) => engine.listConflicts(filter),
    resolveConflict: (id, keep, resolvedBy, edits) => engine.resolveConflict(id, keep, resolvedBy, edits),
    apiUsage: () => engine.apiUsage(),
  };
}
