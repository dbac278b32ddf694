/**
 * The Salesforce sync as the graph offers it, for Salesforce admins and engineers only: every subgraph's sync (CRM's
 * in this process, the others' over their internal listeners) through the combined surface of `@l2c/shared`. Reads
 * answer with what the subgraphs that answered returned and name the others (`missing`); a CRM process with no sync
 * to reach answers `SYNC_DISABLED`.
 */
import { GraphQLError } from 'graphql';
import {
  badInput,
  notFound,
  requireRole,
  type CombinedSyncSurface,
  type FailureDirection,
  type FailureStatus,
  type Gathered,
  type Identity,
  type MergedPage,
  type Positions,
  type RunDirection,
  type RunStatus,
  type SourcedConflict,
  type SourcedFailure,
  type SourcedRun,
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
export type SyncJobPage = Page<SourcedRun>;
export type SyncFailurePage = Page<SourcedFailure>;
export type SyncConflictPage = Page<SourcedConflict>;

/** Who asks and the sync they reach, when there is one. */
export interface SyncCommandContext {
  identity: Identity;
  sync?: CombinedSyncSurface | null;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const SYNC_DISABLED = 'SYNC_DISABLED';
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

/** The sync, for a caller who may use it: `FORBIDDEN` for anyone but sf_admin and engineer, then `SYNC_DISABLED`. */
export function syncSurfaceFor(ctx: SyncCommandContext, action: string): CombinedSyncSurface {
  requireRole(ctx.identity, action, 'sf_admin', 'engineer');
  if (!ctx.sync) {
    throw new GraphQLError(`${action}: the Salesforce sync is not running in this CRM process (SYNC_ENABLED=false) and no other subgraph's sync is configured`, { extensions: { code: SYNC_DISABLED } });
  }
  return ctx.sync;
}

export async function startSync(ctx: SyncCommandContext, input: { objects: readonly string[]; mode?: string | null; direction?: string | null }): Promise<SourcedRun> {
  const sync = syncSurfaceFor(ctx, 'startSync');
  if (input.objects.length === 0) throw badInput('input.objects', input.objects, 'name at least one object, or `all`');
  if (input.mode === 'RECORDS') throw badInput('input.mode', input.mode, 'must be FULL or INCREMENTAL (RECORDS is for retries)');
  return sync.startSync({
    objects: input.objects,
    ...(input.mode ? { mode: input.mode.toLowerCase() as 'full' | 'incremental' } : {}),
    ...(input.direction ? { direction: input.direction.toLowerCase() as RunDirection } : {}),
    requestedBy: ctx.identity.subject,
  });
}

export async function cancelSync(ctx: SyncCommandContext, id: string): Promise<SourcedRun> {
  const run = await syncSurfaceFor(ctx, 'cancelSync').cancel(id);
  if (!run) throw notFound('SyncJob', id, 'id');
  return run;
}

export function retrySyncErrors(ctx: SyncCommandContext, ids: readonly string[]): Promise<SourcedRun[]> {
  return syncSurfaceFor(ctx, 'retrySyncErrors').retryFailures(ids, ctx.identity.subject);
}

export function skipSyncErrors(ctx: SyncCommandContext, ids: readonly string[]): Promise<SourcedFailure[]> {
  return syncSurfaceFor(ctx, 'skipSyncErrors').skipFailures(ids);
}

export function resolveSyncConflict(ctx: SyncCommandContext, id: string, keep: 'SALESFORCE' | 'LOCAL', values: readonly { field: string; value?: string | null }[] = []): Promise<SourcedConflict> {
  const sync = syncSurfaceFor(ctx, 'resolveSyncConflict');
  const edits: Record<string, string | null> = {};
  for (const [i, { field, value }] of values.entries()) {
    if (field in edits) throw badInput(`values[${i}].field`, field, 'names a field already given');
    edits[field] = value ?? null;
  }
  return sync.resolveConflict(id, keep === 'LOCAL' ? 'local' : 'salesforce', ctx.identity.subject, edits);
}

/** Top-level jobs of every subgraph (what a person, a schedule or a change event started), newest first. */
export async function listSyncJobs(ctx: SyncCommandContext, args: PageArgs & { status?: readonly string[] | null }): Promise<Gathered<SyncJobPage>> {
  const sync = syncSurfaceFor(ctx, 'syncJobs');
  const limit = pageSize(args.first);
  const status = args.status?.map((s) => s.toLowerCase() as RunStatus);
  return connection(await sync.runs(status?.length ? { status } : {}, { limit, ...after(args.after) }));
}

export async function listSyncErrors(
  ctx: SyncCommandContext,
  args: PageArgs & { filter?: { object?: string | null; direction?: string | null; status?: readonly string[] | null; errorCode?: string | null; search?: string | null } | null },
): Promise<Gathered<SyncFailurePage>> {
  const sync = syncSurfaceFor(ctx, 'syncErrors');
  const limit = pageSize(args.first);
  const f = args.filter ?? {};
  const query = {
    ...(f.object ? { object: f.object } : {}),
    ...(f.direction ? { direction: f.direction.toLowerCase() as FailureDirection } : {}),
    ...(f.status?.length ? { status: f.status.map((s) => s.toLowerCase() as FailureStatus) } : {}),
    ...(f.errorCode ? { errorCode: f.errorCode } : {}),
    ...(f.search?.trim() ? { search: f.search.trim() } : {}),
  };
  return connection(await sync.failures(query, { limit, ...after(args.after) }));
}

export async function listSyncConflicts(ctx: SyncCommandContext, args: PageArgs & { filter?: { object?: string | null; status?: string | null } | null }): Promise<Gathered<SyncConflictPage>> {
  const sync = syncSurfaceFor(ctx, 'syncConflicts');
  const limit = pageSize(args.first);
  const f = args.filter ?? {};
  const query = { ...(f.object ? { object: f.object } : {}), ...(f.status ? { status: f.status.toLowerCase() as 'open' | 'resolved' } : {}) };
  return connection(await sync.conflicts(query, { limit, ...after(args.after) }));
}

function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', first, `must be between 1 and ${MAX_PAGE}`);
  return first;
}

/** A merged page as a connection: its cursors hold every subgraph's position. */
function connection<T>({ value, missing }: Gathered<MergedPage<T>>): Gathered<Page<T>> {
  return {
    value: {
      nodes: value.nodes.map((n) => n.row),
      pageInfo: { hasNextPage: value.hasNextPage, hasPreviousPage: false, startCursor: value.start ? encode(value.start) : null, endCursor: value.nodes.length ? encode(value.end) : null },
    },
    missing,
  };
}

const encode = (positions: Positions): string => Buffer.from(JSON.stringify({ p: positions })).toString('base64url');

function after(cursor: string | null | undefined): { after?: Positions } {
  if (!cursor) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const positions = (value as { p?: unknown } | null)?.p;
    if (typeof positions === 'object' && positions !== null && !Array.isArray(positions)) return { after: positions as Positions };
  } catch {
    // refused below
  }
  throw badInput('after', cursor, 'must be an endCursor this list returned');
}
