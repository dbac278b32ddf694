/**
 * The webhook worker alone, for scaling deliveries apart from the subgraph (which then runs with WEBHOOK_WORKER=off):
 * the same dispatcher and delivery worker, the same configuration. Run as many as needed, each with its own
 * WEBHOOK_CONSUMER: `node --import tsx subgraphs/notifications/src/worker.ts`.
 */
import { createLogger, onShutdown, subgraphList } from '@l2c/shared';
import { loadNotificationsConfig } from './config.ts';
import { openNotificationsServices } from './services.ts';

const entry = subgraphList().subgraphs.find((s) => s.name === 'notifications')!;
const config = loadNotificationsConfig(entry.port);
const logger = createLogger('notifications-worker', config.LOG_LEVEL);
if (!config.DATABASE_URL) {
  // An embedded PGlite store belongs to the one process that opened it; a second process on its folder corrupts it.
  logger.fatal('the webhook worker runs apart from the subgraph only on a Postgres server: set DATABASE_URL (or run the subgraph with WEBHOOK_WORKER=inline)');
  process.exit(1);
}
const services = await openNotificationsServices(config, logger);
services.startWorker();
logger.info({ consumer: config.WEBHOOK_CONSUMER, queuePrefix: config.QUEUE_PREFIX, concurrency: config.WEBHOOK_CONCURRENCY }, 'webhook worker running');
onShutdown(logger, [() => services.close()]);
