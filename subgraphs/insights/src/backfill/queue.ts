import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';

/** The BullMQ queue backfills run on; its keys live under `<prefix>:insights-backfill:`. */
export const BACKFILL_QUEUE = 'insights-backfill';

export interface BackfillQueue {
  /** Queues the backfill; its job id is the backfill's, so queueing it twice runs it once. */
  enqueue(backfillId: string): Promise<void>;
  close(): Promise<void>;
}

export interface BackfillQueueOptions {
  redisUrl: string;
  /** Prefix of every BullMQ key. */
  prefix: string;
}

export function createBackfillQueue(options: BackfillQueueOptions): BackfillQueue & { readonly queue: Queue } {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(BACKFILL_QUEUE, {
    connection,
    prefix: options.prefix,
    // A failed run is tried again later (CRM or CPQ down); the log makes a rerun harmless.
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 } },
  });
  return {
    queue,
    async enqueue(backfillId) {
      await queue.add('backfill', { backfillId }, { jobId: backfillId });
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => undefined);
    },
  };
}

/** The worker that runs backfills one at a time (a backfill reads every record of CRM and CPQ: one is enough at once). */
export function startBackfillWorker(options: BackfillQueueOptions & { run: (backfillId: string, attempt: number) => Promise<void> }): { close(): Promise<void> } {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(BACKFILL_QUEUE, (job: Job<{ backfillId: string }>) => options.run(job.data.backfillId, job.attemptsMade + 1), { connection, prefix: options.prefix, concurrency: 1 });
  return {
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
