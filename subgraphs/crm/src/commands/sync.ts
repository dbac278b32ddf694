/**
 * The Salesforce sync as the graph offers it: every read and command goes through the sync engine's public API, for
 * Salesforce admins and engineers only. A CRM process running without the sync answers `SYNC_DISABLED`.
 */
import { GraphQLError } from 'graphql';
import {
  badInput,
  notFound,
  requireRole,
  type FailureDirection,
  type FailureStatus,
  type Identity,
  type RunDirection,
  type RunStatus,
  type SyncConflict,
  type SyncEngine,
  type SyncFailure,
  type SyncRun,
} from '@l2c/shared';

/** A job's or an object's last error, as the engine records it. */
export interface SyncErrorInfo {
  errorCode: string;
  message: string;
  retryable?: boolean;
}

/** One page of a list, newest first; `after` continues from `endCursor`. */
export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
export type SyncJobPage = Page<SyncRun>;
export type SyncFailurePage = Page<SyncFailure>;
export type SyncConflictPage = Page<SyncConflict>;

/** Who asks and the engine, when this process runs the sync. */
export interface SyncCommandContext {
  identity: Identity;
  sync?: SyncEngine | null;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const SYNC_DISABLED = 'SYNC_DISABLED';
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

/** The engine, for a caller who may use it: `FORBIDDEN` for anyone but sf_admin and engineer, then `SYNC_DISABLED`. */
export function syncEngineFor(ctx: SyncCommandContext, action: string): SyncEngine {
  requireRole(ctx.identity, action, 'sf_admin', 'engineer');
  if (!ctx.sync) {
    throw new GraphQLError(`${action}: the Salesforce sync is not running in this CRM process (SYNC_ENABLED=false)`, { extensions: { code: SYNC_DISABLED } });
  }
  return ctx.sync;
}

export async function startSync(ctx: SyncCommandContext, input: { objects: readonly string[]; mode?: string | null; direction?: string | null }): Promise<SyncRun> {
  const engine = syncEngineFor(ctx, 'startSync');
  if (input.objects.length === 0) throw badInput('input.objects', input.objects, 'name at least one object, or `all`');
  if (input.mode === 'RECORDS') throw badInput('input.mode', input.mode, 'must be FULL or INCREMENTAL (RECORDS is for retries)');
  const objects = input.objects.length === 1 && input.objects[0]?.toLowerCase() === 'all' ? 'all' : input.objects;
  return engine.startSync({
    objects,
    ...(input.mode ? { mode: input.mode.toLowerCase() as 'full' | 'incremental' } : {}),
    ...(input.direction ? { direction: input.direction.toLowerCase() as RunDirection } : {}),
    requestedBy: ctx.identity.subject,
  });
}

export async function cancelSync(ctx: SyncCommandContext, id: string): Promise<SyncRun> {
  const run = await syncEngineFor(ctx, 'cancelSync').cancel(id);
  if (!run) throw notFound('SyncJob', id, 'id');
  return run;
}

export function retrySyncErrors(ctx: SyncCommandContext, ids: readonly string[]): Promise<SyncRun[]> {
  return syncEngineFor(ctx, 'retrySyncErrors').retryFailures(numericIds('ids', ids), ctx.identity.subject);
}

export function skipSyncErrors(ctx: SyncCommandContext, ids: readonly string[]): Promise<SyncFailure[]> {
  return syncEngineFor(ctx, 'skipSyncErrors').skipFailures(numericIds('ids', ids));
}

export function resolveSyncConflict(ctx: SyncCommandContext, id: string, keep: 'SALESFORCE' | 'LOCAL', values: readonly { field: string; value?: string | null }[] = []): Promise<SyncConflict> {
  const engine = syncEngineFor(ctx, 'resolveSyncConflict');
  const [conflictId] = numericIds('id', [id]);
  const edits: Record<string, string | null> = {};
  for (const [i, { field, value }] of values.entries()) {
    if (field in edits) throw badInput(`values[${i}].field`, field, 'names a field already given');
    edits[field] = value ?? null;
  }
  return engine.resolveConflict(conflictId!, keep === 'LOCAL' ? 'local' : 'salesforce', ctx.identity.subject, edits);
}

/** Top-level jobs (what a person, the schedule or a change event started), newest first; a run's jobs are its `children`. */
export async function listSyncJobs(ctx: SyncCommandContext, args: PageArgs & { status?: readonly string[] | null }): Promise<SyncJobPage> {
  const engine = syncEngineFor(ctx, 'syncJobs');
  const limit = pageSize(args.first);
  const before = args.after ? jobCursor(args.after) : undefined;
  const status = args.status?.map((s) => s.toLowerCase() as RunStatus);
  const runs = await engine.listRuns({ topLevel: true, limit: limit + 1, ...(status?.length ? { status } : {}), ...(before ? { before } : {}) });
  return page(runs, limit, (run) => encode({ q: run.queuedAt.toISOString(), id: run.id }));
}

export async function listSyncErrors(
  ctx: SyncCommandContext,
  args: PageArgs & { filter?: { object?: string | null; direction?: string | null; status?: readonly string[] | null; errorCode?: string | null; search?: string | null } | null },
): Promise<SyncFailurePage> {
  const engine = syncEngineFor(ctx, 'syncErrors');
  const limit = pageSize(args.first);
  const f = args.filter ?? {};
  const failures = await engine.listFailures({
    limit: limit + 1,
    ...(args.after ? { before: idCursor(args.after) } : {}),
    ...(f.object ? { mapping: f.object } : {}),
    ...(f.direction ? { direction: f.direction.toLowerCase() as FailureDirection } : {}),
    ...(f.status?.length ? { status: f.status.map((s) => s.toLowerCase() as FailureStatus) } : {}),
    ...(f.errorCode ? { errorCode: f.errorCode } : {}),
    ...(f.search?.trim() ? { search: f.search.trim() } : {}),
  });
  return page(failures, limit, (failure) => encode({ id: failure.id }));
}

export async function listSyncConflicts(ctx: SyncCommandContext, args: PageArgs & { filter?: { object?: string | null; status?: string | null } | null }): Promise<SyncConflictPage> {
  const engine = syncEngineFor(ctx, 'syncConflicts');
  const limit = pageSize(args.first);
  const f = args.filter ?? {};
  const conflicts = await engine.listConflicts({
    limit: limit + 1,
    ...(args.after ? { before: idCursor(args.after) } : {}),
    ...(f.object ? { mapping: f.object } : {}),
    ...(f.status ? { status: f.status.toLowerCase() as 'open' | 'resolved' } : {}),
  });
  return page(conflicts, limit, (conflict) => encode({ id: conflict.id }));
}

function numericIds(field: string, ids: readonly string[]): number[] {
  return ids.map((id) => {
    if (!/^[1-9][0-9]{0,15}$/.test(id)) throw badInput(field, id, 'must be a sync error or conflict id (a whole number)');
    return Number(id);
  });
}

function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', first, `must be between 1 and ${MAX_PAGE}`);
  return first;
}

function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, limit);
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: false, startCursor: first ? cursorOf(first) : null, endCursor: last ? cursorOf(last) : null },
  };
}

const encode = (value: Record<string, unknown>): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // refused below
  }
  throw badInput('after', cursor, 'must be an endCursor this list returned');
}

function jobCursor(cursor: string): { queuedAt: Date; id: string } {
  const { q, id } = decode(cursor);
  const queuedAt = typeof q === 'string' ? new Date(q) : null;
  if (!queuedAt || Number.isNaN(queuedAt.getTime()) || typeof id !== 'string') throw badInput('after', cursor, 'must be an endCursor of syncJobs');
  return { queuedAt, id };
}

function idCursor(cursor: string): number {
  const { id } = decode(cursor);
  if (typeof id !== 'number' || !Number.isInteger(id)) throw badInput('after', cursor, 'must be an endCursor this list returned');
  return id;
}
