/**
 * The invoice-run queue on BullMQ. A run is a row in the store (its target date, phase and counters) and a job that
 * carries only its id: whatever worker takes the job up (the first, or another after the first died) continues from
 * what the store says is done. Jobs are `invoice-run` (a run asked for), `scheduled-run` (the job scheduler's daily
 * run for today) and `overdue-scan` (invoices past due, announced once).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

export const INVOICE_RUN_JOB = 'invoice-run';
export const SCHEDULED_RUN_JOB = 'scheduled-run';
export const OVERDUE_SCAN_JOB = 'overdue-scan';
export const DAILY_SCHEDULER_ID = 'daily-invoice-run';

export type InvoiceRunJobData = { runId: string } | Record<string, never>;

export interface InvoiceRunQueueSettings {
  /** Redis, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /** BullMQ key prefix (QUEUE_PREFIX). Default `l2c`. */
  prefix?: string;
  /** Queue name; Bull Board at the gateway reads it by this name. Default `billing-invoice-runs`. */
  name?: string;
  /** Attempts per job before the run is marked failed; retried with exponential backoff from 5 s. Default 3. */
  attempts?: number;
}

export const DEFAULT_QUEUE_NAME = 'billing-invoice-runs';

export interface InvoiceRunQueue {
  readonly queue: Queue<InvoiceRunJobData>;
  readonly name: string;
  readonly prefix: string;
  /** Queues the run's job; the job id is the run's id plus the attempt, so asking twice queues one job. */
  enqueue(runId: string, attempt?: number): Promise<void>;
  /** Runs every day at `pattern` (cron, in `tz`), or never when `pattern` is null. */
  schedule(pattern: string | null, tz?: string): Promise<void>;
  close(): Promise<void>;
}

export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function createInvoiceRunQueue(settings: InvoiceRunQueueSettings): InvoiceRunQueue {
  const name = settings.name ?? DEFAULT_QUEUE_NAME;
  const prefix = settings.prefix ?? 'l2c';
  const connection = redisConnection(settings.redisUrl);
  const queue = new Queue<InvoiceRunJobData>(name, { connection, prefix });
  const jobOptions = { attempts: settings.attempts ?? 3, backoff: { type: 'exponential' as const, delay: 5_000 }, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } };
  return {
    queue,
    name,
    prefix,
    async enqueue(runId, attempt = 0) {
      await queue.add(INVOICE_RUN_JOB, { runId }, { ...jobOptions, jobId: attempt === 0 ? runId : `${runId}-${attempt}` });
    },
    async schedule(pattern, tz) {
      if (pattern === null) {
        await queue.removeJobScheduler(DAILY_SCHEDULER_ID);
        return;
      }
      await queue.upsertJobScheduler(DAILY_SCHEDULER_ID, { pattern, ...(tz ? { tz } : {}) }, { name: SCHEDULED_RUN_JOB, data: {}, opts: jobOptions });
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
