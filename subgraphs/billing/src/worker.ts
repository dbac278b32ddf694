/**
 * Invoice-run workers in a process of their own (`INVOICE_RUN_WORKERS=off` in the subgraph): the same code the
 * subgraph runs inline, for scaling runs out. Started with `tsx subgraphs/billing/src/worker.ts`.
 */
import { createLogger, onShutdown, openStore, subgraphList } from '@l2c/shared';
import { loadBillingConfig } from './config.ts';
import { migrationsDir } from './server.ts';
import { startInvoiceRunWorker } from './runs/worker.ts';

const entry = subgraphList().subgraphs.find((s) => s.name === 'billing')!;
const config = loadBillingConfig(entry.port);
const logger = createLogger('billing-worker', config.LOG_LEVEL);
if (!config.DATABASE_URL) {
  // An embedded PGlite store belongs to one process: a worker of its own needs the Postgres server the subgraph uses.
  logger.fatal('DATABASE_URL is required: a separate invoice-run worker shares the billing store through a Postgres server');
  process.exit(2);
}
const store = await openStore({ name: 'billing', databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrationsDir, logger });
const worker = startInvoiceRunWorker({ store, redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, paymentTermDays: config.settings.paymentTermDays, logger });
logger.info({ queue: 'billing-invoice-runs' }, 'invoice-run worker started');
onShutdown(logger, [() => worker.close(), () => store.close()]);
