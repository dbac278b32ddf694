/**
 * The `object` job: one mapping, inbound then outbound (conflicts are seen on the way in, so the push that follows
 * carries the merged state). Holds the object's lease for its whole run, resumes from its own checkpoint, pauses
 * near the API limit, stops when cancelled, and fails for good only on errors a retry cannot fix.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { SalesforceClient, type CallCounter } from '../../salesforce/client.ts';
import { SalesforceError } from '../../salesforce/errors.ts';
import { MappingError } from '../mapping.ts';
import { runInbound } from '../steps/inboundStep.ts';
import { runOutbound } from '../steps/outboundStep.ts';
import { runRecords } from '../steps/recordsStep.ts';
import { finishObject, readObject, releaseLease, saveCheckpoint, takeLease } from '../store/objects.ts';
import { getRun, insertRun, updateRun, type RunStats, type RunStatus } from '../store/runs.ts';
import type { SyncRuntime } from './runtime.ts';
import { CancelSignal, guard, LeaseLostSignal, PauseSignal, type StepContext } from './stepContext.ts';
import type { ObjectJobData } from './types.ts';

export async function processObjectJob(rt: SyncRuntime, job: Job<ObjectJobData>, token: string | undefined, signal: AbortSignal): Promise<RunStats> {
  const data = job.data;
  const runId = job.id!;
  const mapping = rt.mappings.get(data.mapping);
  if (!mapping) throw new UnrecoverableError(`no mapping named ${data.mapping}`);
  await insertRun(rt.store, { id: runId, parentId: data.parentRunId ?? null, kind: 'object', mappings: [mapping.name], mode: data.mode, direction: data.direction, trigger: data.trigger, requestedBy: data.requestedBy });
  const run = (await getRun(rt.store, runId))!;
  const base = { runId, parentId: run.parentId, mappings: run.mappings };
  if (run.cancelRequested) return finish(rt, job, 'cancelled', run.stats, run.apiCalls, null);

  const lease = await takeLease(rt.store, mapping.name, runId, rt.tuning.leaseTtlMs);
  if (!lease.held) {
    await updateRun(rt.store, runId, { status: 'queued', phase: `waiting: ${mapping.name} is being synced by job ${lease.holder}` });
    await job.moveToDelayed(Date.now() + rt.tuning.leaseRetryMs, token);
    throw new DelayedError();
  }
  const state = await readObject(rt.store, mapping.name);
  const checkpoint = state?.checkpoint?.jobId === runId ? state.checkpoint : null;
  const counter: CallCounter = { calls: run.apiCalls };
  const stats: RunStats = checkpoint ? { ...run.stats } : {};
  await updateRun(rt.store, runId, { status: 'running', phase: checkpoint ? 'resuming from checkpoint' : 'starting', started: true, error: null });
  rt.events.emit({ type: 'SyncJobStarted', ...base, status: 'running', phase: checkpoint ? 'resuming from checkpoint' : 'starting', done: 0, total: null, apiCalls: counter.calls });

  const ctx: StepContext = {
    store: rt.store,
    client: rt.client,
    mapping,
    mappings: rt.mappings,
    tuning: rt.tuning,
    logger: rt.logger.child({ runId, mapping: mapping.name }),
    runId,
    checkpoint,
    signal,
    newLocalId: rt.newLocalId,
    stats,
    stopping: () => rt.stopping.value,
    async report(progress) {
      rt.events.emit({ type: 'SyncJobProgress', ...base, status: 'running', ...progress, apiCalls: counter.calls, stats });
      await job.updateProgress({ ...progress, apiCalls: counter.calls }).catch(() => undefined);
      return updateRun(rt.store, runId, { status: 'running', ...progress, apiCalls: counter.calls, stats });
    },
  };

  let usedFull = data.mode === 'full';
  try {
    await SalesforceClient.counting(counter, async () => {
      // the allowance as it is now, not as the last call saw it: one call per job a person or the schedule started;
      // the frequent automatic jobs (change events, local pushes) trust usage seen in the last 30 seconds
      await rt.client.refreshUsage(data.trigger === 'cdc' || data.trigger === 'push' ? { maxAgeMs: 30_000 } : {});
      await guard(ctx, { phase: 'starting', done: 0, total: null });
      if (data.mode === 'records') return runRecords(ctx, data.sfIds ?? []);
      if (data.direction !== 'out' && mapping.inbound && checkpoint?.step !== 'outbound') {
        usedFull = (await runInbound(ctx, data.mode === 'full' ? 'full' : 'incremental')) === 'full';
        ctx.checkpoint = null;
      }
      if (data.direction !== 'in' && mapping.outbound) await runOutbound(ctx, data.mode === 'full');
    });
  } catch (error) {
    return handleError(rt, job, token, ctx, counter, error, base);
  }
  await rt.store.transaction(async (tx) => {
    await saveCheckpoint(tx, mapping.name, null);
    await finishObject(tx, mapping.name, { runId, inbound: data.direction !== 'out' && mapping.inbound, outbound: data.direction !== 'in' && mapping.outbound, full: usedFull, error: null });
    await releaseLease(tx, mapping.name, runId);
  });
  return finish(rt, job, 'completed', stats, counter.calls, null);
}

async function handleError(rt: SyncRuntime, job: Job<ObjectJobData>, token: string | undefined, ctx: StepContext, counter: CallCounter, error: unknown, base: { runId: string; parentId: string | null; mappings: string[] }): Promise<RunStats> {
  const { mapping, runId, stats } = ctx;
  if (error instanceof CancelSignal || ctx.signal.aborted) {
    await rt.store.transaction(async (tx) => {
      await saveCheckpoint(tx, mapping.name, null);
      await releaseLease(tx, mapping.name, runId);
    });
    return finish(rt, job, 'cancelled', stats, counter.calls, null);
  }
  const pause = error instanceof PauseSignal ? error : error instanceof SalesforceError && error.errorCode === 'REQUEST_LIMIT_EXCEEDED' ? new PauseSignal(`Salesforce answered REQUEST_LIMIT_EXCEEDED: ${error.message}`, Date.now() + rt.tuning.pauseMs) : null;
  if (pause) {
    await releaseLease(rt.store, mapping.name, runId);
    const phase = `paused until ${new Date(pause.untilMs).toISOString()}: ${pause.message}`;
    await updateRun(rt.store, runId, { status: 'paused', phase, apiCalls: counter.calls, stats });
    rt.events.emit({ type: 'SyncJobPaused', ...base, status: 'paused', phase, done: 0, total: null, apiCalls: counter.calls, stats });
    ctx.logger.warn({ until: new Date(pause.untilMs).toISOString() }, `sync paused: ${pause.message}`);
    await job.moveToDelayed(pause.untilMs, token);
    throw new DelayedError();
  }
  const normalized = error instanceof SalesforceError ? error : null;
  const retryable = error instanceof LeaseLostSignal || error instanceof MappingError ? false : (normalized?.retryable ?? true);
  const final = !retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const summary = { errorCode: normalized?.errorCode ?? (error as Error).name ?? 'ERROR', message: (error as Error).message ?? String(error), retryable };
  if (!(error instanceof LeaseLostSignal)) await releaseLease(rt.store, mapping.name, runId);
  if (!final) {
    await updateRun(rt.store, runId, { status: 'queued', phase: `retrying after ${summary.errorCode} (attempt ${job.attemptsMade + 1})`, apiCalls: counter.calls, stats, error: summary });
    ctx.logger.warn({ err: error }, 'sync job failed; BullMQ will retry it from its checkpoint');
    throw error;
  }
  if (!(error instanceof LeaseLostSignal)) {
    await rt.store.transaction(async (tx) => {
      await saveCheckpoint(tx, mapping.name, null);
      await finishObject(tx, mapping.name, { runId, inbound: false, outbound: false, full: false, error: { errorCode: summary.errorCode, message: summary.message } });
    });
  }
  await finish(rt, job, 'failed', stats, counter.calls, summary);
  ctx.logger.error({ err: error }, 'sync job failed');
  throw retryable ? error : new UnrecoverableError(`${summary.errorCode}: ${summary.message}`);
}

async function finish(rt: SyncRuntime, job: Job<ObjectJobData>, status: RunStatus, stats: RunStats, apiCalls: number, error: { errorCode: string; message: string; retryable: boolean } | null): Promise<RunStats> {
  const runId = job.id!;
  const phase = status === 'completed' ? 'done' : status;
  await updateRun(rt.store, runId, { status, phase, stats, apiCalls, error, finished: true });
  const run = await getRun(rt.store, runId);
  const type = status === 'completed' ? 'SyncJobCompleted' : status === 'cancelled' ? 'SyncJobCancelled' : 'SyncJobFailed';
  rt.events.emit({ type, runId, parentId: run?.parentId ?? null, mappings: [job.data.mapping], status, phase, done: run?.done ?? 0, total: run?.total ?? null, apiCalls, stats, error });
  for (const [outcome, count] of Object.entries(stats)) {
    if (typeof count !== 'number' || count === 0) continue;
    const outbound = outcome.startsWith('push');
    rt.events.metrics.recordsSynced?.({ mapping: job.data.mapping, direction: outbound ? 'outbound' : 'inbound', outcome }, count);
  }
  const seconds = run?.startedAt ? (Date.now() - run.startedAt.getTime()) / 1000 : 0;
  rt.events.metrics.jobFinished?.({ kind: 'object', mode: job.data.mode, direction: job.data.direction, status, mapping: job.data.mapping }, seconds);
  return stats;
}
