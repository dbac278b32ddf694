/**
 * The operations view of the graph's job queues: counts, failed jobs and retries, for Salesforce admins and engineers.
 * Queues are read by name through the shared queue inspector (every queue of `JOB_QUEUES`); this subgraph owns the
 * webhook queue, so it knows that a failed delivery job is retried by redelivering the delivery (a new run, whose
 * worker would otherwise skip the failed run's job as finished).
 */
import { badInput, DomainError, ErrorCode, requireRole, type FailedJob, type Identity, type QueueInspector, type QueueState, type RetryOutcome } from '@l2c/shared';
import { WEBHOOK_QUEUE } from '../delivery/queue.ts';
import type { CommandContext } from './context.ts';
import { redeliverWebhookDelivery } from './deliveries.ts';

/** A failed job as the queue inspector reads it (the parent of `FailedJob`). */
export type FailedJobRecord = FailedJob;

export interface FailedJobPage {
  nodes: FailedJob[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface JobsContext extends CommandContext {
  /** Reads the queues; null when this process was started without Redis for it. */
  jobs: QueueInspector | null;
}

export const JOBS_UNAVAILABLE = 'JOBS_UNAVAILABLE';
const MAX_PAGE = 200;

export async function listJobQueues(ctx: JobsContext): Promise<QueueState[]> {
  return inspectorFor(ctx, 'jobQueues').states();
}

export async function jobQueue(ctx: JobsContext, name: string): Promise<QueueState | null> {
  return inspectorFor(ctx, 'jobQueue').state(name);
}

export async function failedJobs(ctx: JobsContext, queue: string, args: { first?: number | null; after?: string | null }): Promise<FailedJobPage> {
  const jobs = inspectorFor(ctx, 'JobQueue.failedJobs');
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', first, `must be between 1 and ${MAX_PAGE}`);
  const offset = args.after ? offsetOf(args.after) : 0;
  const { jobs: nodes, total } = await jobs.failedJobs(queue, offset, first);
  const end = offset + nodes.length;
  return {
    nodes,
    totalCount: total,
    pageInfo: { hasNextPage: end < total, hasPreviousPage: offset > 0, startCursor: nodes.length ? cursorOf(offset + 1) : null, endCursor: nodes.length ? cursorOf(end) : null },
  };
}

/** Retries failed jobs of one queue; what could not be retried is reported with the reason, the rest still retried. */
export async function retryJobs(ctx: JobsContext, queue: string, ids: readonly string[]): Promise<{ retried: string[]; refused: { id: string; reason: string }[] }> {
  const jobs = inspectorFor(ctx, 'retryJobs');
  if (ids.length === 0) throw badInput('ids', ids, 'name at least one failed job');
  if (ids.length > MAX_PAGE) throw badInput('ids', ids.length, `at most ${MAX_PAGE} jobs at once`);
  const outcomes = queue === WEBHOOK_QUEUE ? await redeliverFailed(ctx, jobs, ids) : await jobs.retry(queue, ids);
  return {
    retried: outcomes.filter((o) => o.retried).map((o) => o.id),
    refused: outcomes.flatMap((o) => (o.retried ? [] : [{ id: o.id, reason: o.reason }])),
  };
}

/**
 * A webhook job fails for good when its delivery is dead-lettered: redelivering starts a new run under a new job id,
 * and the failed job is removed (the delivery keeps every attempt). A job that failed for another reason (the store
 * was unreachable) is retried as it is.
 */
async function redeliverFailed(ctx: JobsContext, jobs: QueueInspector, ids: readonly string[]): Promise<RetryOutcome[]> {
  const outcomes: RetryOutcome[] = [];
  for (const id of ids) {
    const job = await jobs.failedJob(WEBHOOK_QUEUE, id);
    const deliveryId = (job?.data as { deliveryId?: unknown } | undefined)?.deliveryId;
    if (!job || typeof deliveryId !== 'string') {
      outcomes.push(...(await jobs.retry(WEBHOOK_QUEUE, [id])));
      continue;
    }
    try {
      await redeliverWebhookDelivery(ctx, deliveryId);
      await job.remove();
      outcomes.push({ id, retried: true });
    } catch (error) {
      if (!(error instanceof DomainError) || error.details.rule !== 'DELIVERY_NOT_DEAD_LETTERED') throw error;
      outcomes.push(...(await jobs.retry(WEBHOOK_QUEUE, [id])));
    }
  }
  return outcomes;
}

function inspectorFor(ctx: { identity: Identity; jobs: QueueInspector | null }, action: string): QueueInspector {
  requireRole(ctx.identity, action, 'sf_admin', 'engineer');
  if (!ctx.jobs) throw new DomainError(ErrorCode.Conflict, `${action}: this notifications process reads no job queues (started without them)`, { rule: JOBS_UNAVAILABLE });
  return ctx.jobs;
}

const cursorOf = (position: number) => Buffer.from(JSON.stringify({ o: position })).toString('base64url');

function offsetOf(cursor: string): number {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // refused below
  }
  throw badInput('after', cursor, 'must be an endCursor of failedJobs');
}
