import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { jitterFor, retryDelayMs } from '../domain/backoff.ts';
import { DeliveryFailedError, processDelivery, type DeliveryResult, type ProcessDeliveryDeps } from './processDelivery.ts';
import { WEBHOOK_QUEUE, type DeliveryJob } from './queue.ts';

export interface DeliveryWorkerOptions extends ProcessDeliveryDeps {
  /** Redis URL. */
  redisUrl: string;
  /** Prefix of every BullMQ key; the same as the queue's. */
  prefix: string;
  /** Deliveries in flight at once. */
  concurrency: number;
}

/**
 * The BullMQ worker that makes delivery attempts. Retries are BullMQ's: the job's `attempts`, and a custom backoff
 * (`retryDelayMs`: exponential, capped, jittered) that yields exactly the delay the attempt recorded as its
 * `nextAttemptAt`. It owns its Redis connection; `close()` waits for attempts in flight.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): { worker: Worker<DeliveryJob, DeliveryResult>; close(): Promise<void> } {
  const { logger } = options;
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<DeliveryJob, DeliveryResult>(
    WEBHOOK_QUEUE,
    (job) =>
      processDelivery(options, {
        jobId: job.id ?? `${job.data.deliveryId}.${job.data.run}`,
        deliveryId: job.data.deliveryId,
        run: job.data.run,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
      }),
    {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      settings: {
        // `attemptsMade` counts the attempt that just failed (1 after the first).
        backoffStrategy: (attemptsMade, _type, _error, job) => retryDelayMs(attemptsMade, options.settings.backoff, jitterFor(`${job?.id}/${attemptsMade}`)),
      },
    },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'webhook delivery worker error'));
  worker.on('failed', (job, error) => {
    // Failed attempts are logged by processDelivery; anything else (the store unreachable, a secret that does not decrypt) here.
    if (!(error instanceof DeliveryFailedError) && error.name !== 'DeliveryFailedError') logger.error({ err: error, jobId: job?.id }, 'webhook delivery job failed');
  });
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
