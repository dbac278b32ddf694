/**
 * `SyncSurface`: what the graph's sync fields ask of one subgraph's sync, whether the engine runs in this process
 * (`localSyncSurface`) or in another subgraph's, reached over its internal listener (`remoteSyncSurface`).
 */
import type { ObjectState, SyncApiUsage, SyncEngine, SyncRequest, SyncRunDetail } from '../engine.ts';
import type { ConflictFilter, ConflictResolution, SyncConflict } from '../store/conflicts.ts';
import type { FailureFilter, SyncFailure } from '../store/failures.ts';
import type { RunFilter, SyncRun } from '../store/runs.ts';

export interface SyncSurface {
  /** The mapped objects' names, parents first. */
  objectNames(): Promise<string[]>;
  startSync(request: SyncRequest): Promise<SyncRun>;
  cancel(runId: string): Promise<SyncRun | null>;
  listRuns(filter?: RunFilter): Promise<SyncRun[]>;
  getRun(runId: string): Promise<SyncRunDetail | null>;
  objectStates(): Promise<ObjectState[]>;
  listFailures(filter?: FailureFilter): Promise<SyncFailure[]>;
  retryFailures(ids: readonly number[], requestedBy?: string | null): Promise<SyncRun[]>;
  skipFailures(ids: readonly number[]): Promise<SyncFailure[]>;
  listConflicts(filter?: ConflictFilter): Promise<SyncConflict[]>;
  resolveConflict(id: number, keep: ConflictResolution, resolvedBy: string, edits?: Readonly<Record<string, string | null>>): Promise<SyncConflict>;
  apiUsage(): Promise<SyncApiUsage | null>;
}

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
