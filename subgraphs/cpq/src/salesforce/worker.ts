/**
 * A CPQ sync worker in its own process (`tsx subgraphs/cpq/src/salesforce/worker.ts`): the same jobs as the
 * subgraph's inline workers, for scaling out. Run the subgraph with SYNC_WORKERS=off to leave all jobs to these.
 * Needs a Postgres server (DATABASE_URL): the embedded PGlite store belongs to one process.
 */
import { ConfigError, createLogger, onShutdown, RedisEventBus, subgraphList } from '@l2c/shared';
import { loadCpqConfig } from '../config.ts';
import { openCpqStore } from '../store/openCpqStore.ts';
import { startCpqSync } from './sync.ts';

const list = subgraphList().subgraphs;
const config = loadCpqConfig({ port: list.find((s) => s.name === 'cpq')!.port, crmPort: list.find((s) => s.name === 'crm')!.port });
if (!config.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', reason: 'a separate sync worker needs a Postgres server; the embedded store belongs to the subgraph process (not set)' }]);
const logger = createLogger('cpq-sync-worker', config.LOG_LEVEL);
const store = await openCpqStore(config, logger);
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const sync = startCpqSync({ store, config, logger, bus, role: 'worker' });
if (await sync.ready) logger.info('cpq sync worker running');
onShutdown(logger, [() => sync.close(), () => bus.close(), () => store.close()]);
