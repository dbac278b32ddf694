/**
 * A visits sync worker in its own process (`tsx subgraphs/visits/src/salesforce/worker.ts`): the same jobs as the
 * subgraph's inline workers, for scaling out. Run the subgraph with SYNC_WORKERS=off to leave all jobs to these.
 * Needs a Postgres server (DATABASE_URL): the embedded PGlite store belongs to one process.
 */
import { ConfigError, createLogger, onShutdown, RedisEventBus, subgraphList } from '@l2c/shared';
import { loadVisitsConfig } from '../config.ts';
import { openVisitsStore } from '../store/openVisitsStore.ts';
import { startVisitsSync } from './sync.ts';

const list = subgraphList().subgraphs;
const port = (name: string) => list.find((s) => s.name === name)?.port ?? 0;
const config = loadVisitsConfig({ port: port('visits'), crmPort: port('crm'), cpqPort: port('cpq') });
if (!config.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', reason: 'a separate sync worker needs a Postgres server; the embedded store belongs to the subgraph process (not set)' }]);
const logger = createLogger('visits-sync-worker', config.LOG_LEVEL);
const store = await openVisitsStore(config, logger);
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const sync = startVisitsSync({ store, config, logger, bus, role: 'worker' });
if (await sync.ready) logger.info('visits sync worker running');
onShutdown(logger, [() => sync.close(), () => bus.close(), () => store.close()]);
