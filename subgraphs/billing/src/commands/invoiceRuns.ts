import { conflict, dateValue, DomainError, ErrorCode, notFound } from '@l2c/shared';
import type { InvoiceRunRow } from '../store/rows.ts';
import { insertRun, runsByIds, updateRun } from '../store/runs.ts';
import { nextNumber } from '../store/scope.ts';
import { assertRunsJobs, idSource, today, type CommandContext } from './context.ts';

export interface StartRunInput {
  /** Periods due on or before this day are billed. Default today. */
  targetDate?: string | null;
  /** The date on the invoices. Default the target date. */
  invoiceDate?: string | null;
  /** Post the invoices once written. Default true. */
  autoPost?: boolean | null;
}

/** Queues an invoice run: its row first (so the graph shows it at once), then its job. */
export async function startInvoiceRun(ctx: CommandContext, input: StartRunInput): Promise<InvoiceRunRow> {
  assertRunsJobs(ctx, 'startInvoiceRun');
  const queue = runQueue(ctx);
  const targetDate = input.targetDate ? dateValue('targetDate', input.targetDate) : today(ctx);
  const invoiceDate = input.invoiceDate ? dateValue('invoiceDate', input.invoiceDate) : targetDate;
  const run = await ctx.store.transaction(async (tx) =>
    insertRun(tx, { id: idSource(ctx)(), number: await nextNumber(tx, 'invoice_run_numbers', 'RUN'), target_date: targetDate, invoice_date: invoiceDate, auto_post: input.autoPost ?? true, trigger: 'MANUAL', requested_by: ctx.identity.subject }),
  );
  await queue.enqueue(run.id);
  return run;
}

/** Continues a failed run from where it stopped (a new job for the same run). */
export async function resumeInvoiceRun(ctx: CommandContext, id: string): Promise<InvoiceRunRow> {
  assertRunsJobs(ctx, 'resumeInvoiceRun');
  const queue = runQueue(ctx);
  const run = await ctx.store.transaction(async (tx) => {
    const [current] = await runsByIds(tx, [id], true);
    if (!current) throw notFound('InvoiceRun', id, 'id');
    if (current.status !== 'FAILED') throw conflict(`invoice run ${current.number} is ${current.status}; only a failed run is resumed`, { rule: 'RUN_NOT_FAILED', status: current.status });
    return (await updateRun(tx, id, { status: 'QUEUED', error: null, finished_at: null }))!;
  });
  await queue.enqueue(run.id, run.attempts);
  return run;
}

/** Stops a queued or running run after its current step; what it invoiced stays (drafts can be posted or cancelled). */
export async function cancelInvoiceRun(ctx: CommandContext, id: string): Promise<InvoiceRunRow> {
  assertRunsJobs(ctx, 'cancelInvoiceRun');
  return ctx.store.transaction(async (tx) => {
    const [current] = await runsByIds(tx, [id], true);
    if (!current) throw notFound('InvoiceRun', id, 'id');
    if (current.status !== 'QUEUED' && current.status !== 'RUNNING') throw conflict(`invoice run ${current.number} is ${current.status}; only a queued or running run is cancelled`, { rule: 'RUN_ENDED', status: current.status });
    return (await updateRun(tx, id, { status: 'CANCELLED', finished_at: new Date() }))!;
  });
}

function runQueue(ctx: CommandContext) {
  if (!ctx.runs) throw new DomainError(ErrorCode.Conflict, 'invoice runs are not available in this process (no run queue configured)', { rule: 'INVOICE_RUNS_DISABLED' });
  return ctx.runs;
}
