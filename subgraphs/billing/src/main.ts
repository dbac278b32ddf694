import { createLogger, localSyncSurface, onShutdown, openStore, RedisEventBus, startOutboxRelay, SYNC_SURFACE_PATH, subgraphList, syncSurfaceRoute } from '@l2c/shared';
import { loadBillingConfig } from './config.ts';
import { startOrderEventConsumer } from './consumer/orderEvents.ts';
import { startBillingSync } from './salesforce/sync.ts';
import { createBillingServer, migrationsDir } from './server.ts';
import { createInvoiceRunQueue } from './runs/queue.ts';
import { startInvoiceRunWorker } from './runs/worker.ts';

const entry = subgraphList().subgraphs.find((s) => s.name === 'billing')!;
const config = loadBillingConfig(entry.port);
const logger = createLogger('billing', config.LOG_LEVEL);

const store = await openStore({ name: 'billing', databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrationsDir, logger });
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const relay = startOutboxRelay({ store, bus, source: 'billing', logger });
// CPQ's activated orders become billing schedules: the `billing` consumer group resumes where it stopped.
const consumer = startOrderEventConsumer({ store, settings: config.settings, bus, consumer: config.BILLING_CONSUMER, logger });
const runs = createInvoiceRunQueue({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
await runs.schedule(config.runSchedule, config.INVOICE_RUN_TZ);
const worker = config.INVOICE_RUN_WORKERS === 'inline' ? startInvoiceRunWorker({ store, redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, paymentTermDays: config.settings.paymentTermDays, logger }) : null;
const sync = config.SYNC_ENABLED ? startBillingSync({ store, config, logger, bus, role: 'subgraph' }) : null;
// The graph's sync fields (served by CRM) reach this sync on the internal listener, as their signed caller.
const syncRoute = syncSurfaceRoute({ surface: sync ? localSyncSurface(sync.engine) : null, signingSecret: config.GATEWAY_SIGNING_SECRET, logger });
const server = await createBillingServer({ store, signingSecret: config.GATEWAY_SIGNING_SECRET, logger, settings: config.settings, runs, routes: { [SYNC_SURFACE_PATH]: syncRoute } });
const port = await server.listen(config.BILLING_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${port}/graphql`, driver: store.driver, runSchedule: config.runSchedule, runWorkers: config.INVOICE_RUN_WORKERS }, 'billing subgraph listening');
onShutdown(logger, [() => server.close(), async () => sync?.close(), async () => worker?.close(), () => runs.close(), () => consumer.stop(), () => relay.stop(), () => bus.close(), () => store.close()]);
