/**
 * A CRM sync worker in its own process (`tsx subgraphs/crm/src/salesforce/worker.ts`): the same jobs as the
 * subgraph's inline workers, for scaling out. Run the subgraph with SYNC_WORKERS=off to leave all jobs to these.
 * Needs a Postgres server (DATABASE_URL): the embedded PGlite store belongs to one process.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, createLogger, onShutdown, openStore, RedisEventBus, subgraphList } from '@l2c/shared';
import { loadCrmConfig } from '../config.ts';
import { startCrmSync } from './sync.ts';

const entry = subgraphList().subgraphs.find((s) => s.name === 'crm')!;
const config = loadCrmConfig(entry.port);
if (!config.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', reason: 'a separate sync worker needs a Postgres server; the embedded store belongs to the subgraph process (not set)' }]);
const logger = createLogger('crm-sync-worker', config.LOG_LEVEL);
const store = await openStore({ name: 'crm', databaseUrl: config.DATABASE_URL, migrationsDir: fileURLToPath(new URL('../store/migrations', import.meta.url)), logger });
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const sync = startCrmSync({ store, config, logger, bus, role: 'worker' });
if (await sync.ready) logger.info('crm sync worker running');
onShutdown(logger, [() => sync.close(), () => bus.close(), () => store.close()]);
