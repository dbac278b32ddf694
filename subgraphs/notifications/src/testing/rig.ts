import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger, createQueueInspector, JOB_QUEUES, RedisEventBus, signIdentity, type DomainEvent, type Identity, type StoredEvent } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { startDeliveryWorker } from '../delivery/deliveryWorker.ts';
import { startDispatcher } from '../delivery/dispatcher.ts';
import { createDeliveryQueue } from '../delivery/queue.ts';
import { startWebhookWorker } from '../delivery/webhookWorker.ts';
import { createNotificationsServer } from '../server.ts';
import { as, openNotificationsStore, testSecrets } from './fixtures.ts';

export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIGNING_SECRET = 'rig-signing-secret-0123456789abcdef';
const logger = createLogger('notifications-rig', 'silent');

export interface RigOptions {
  /** Attempts per delivery run. Default 5. */
  maxAttempts?: number;
  /** Endpoint timeout, ms. Default 2000. */
  timeoutMs?: number;
  /** `full`: dispatcher and delivery worker (startWebhookWorker); `dispatcher`: only the dispatcher (start delivery later). Default full. */
  worker?: 'full' | 'dispatcher';
  afterEnqueue?: (event: StoredEvent) => void | Promise<void>;
}

/**
 * The webhook machinery against real Redis, isolated per test: a random event stream, a random BullMQ prefix, a fresh
 * PGlite store, the notifications server on a free port, and retries 40 ms apart. Dispose it with `await using`.
 */
export async function startRig(options: RigOptions = {}) {
  const suffix = randomBytes(6).toString('hex');
  const prefix = `test-${suffix}`;
  const stream = `test:webhooks:${suffix}`;
  const store: DisposableStore = await openNotificationsStore();
  const bus = new RedisEventBus({ url: redisUrl, stream, blockMs: 100, retentionMs: 600_000 });
  const queue = createDeliveryQueue({ redisUrl, prefix, maxAttempts: options.maxAttempts ?? 5 });
  const delivery = { store, secrets: testSecrets, logger, redisUrl, prefix, concurrency: 4, settings: { timeoutMs: options.timeoutMs ?? 2000, backoff: { baseMs: 40, maxMs: 200 } } };
  const stoppers: (() => Promise<void>)[] = [];
  if ((options.worker ?? 'full') === 'full') {
    const worker = startWebhookWorker({
      store,
      bus,
      queue,
      secrets: testSecrets,
      logger,
      redisUrl,
      prefix,
      consumer: 'rig',
      concurrency: delivery.concurrency,
      timeoutMs: delivery.settings.timeoutMs,
      backoff: delivery.settings.backoff,
      ...(options.afterEnqueue ? { afterEnqueue: options.afterEnqueue } : {}),
    });
    stoppers.push(() => worker.stop());
  } else {
    const dispatcher = startDispatcher({ store, bus, queue, logger, consumer: 'rig', ...(options.afterEnqueue ? { afterEnqueue: options.afterEnqueue } : {}) });
    stoppers.push(() => dispatcher.stop());
  }
  const jobs = createQueueInspector({ redisUrl, prefix, queues: JOB_QUEUES });
  const server = await createNotificationsServer({ store, signingSecret: SIGNING_SECRET, secrets: testSecrets, queue, jobs, logger });
  const url = `http://127.0.0.1:${await server.listen(0)}/graphql`;

  return {
    store,
    bus,
    queue,
    /** A command context for `identity` on this rig's store and queue. */
    ctx: (identity: Identity) => as(store, identity, queue),
    /** Starts the delivery worker when the rig was started with the dispatcher only. */
    startDeliveryWorker() {
      const worker = startDeliveryWorker(delivery);
      stoppers.push(() => worker.close());
    },
    /** Publishes an event on the rig's stream, as the outbox relay would. */
    async publish(type: string, dealerIds: string[]): Promise<DomainEvent> {
      const event: DomainEvent = { eventId: randomUUID(), type, entity: { typename: 'Lead', id: randomUUID() }, dealerIds, changes: { dealerId: { from: null, to: dealerIds[0] ?? null } }, occurredAt: new Date().toISOString(), source: 'crm' };
      await bus.publish(event);
      return event;
    },
    /** Runs an operation on the notifications subgraph as `identity` (signed as the gateway signs). */
    async graphql<Data = Record<string, unknown>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<{ data?: Data; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signIdentity(identity, SIGNING_SECRET) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Data; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    },
    async [Symbol.asyncDispose]() {
      await server.close();
      for (const stop of stoppers.reverse()) await stop();
      await bus.close();
      await jobs.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${stream}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await store.close();
    },
  };
}

export type Rig = Awaited<ReturnType<typeof startRig>>;
