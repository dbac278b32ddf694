import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DeliveryRow } from '../store/rows.ts';

/** The BullMQ queue webhook deliveries go through; its keys live under `<prefix>:webhooks:`. */
export const WEBHOOK_QUEUE = 'webhooks';
/** The custom backoff type the delivery worker implements (`retryDelayMs`). */
export const WEBHOOK_BACKOFF = 'webhook';

/** What a delivery job carries: which delivery, and which run of it (a stale run's job does nothing). */
export interface DeliveryJob {
  deliveryId: string;
  run: number;
}

export type QueueableDelivery = Pick<DeliveryRow, 'id' | 'subscription_id' | 'event_id' | 'run'>;

/** Where deliveries are queued: BullMQ in a running system, a recording fake in command tests. */
export interface DeliveryQueue {
  /**
   * Queues one job per delivery run. The job id is derived from (subscription, event, run), and BullMQ adds nothing
   * for an id it already holds, so queueing the same run twice (a bus event seen again) sends it once.
   */
  enqueue(deliveries: readonly QueueableDelivery[]): Promise<void>;
  close(): Promise<void>;
}

export interface DeliveryQueueOptions {
  /** Redis URL. */
  redisUrl: string;
  /** Prefix of every BullMQ key. */
  prefix: string;
  /** Attempts per run before the delivery is dead-lettered. */
  maxAttempts: number;
  /** How long queueing may wait for Redis before it fails, ms. Default 5000. */
  enqueueTimeoutMs?: number;
}

/** The job id of a delivery run: `wh.<subscription>.<event>.<run>` (BullMQ ids cannot contain `:`). */
export function deliveryJobId(delivery: QueueableDelivery): string {
  return `wh.${delivery.subscription_id}.${delivery.event_id}.${delivery.run}`;
}

/** A BullMQ-backed delivery queue that owns its Redis connection. */
export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue & { readonly queue: Queue<DeliveryJob> } {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const timeoutMs = options.enqueueTimeoutMs ?? 5000;
  const queue = new Queue<DeliveryJob>(WEBHOOK_QUEUE, {
    connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.maxAttempts,
      backoff: { type: WEBHOOK_BACKOFF },
      // The store holds every delivery's history; BullMQ keeps finished jobs only long enough to dedupe and inspect.
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  return {
    queue,
    async enqueue(deliveries) {
      if (deliveries.length === 0) return;
      const adding = queue.addBulk(deliveries.map((d) => ({ name: 'deliver', data: { deliveryId: d.id, run: d.run }, opts: { jobId: deliveryJobId(d) } })));
      // BullMQ waits for Redis as long as it takes. Fail instead: resumes and redeliveries queue inside a store
      // transaction that must not hang, and a failed dispatch is handed over again by the bus. Should the jobs land
      // after all, their ids dedupe them, and a job for a rolled-back run finds it stale and does nothing.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the webhook delivery queue (Redis) did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      adding.catch(() => undefined);
      try {
        await Promise.race([adding, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
