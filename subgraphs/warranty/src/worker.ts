/**
 * Warranty's background work in its own process (`tsx subgraphs/warranty/src/worker.ts`), for scaling out: CSV import
 * workers and Salesforce sync workers, the same code as the subgraph's inline ones. Run the subgraph with
 * IMPORT_WORKERS=off and SYNC_WORKERS=off to leave the jobs to these. Needs a Postgres server (DATABASE_URL): the
 * embedded PGlite store belongs to one process.
 */
import { ConfigError, createLogger, createSubgraphClient, onShutdown, RedisEventBus, subgraphList } from '@l2c/shared';
import { loadWarrantyConfig } from './config.ts';
import { startImportWorker } from './imports/queue.ts';
import { crmDealerDirectory } from './intake/dealerDirectory.ts';
import { startWarrantySync } from './salesforce/sync.ts';
import { openWarrantyStore } from './store/openWarrantyStore.ts';

const list = subgraphList().subgraphs;
const port = (name: string, fallback: number) => list.find((s) => s.name === name)?.port ?? fallback;
const config = loadWarrantyConfig({ port: port('warranty', 4005), cpqPort: port('cpq', 4002), crmPort: port('crm', 4001) });
if (!config.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', reason: 'a separate warranty worker needs a Postgres server; the embedded store belongs to the subgraph process (not set)' }]);
const logger = createLogger('warranty-worker', config.LOG_LEVEL);
const store = await openWarrantyStore(config, logger);
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const dealers = crmDealerDirectory(createSubgraphClient({ url: config.CRM_URL, name: 'crm' }), config.GATEWAY_SIGNING_SECRET);
const imports = startImportWorker({ store, dealers, logger, redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, concurrency: config.IMPORT_WORKER_CONCURRENCY, batchSize: config.IMPORT_BATCH_SIZE, maxRows: config.IMPORT_MAX_ROWS });
const sync = config.SYNC_ENABLED ? startWarrantySync({ store, config, logger, bus, role: 'worker' }) : null;
logger.info('warranty worker running');
onShutdown(logger, [() => imports.close(), async () => sync?.close(), () => bus.close(), () => store.close()]);
