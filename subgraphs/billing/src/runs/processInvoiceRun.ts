import { randomUUID } from 'node:crypto';
import type { Logger, Store } from '@l2c/shared';
import { postDrafts } from '../commands/postInvoices.ts';
import { flagOverdue } from '../commands/overdue.ts';
import { BillingEventType, entity, recordBillingEvents } from '../events.ts';
import type { InvoiceRunRow } from '../store/rows.ts';
import { runsByIds, updateRun } from '../store/runs.ts';
import { duePeriods, invoiceGroups, stepsOf } from './invoiceGroups.ts';

/**
 * Runs an invoice run to its end, from wherever it stands: the phases are invoicing (periods due → draft invoices,
 * a few groups per transaction), posting (drafts of the run → posted, a batch per transaction) and done. Every step
 * commits its work and the run's counters together, so a worker killed at any point leaves a run that the next
 * worker continues without redoing or skipping anything. A cancelled run stops at the next step.
 */

export interface RunProcessorDeps {
  store: Store;
  paymentTermDays: number;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  /** Invoice groups per transaction. Default 100. */
  groupsPerStep?: number;
  /** Invoices posted per transaction. Default 500. */
  postsPerStep?: number;
  /** Told after every step (the BullMQ job's progress). */
  onProgress?: (run: InvoiceRunRow) => Promise<void> | void;
}

export async function processInvoiceRun(deps: RunProcessorDeps, runId: string): Promise<InvoiceRunRow | null> {
  const now = () => deps.now?.() ?? new Date();
  const newId = deps.newId ?? randomUUID;
  let run = await begin(deps.store, runId, now());
  if (!run || run.status !== 'RUNNING') return run;
  const progress = async () => {
    run = (await runsByIds(deps.store, [runId]))[0]!;
    await deps.onProgress?.(run);
    return run.status === 'RUNNING';
  };

  if (run.phase === 'INVOICING') {
    // Periods invoiced by a previous attempt are no longer due: a resumed run reads only what is left.
    const due = await duePeriods(deps.store, run.target_date);
    run = (await updateRun(deps.store, runId, { lines_due: run.lines_invoiced + due.length }))!;
    await deps.onProgress?.(run);
    for (const step of stepsOf(due, deps.groupsPerStep ?? 100)) {
      const current = run;
      await deps.store.transaction((tx) => invoiceGroups(tx, current, step, deps.paymentTermDays, newId));
      if (!(await progress())) return run;
    }
    run = (await updateRun(deps.store, runId, { phase: run.auto_post ? 'POSTING' : 'DONE' }))!;
  }

  if (run.phase === 'POSTING') {
    for (;;) {
      const posted = await deps.store.transaction(async (tx) => {
        const ids = await tx.query<{ id: string }>(`select id from invoices where run_id = $1 and status = 'DRAFT' order by created_at, id limit $2 for update skip locked`, [runId, deps.postsPerStep ?? 500]);
        const rows = await postDrafts(tx, ids.map((r) => r.id), now());
        if (rows.length) await tx.query('update invoice_runs set invoices_posted = invoices_posted + $2, updated_at = now() where id = $1', [runId, rows.length]);
        return rows.length;
      });
      if (posted === 0) break;
      if (!(await progress())) return run;
    }
    run = (await updateRun(deps.store, runId, { phase: 'DONE' }))!;
  }

  run = await deps.store.transaction(async (tx) => {
    const done = (await updateRun(tx, runId, { status: 'COMPLETED', finished_at: now(), error: null }))!;
    await recordBillingEvents(tx, [
      { type: BillingEventType.InvoiceRunCompleted, entity: entity('InvoiceRun', runId), changes: { targetDate: done.target_date, invoiceDate: done.invoice_date, linesInvoiced: done.lines_invoiced, invoicesCreated: done.invoices_created, invoicesPosted: done.invoices_posted, totalAmount: done.total_amount } },
    ]);
    return done;
  });
  await deps.onProgress?.(run);
  const overdue = await flagOverdue(deps.store, now());
  if (overdue > 0) deps.logger.info({ overdue }, 'invoices flagged overdue');
  deps.logger.info({ runId, targetDate: run.target_date, lines: run.lines_invoiced, invoices: run.invoices_created, posted: run.invoices_posted }, 'invoice run completed');
  return run;
}

/** Marks the run running (once more: a resumed run counts its attempts); null when there is no such run. */
async function begin(store: Store, runId: string, now: Date): Promise<InvoiceRunRow | null> {
  return store.transaction(async (tx) => {
    const [run] = await runsByIds(tx, [runId], true);
    if (!run || run.status === 'COMPLETED' || run.status === 'CANCELLED') return run ?? null;
    const first = run.status === 'QUEUED';
    const started = (await updateRun(tx, runId, { status: 'RUNNING', phase: run.phase === 'QUEUED' ? 'INVOICING' : run.phase, started_at: run.started_at ?? now, attempts: run.attempts + 1, error: null }))!;
    if (first) await recordBillingEvents(tx, [{ type: BillingEventType.InvoiceRunStarted, entity: entity('InvoiceRun', runId), changes: { targetDate: run.target_date, invoiceDate: run.invoice_date, trigger: run.trigger } }]);
    return started;
  });
}

/** Marks the run failed after its last attempt, with the reason. */
export async function failRun(store: Store, runId: string, error: string): Promise<void> {
  await store.transaction(async (tx) => {
    const run = await updateRun(tx, runId, { status: 'FAILED', error, finished_at: new Date() });
    if (run) await recordBillingEvents(tx, [{ type: BillingEventType.InvoiceRunFailed, entity: entity('InvoiceRun', runId), changes: { targetDate: run.target_date, error } }]);
  });
}
