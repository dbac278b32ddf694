/**
 * The sync surface over JSON: dates travel as ISO strings and are read back into `Date`s field by field (never by
 * guessing from a string's look: a conflict's Salesforce values are text and stay text).
 */
import type { ObjectState, SyncRunDetail } from '../engine.ts';
import type { SyncConflict } from '../store/conflicts.ts';
import type { SyncFailure } from '../store/failures.ts';
import type { RunFilter, SyncRun } from '../store/runs.ts';
import type { SyncSurfaceOperation } from './surface.ts';

/** What the internal route answers: the operation's result, or the error with its code and details. */
export type WireAnswer = { result: unknown } | { error: { code: string; message: string; details?: Record<string, unknown> } };

const date = (value: unknown): Date => new Date(value as string);
const maybeDate = (value: unknown): Date | null => (value == null ? null : date(value));

export function readRun(value: unknown): SyncRun {
  const run = value as SyncRun;
  return { ...run, queuedAt: date(run.queuedAt), startedAt: maybeDate(run.startedAt), finishedAt: maybeDate(run.finishedAt), updatedAt: date(run.updatedAt) };
}

function readRunDetail(value: unknown): SyncRunDetail | null {
  if (value == null) return null;
  const detail = value as SyncRunDetail;
  return { ...readRun(detail), children: (detail.children ?? []).map(readRun) };
}

function readObjectState(value: unknown): ObjectState {
  const s = value as ObjectState;
  return {
    ...s,
    watermark: maybeDate(s.watermark),
    lastSuccessAt: maybeDate(s.lastSuccessAt),
    lastFullAt: maybeDate(s.lastFullAt),
    lastInboundAt: maybeDate(s.lastInboundAt),
    lastOutboundAt: maybeDate(s.lastOutboundAt),
    nextScheduledAt: maybeDate(s.nextScheduledAt),
  };
}

function readFailure(value: unknown): SyncFailure {
  const f = value as SyncFailure;
  return { ...f, firstSeenAt: date(f.firstSeenAt), lastSeenAt: date(f.lastSeenAt), resolvedAt: maybeDate(f.resolvedAt) };
}

function readConflict(value: unknown): SyncConflict {
  const c = value as SyncConflict;
  return { ...c, localModifiedAt: maybeDate(c.localModifiedAt), salesforceModifiedAt: maybeDate(c.salesforceModifiedAt), detectedAt: date(c.detectedAt), resolvedAt: maybeDate(c.resolvedAt) };
}

const list =
  <T>(read: (value: unknown) => T) =>
  (value: unknown): T[] =>
    (value as unknown[]).map(read);

/** Reads an operation's result as it came over the wire. */
export const readResult: Record<SyncSurfaceOperation, (value: unknown) => unknown> = {
  objectNames: (value) => value,
  startSync: readRun,
  cancel: (value) => (value == null ? null : readRun(value)),
  listRuns: list(readRun),
  getRun: readRunDetail,
  objectStates: list(readObjectState),
  listFailures: list(readFailure),
  retryFailures: list(readRun),
  skipFailures: list(readFailure),
  listConflicts: list(readConflict),
  resolveConflict: readConflict,
  apiUsage: (value) => value ?? null,
};

/** Reads an operation's arguments as they came over the wire (only `listRuns`' position carries a date). */
export function readArguments(op: SyncSurfaceOperation, args: unknown[]): unknown[] {
  if (op !== 'listRuns' || !args[0]) return args;
  const filter = args[0] as RunFilter;
  return [filter.before ? { ...filter, before: { queuedAt: date(filter.before.queuedAt), id: filter.before.id } } : filter];
}
