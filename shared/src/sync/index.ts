/** The Salesforce sync engine: mappings as declarations, BullMQ jobs, checkpoints, conflicts, failures. */
export { createSyncEngine, type ObjectState, type SyncApiUsage, type SyncEngine, type SyncEngineOptions, type SyncRequest, type SyncRunDetail } from './engine.ts';
export { defineMapping, MappingError, type ConflictPolicy, type FieldMapping, type InboundWrites, type SfValues, type SyncDirection, type SyncMapping } from './mapping.ts';
export * as convert from './convert.ts';
export { UnmappableValueError, type FieldConverter, type PicklistOptions, type SfValue } from './convert.ts';
export { compileMappings, type CompiledField, type CompiledMapping } from './compile.ts';
export { readRecord, valuesOfRow, columnsOfValues, payloadOf, type InboundRecord } from './records.ts';
export { canonicalValue, changedFields, sameValue, valuesHash } from './sfValues.ts';
export { defaultTuning, type SyncTuning } from './options.ts';
export type { SyncEvents, SyncJobEvent, SyncJobEventType, SyncMetrics } from './events.ts';
export type { DeadLetter, QueueSettings, WorkerSettings } from './jobs/queue.ts';
export type { ScheduleSettings, TriggerSettings } from './triggers.ts';
export type { RunDirection, RunFilter, RunMode, RunStats, RunStatus, RunTrigger, SyncRun } from './store/runs.ts';
export type { FailureDirection, FailureFilter, FailureStatus, SyncFailure } from './store/failures.ts';
export type { ConflictFilter, ConflictResolution, SyncConflict } from './store/conflicts.ts';
export { syncConfigShape, syncSettingsFromConfig, type SyncConfig } from './config.ts';
export { startSubgraphSync, syncQueueName, type SubgraphSync, type SubgraphSyncOptions } from './subgraphSync.ts';
export { localSyncSurface, SYNC_SURFACE_OPERATIONS, type SyncSurface, type SyncSurfaceOperation } from './surface/surface.ts';
export { remoteSyncSource, type RemoteSyncOptions, type RemoteSyncSource } from './surface/remote.ts';
export { SYNC_SURFACE_PATH, syncSurfaceRoute, type SyncSurfaceRouteOptions } from './surface/route.ts';
export { mergeNewestFirst, type MergedPage, type MergeOptions, type Positions, type SourceRows } from './surface/merge.ts';
export {
  combineSyncSurfaces,
  type CombinedSyncOptions,
  type CombinedSyncSurface,
  type ConflictQuery,
  type FailureQuery,
  type Gathered,
  type PageRequest,
  type SourcedConflict,
  type SourcedFailure,
  type SourcedObjectState,
  type SourcedRun,
  type SourceProblem,
  type SyncSource,
} from './surface/combined.ts';
