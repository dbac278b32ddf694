/**
 * Outbound for one object: the changes captured up to a snapshot, in batches, each batch's outcome and checkpoint
 * committed together. A job that dies after Salesforce accepted a batch but before the commit pushes that batch
 * again on resume, which is harmless: upserts by external ID and updates by Id are idempotent.
 */
import type { Queryable } from '../../store/store.ts';
import { pushBatch, type OutboundStats } from '../outbound.ts';
import { countPending, enqueueTable, latestChangeId, pendingRecords } from '../store/changes.ts';
import { saveCheckpoint, type OutboundCheckpoint } from '../store/objects.ts';
import { guard, saveStats, type StepContext } from '../jobs/stepContext.ts';

/** Pushes pending changes; `full` first queues every local row (records already equal are skipped without a call). */
export async function runOutbound(ctx: StepContext, full: boolean): Promise<void> {
  const { mapping, store } = ctx;
  let cp: OutboundCheckpoint | undefined = ctx.checkpoint?.step === 'outbound' ? ctx.checkpoint.outbound : undefined;
  if (!cp) {
    if (full) await enqueueTable(store, mapping.table, mapping.key);
    const snapshot = await latestChangeId(store, mapping.table);
    cp = { snapshot, cursor: 0, total: await countPending(store, mapping.table, snapshot), done: 0 };
    const first = cp;
    await store.transaction((tx) => save(ctx, tx, first));
  }
  const bulk = cp.total - cp.done >= ctx.tuning.bulkIngestThreshold;
  for (;;) {
    await guard(ctx, { phase: `pushing changes to Salesforce${bulk ? ' (Bulk API 2.0)' : ''}`, done: cp.done, total: cp.total });
    const size = bulk ? ctx.tuning.bulkIngestBatchSize : ctx.tuning.pushBatchSize;
    const batch = await pendingRecords(store, mapping.table, mapping.name, cp.snapshot, cp.cursor, size);
    if (batch.length === 0) break;
    const next: OutboundCheckpoint = { ...cp, cursor: batch[batch.length - 1]!.first_id, done: cp.done + batch.length };
    let stats = ctx.stats;
    await pushBatch(
      {
        store,
        client: ctx.client,
        mapping,
        runId: ctx.runId,
        bulkThreshold: bulk ? Math.min(ctx.tuning.bulkIngestThreshold, size) : Number.POSITIVE_INFINITY,
        concurrency: ctx.tuning.pushConcurrency,
        bulkPollMs: ctx.tuning.bulkPollMs,
        bulkTimeoutMs: ctx.tuning.bulkTimeoutMs,
        signal: ctx.signal,
        onCommit: async (tx, batchStats) => {
          await save(ctx, tx, next);
          stats = await saveStats(ctx, tx, outboundCounters(batchStats));
        },
      },
      batch,
    );
    cp = next;
    Object.assign(ctx.stats, stats);
  }
}

function save(ctx: StepContext, tx: Queryable, outbound: OutboundCheckpoint): Promise<void> {
  return saveCheckpoint(tx, ctx.mapping.name, { jobId: ctx.runId, step: 'outbound', outbound });
}

export function outboundCounters(stats: OutboundStats): Record<string, number> {
  return {
    pushedCreated: stats.pushedCreated,
    pushedUpdated: stats.pushedUpdated,
    pushedDeleted: stats.pushedDeleted,
    pushUnchanged: stats.unchanged,
    pushFailed: stats.failed,
    pushDeferred: stats.deferred,
  };
}
