/**
 * What a sync step (inbound or outbound, one object) works with, and the guard it calls after every page or batch:
 * renew the object's lease, report progress, stop when the run is cancelled, pause near the API limit.
 */
import type { SalesforceClient } from '../../salesforce/client.ts';
import type { ApiUsage } from '../../salesforce/types.ts';
import type { Logger } from '../../logger.ts';
import type { Queryable, Store } from '../../store/store.ts';
import type { CompiledMapping } from '../compile.ts';
import { reserveOf, type SyncTuning } from '../options.ts';
import type { Checkpoint } from '../store/objects.ts';
import { takeLease } from '../store/objects.ts';
import type { RunStats } from '../store/runs.ts';

/** Thrown by the guard when the run was asked to cancel; the job stops where it is. */
export class CancelSignal extends Error {
  override readonly name = 'CancelSignal';
}

/** Thrown when the job must wait (API reserve reached, request limit exceeded); it resumes from its checkpoint. */
export class PauseSignal extends Error {
  override readonly name = 'PauseSignal';
  constructor(
    message: string,
    readonly untilMs: number,
  ) {
    super(message);
  }
}

/** The lease was taken over by another job (this one stalled past its lease): stop without writing more. */
export class LeaseLostSignal extends Error {
  override readonly name = 'LeaseLostSignal';
}

export interface Progress {
  phase: string;
  done: number;
  total: number | null;
}

export interface StepContext {
  store: Store;
  client: SalesforceClient;
  mapping: CompiledMapping;
  mappings: ReadonlyMap<string, CompiledMapping>;
  tuning: SyncTuning;
  logger: Logger;
  /** The job (run) id: owns the lease and the checkpoint. */
  runId: string;
  /** This job's checkpoint from an earlier attempt, or null. */
  checkpoint: Checkpoint | null;
  /** Aborted when the job is cancelled in this process. */
  signal: AbortSignal;
  /** Local ids for records born in Salesforce. */
  newLocalId: () => string;
  /** Counters of the whole job, updated by the steps. */
  stats: RunStats;
  /** Reports progress; resolves to whether the run has been asked to cancel. */
  report(progress: Progress): Promise<{ cancelRequested: boolean }>;
  /** True once this process is shutting down. */
  stopping(): boolean;
}

/** Between pages: lease, progress, cancellation, API reserve. Throws the signal that applies. */
export async function guard(ctx: StepContext, progress: Progress): Promise<void> {
  const lease = await takeLease(ctx.store, ctx.mapping.name, ctx.runId, ctx.tuning.leaseTtlMs);
  if (!lease.held) throw new LeaseLostSignal(`${ctx.mapping.name} is now held by job ${lease.holder}`);
  const { cancelRequested } = await ctx.report(progress);
  if (cancelRequested || ctx.signal.aborted) throw new CancelSignal(`run ${ctx.runId} cancelled`);
  // a process shutting down leaves the job for the next worker, which resumes from the checkpoint just saved
  if (ctx.stopping()) throw new PauseSignal('this worker is shutting down; the job resumes from its checkpoint', Date.now());
  const atReserve = (usage: ApiUsage | null): usage is ApiUsage => !!usage && usage.limit > 0 && usage.limit - usage.used <= reserveOf(ctx.tuning, usage.limit);
  if (atReserve(ctx.client.apiUsage)) {
    // the usage seen with the last call may be old (a job resuming after a pause): ask once before pausing
    const usage = await ctx.client.refreshUsage();
    if (atReserve(usage)) throw new PauseSignal(`API usage ${usage.used}/${usage.limit} reached the reserve of ${reserveOf(ctx.tuning, usage.limit)} calls`, Date.now() + ctx.tuning.pauseMs);
  }
}

/**
 * The job's stats with a page's counters added, stored in the page's transaction (with its checkpoint) so a resumed
 * job neither loses nor repeats counts. The caller adopts them once the transaction has committed.
 */
export async function saveStats(ctx: StepContext, tx: Queryable, add: Record<string, number>): Promise<RunStats> {
  const next: RunStats = { ...ctx.stats };
  addStats(next, add);
  await tx.query('update sync_runs set stats = $2::jsonb, updated_at = now() where id = $1', [ctx.runId, JSON.stringify(next)]);
  return next;
}

/** Adds counters into the job's stats. */
export function addStats(stats: RunStats, add: Record<string, number>): void {
  for (const [key, value] of Object.entries(add)) stats[key] = ((stats[key] as number | undefined) ?? 0) + value;
}
