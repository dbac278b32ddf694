import type { EventBus, Logger, Store, StoredEvent } from '@l2c/shared';
import type { BackoffPolicy } from '../domain/backoff.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { startDeliveryWorker } from './deliveryWorker.ts';
import { startDispatcher } from './dispatcher.ts';
import type { DeliveryQueue } from './queue.ts';

export interface WebhookWorkerOptions {
  store: Store;
  bus: EventBus;
  /** Where the dispatcher queues deliveries. */
  queue: DeliveryQueue;
  secrets: SecretBox;
  logger: Logger;
  /** Redis URL for the delivery worker's connection. */
  redisUrl: string;
  /** Prefix of every BullMQ key; the same as the queue's. */
  prefix: string;
  /** This process's name in the event bus's `webhooks` consumer group. */
  consumer: string;
  /** Deliveries in flight at once. Default 10. */
  concurrency?: number;
  /** How long an endpoint has to answer, ms. Default 10000. */
  timeoutMs?: number;
  /** Delays between attempts. Default 10 s doubling up to 1 h. */
  backoff?: BackoffPolicy;
  /** See `DispatcherDeps.afterEnqueue` (tests). */
  afterEnqueue?: (event: StoredEvent) => void | Promise<void>;
}

export type WebhookWorkerState = { phase: 'running'; since: Date } | { phase: 'stopping' } | { phase: 'stopped' };

export interface WebhookWorker {
  readonly state: WebhookWorkerState;
  /** Stops taking events from the bus, then waits for the attempts in flight. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Everything that makes webhooks go out, from the same code whether it runs inside the subgraph (`WEBHOOK_WORKER=inline`)
 * or alone (`worker.ts`): the dispatcher that turns bus events into queued deliveries, and the BullMQ worker that
 * makes the attempts. Several processes can run it at once: they share the consumer group and the queue.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  let state: WebhookWorkerState = { phase: 'running', since: new Date() };
  const delivery = startDeliveryWorker({
    store: options.store,
    secrets: options.secrets,
    logger: options.logger,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 10,
    settings: { timeoutMs: options.timeoutMs ?? 10_000, backoff: options.backoff ?? { baseMs: 10_000, maxMs: 3_600_000 } },
  });
  const dispatcher = startDispatcher({
    store: options.store,
    bus: options.bus,
    queue: options.queue,
    logger: options.logger,
    consumer: options.consumer,
    ...(options.afterEnqueue ? { afterEnqueue: options.afterEnqueue } : {}),
  });
  let stopping: Promise<void> | undefined;
  return {
    get state() {
      return state;
    },
    stop: () =>
      (stopping ??= (async () => {
        state = { phase: 'stopping' };
        await dispatcher.stop();
        await delivery.close();
        state = { phase: 'stopped' };
      })()),
  };
}
