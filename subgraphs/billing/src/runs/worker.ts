/**
 * The invoice-run worker: takes run jobs from the queue and processes them (`processInvoiceRun`). It runs inside the
 * billing subgraph by default and in a process of its own by configuration (`worker.ts`), from the same code. A
 * worker that dies loses its hold on the job after `lockDuration`; another worker then finds the job stalled and
 * continues the run where the store says it stands.
 */
import { randomUUID } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { isoDate, type Logger, type Store } from '@l2c/shared';
import { flagOverdue } from '../commands/overdue.ts';
import { runPercent } from '../domain/runProgress.ts';
import { scheduledRunFor } from '../store/runs.ts';
import { nextNumber } from '../store/scope.ts';
import { failRun, processInvoiceRun, type RunProcessorDeps } from './processInvoiceRun.ts';
import { DEFAULT_QUEUE_NAME, INVOICE_RUN_JOB, OVERDUE_SCAN_JOB, redisConnection, SCHEDULED_RUN_JOB, type InvoiceRunJobData } from './queue.ts';

export interface InvoiceRunWorkerOptions extends Omit<RunProcessorDeps, 'onProgress'> {
  store: Store;
  redisUrl: string;
  /** BullMQ key prefix. Default `l2c`. */
  prefix?: string;
  /** Queue name. Default `billing-invoice-runs`. */
  name?: string;
  /** Runs at once in this process. Default 1 (a run is already batched; two runs at once would share the same rows). */
  concurrency?: number;
  /** How long a worker's hold on a job lasts without renewal, ms. Default 30,000. */
  lockDuration?: number;
  /** How often workers look for jobs whose worker died, ms. Default 30,000. */
  stalledInterval?: number;
  /** Scheduled runs post their invoices. Default true. */
  autoPostScheduled?: boolean;
}

export interface InvoiceRunWorker {
  readonly worker: Worker<InvoiceRunJobData>;
  close(): Promise<void>;
}

export function startInvoiceRunWorker(options: InvoiceRunWorkerOptions): InvoiceRunWorker {
  const connection = redisConnection(options.redisUrl);
  const now = () => options.now?.() ?? new Date();
  const run = (job: Job<InvoiceRunJobData>, runId: string) =>
    processInvoiceRun(
      {
        ...options,
        onProgress: async (row) => {
          await job.updateProgress({ runId: row.id, status: row.status, phase: row.phase, linesDue: row.lines_due, linesInvoiced: row.lines_invoiced, invoicesCreated: row.invoices_created, invoicesPosted: row.invoices_posted, percent: runPercent(row) });
        },
      },
      runId,
    );
  const worker = new Worker<InvoiceRunJobData>(
    options.name ?? DEFAULT_QUEUE_NAME,
    async (job) => {
      try {
        if (job.name === INVOICE_RUN_JOB && 'runId' in job.data && typeof job.data.runId === 'string') {
          const done = await run(job, job.data.runId);
          return done ? { runId: done.id, status: done.status } : null;
        }
        if (job.name === SCHEDULED_RUN_JOB) {
          const day = isoDate(now());
          const scheduled = await options.store.transaction(async (tx) =>
            scheduledRunFor(tx, { id: randomUUID(), number: await nextNumber(tx, 'invoice_run_numbers', 'RUN'), target_date: day, invoice_date: day, auto_post: options.autoPostScheduled ?? true }),
          );
          const done = await run(job, scheduled.id);
          return done ? { runId: done.id, status: done.status } : null;
        }
        if (job.name === OVERDUE_SCAN_JOB) return { overdue: await flagOverdue(options.store, now()) };
        throw new UnrecoverableError(`unknown invoice-run job ${job.name}`);
      } catch (error) {
        const last = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (last && 'runId' in job.data && typeof job.data.runId === 'string') await failRun(options.store, job.data.runId, (error as Error).message);
        options.logger.error({ err: error, jobId: job.id, attempt: job.attemptsMade + 1 }, 'invoice run job failed');
        throw error;
      }
    },
    {
      connection,
      prefix: options.prefix ?? 'l2c',
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      maxStalledCount: 5,
    },
  );
  worker.on('error', (error) => options.logger.error({ err: error }, 'invoice run worker error'));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
