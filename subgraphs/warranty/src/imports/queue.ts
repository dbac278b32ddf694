import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger, Store } from '@l2c/shared';
import { updateImport } from '../store/imports.ts';
import { runImport, type ImportDeps } from './runImport.ts';

/**
 * The BullMQ queue CSV imports run on (`<QUEUE_PREFIX>:warranty-import`, shown on the gateway's Bull Board). A job
 * is one import, its id the import's: queueing an import twice runs it once. Workers run in the subgraph process by
 * default or in `worker.ts` processes; a job whose worker died is taken up by another and resumes from its checkpoint.
 */

export const IMPORT_QUEUE = 'warranty-import';

export interface ImportJob {
  importId: string;
}

export interface ImportQueue {
  readonly queue: Queue<ImportJob>;
  /** Queues an import's job (nothing happens when it is queued already). */
  enqueue(importId: string): Promise<void>;
  close(): Promise<void>;
}

export interface ImportQueueOptions {
  redisUrl: string;
  /** Prefix of every BullMQ key. Default `l2c`. */
  prefix?: string;
  /** Attempts per import before it is marked FAILED. Default 5. */
  attempts?: number;
  /** First retry delay, doubled each time, ms. Default 2000. */
  backoffMs?: number;
}

export function createImportQueue(options: ImportQueueOptions): ImportQueue {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<ImportJob>(IMPORT_QUEUE, {
    connection,
    prefix: options.prefix ?? 'l2c',
    defaultJobOptions: {
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 2000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
  return {
    queue,
    async enqueue(importId) {
      await queue.add('import', { importId }, { jobId: importId });
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => undefined);
    },
  };
}

export interface ImportWorkerOptions extends Omit<ImportDeps, 'logger'> {
  redisUrl: string;
  prefix?: string;
  logger: Logger;
  /** Imports one process runs at once. Default 1. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal (a dead worker's job is taken over after it), ms. Default 30000. */
  lockDurationMs?: number;
}

export interface ImportWorker {
  readonly worker: Worker<ImportJob>;
  close(): Promise<void>;
}

export function startImportWorker(options: ImportWorkerOptions): ImportWorker {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const logger = options.logger.child({ component: 'csv-import' });
  const worker = new Worker<ImportJob>(
    IMPORT_QUEUE,
    async (job: Job<ImportJob>) => {
      const outcome = await runImport({ ...options, logger }, job.data.importId);
      return { outcome };
    },
    { connection, prefix: options.prefix ?? 'l2c', concurrency: options.concurrency ?? 1, lockDuration: options.lockDurationMs ?? 30_000 },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    logger.warn({ err: error, importId: job.data.importId, attempt: job.attemptsMade, final }, 'csv import attempt failed');
    if (final) void markStopped(options.store, job.data.importId, job.attemptsMade, logger);
  });
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}

/** An import every attempt of which failed on an internal error: what was committed stays; the dealer may upload again. */
async function markStopped(store: Store, importId: string, attempts: number, logger: Logger): Promise<void> {
  await updateImport(store, importId, {
    status: 'FAILED',
    error_code: 'IMPORT_STOPPED',
    error_message: `the import stopped on an internal error after ${attempts} attempts; rows already imported are kept: upload the file again to finish it`,
    finished_at: new Date(),
  }).catch((error: unknown) => logger.error({ err: error, importId }, 'could not mark the import failed'));
}

/** Queues again imports a stopped process left queued or half done (their jobs are deduplicated by id). */
export async function requeueUnfinished(store: Store, queue: ImportQueue): Promise<number> {
  const rows = await store.query<{ id: string }>("select id from csv_imports where status in ('QUEUED', 'CHECKING', 'IMPORTING') order by created_at");
  for (const row of rows) await queue.enqueue(row.id);
  return rows.length;
}
