import { fileURLToPath } from 'node:url';
import { createQueueInspector, JOB_QUEUES, openStore, RedisEventBus, type Logger, type QueueInspector, type Store } from '@l2c/shared';
import { DEV_WEBHOOK_SECRET_KEY, type NotificationsConfig } from './config.ts';
import { createDeliveryQueue, type DeliveryQueue } from './delivery/queue.ts';
import { startWebhookWorker, type WebhookWorker } from './delivery/webhookWorker.ts';
import { createSecretBox, type SecretBox } from './secrets/secretBox.ts';
import { migrationsDir } from './server.ts';

/** What both entry points (`main.ts`, `worker.ts`) build from the configuration. */
export interface NotificationsServices {
  store: Store;
  secrets: SecretBox;
  queue: DeliveryQueue;
  /** Reads every queue of the graph (`JOB_QUEUES`) for the operations view. */
  jobs: QueueInspector;
  /** Starts the dispatcher and the delivery worker on this process's event bus connection. */
  startWorker(): WebhookWorker;
  /** Stops the worker if started, then closes the bus, the queue and the store, in that order. */
  close(): Promise<void>;
}

export async function openNotificationsServices(config: NotificationsConfig, logger: Logger): Promise<NotificationsServices> {
  if (config.WEBHOOK_SECRET_KEY === DEV_WEBHOOK_SECRET_KEY) {
    logger.warn('WEBHOOK_SECRET_KEY is the development default: webhook signing secrets are encrypted with a key anyone can read in the source');
  }
  const store = await openStore({
    name: 'notifications',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrationsDir: fileURLToPath(migrationsDir),
    logger,
  });
  const secrets = createSecretBox(config.WEBHOOK_SECRET_KEY);
  const queue = createDeliveryQueue({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS });
  const jobs = createQueueInspector({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, queues: JOB_QUEUES });
  let bus: RedisEventBus | undefined;
  let worker: WebhookWorker | undefined;
  return {
    store,
    secrets,
    queue,
    jobs,
    startWorker() {
      bus ??= new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
      worker = startWebhookWorker({
        store,
        bus,
        queue,
        secrets,
        logger,
        redisUrl: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        consumer: config.WEBHOOK_CONSUMER,
        concurrency: config.WEBHOOK_CONCURRENCY,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        backoff: { baseMs: config.WEBHOOK_BACKOFF_MS, maxMs: config.WEBHOOK_BACKOFF_MAX_MS },
      });
      return worker;
    },
    async close() {
      await worker?.stop();
      await bus?.close();
      await queue.close();
      await jobs.close();
      await store.close();
    },
  };
}
