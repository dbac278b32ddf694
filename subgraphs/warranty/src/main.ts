import { randomUUID } from 'node:crypto';
import { createLogger, createSubgraphClient, localSyncSurface, onShutdown, RedisEventBus, startOutboxRelay, SYNC_SURFACE_PATH, subgraphList, syncSurfaceRoute } from '@l2c/shared';
import { loadWarrantyConfig } from './config.ts';
import { loadDemoBookIfEmpty } from './demo/book.ts';
import { createImportQueue, requeueUnfinished, startImportWorker } from './imports/queue.ts';
import { cpqAssetDirectory } from './intake/assetDirectory.ts';
import { startAssetIntake } from './intake/assetIntake.ts';
import { crmDealerDirectory } from './intake/dealerDirectory.ts';
import { startWarrantySync } from './salesforce/sync.ts';
import { createWarrantyServer } from './server.ts';
import { openWarrantyStore } from './store/openWarrantyStore.ts';

const list = subgraphList().subgraphs;
const port = (name: string, fallback: number) => list.find((s) => s.name === name)?.port ?? fallback;
const config = loadWarrantyConfig({ port: port('warranty', 4005), cpqPort: port('cpq', 4002), crmPort: port('crm', 4001) });
const logger = createLogger('warranty', config.LOG_LEVEL);

const store = await openWarrantyStore(config, logger);
if (config.DEMO_DATA_SIZE > 0 && (await loadDemoBookIfEmpty(store)).loaded) logger.info('demo book (codes, warranty terms, incentive programs) loaded into an empty store');
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const relay = startOutboxRelay({ store, bus, source: 'warranty', logger });
const assets = cpqAssetDirectory(createSubgraphClient({ url: config.CPQ_URL, name: 'cpq' }), config.GATEWAY_SIGNING_SECRET);
const dealers = crmDealerDirectory(createSubgraphClient({ url: config.CRM_URL, name: 'crm' }), config.GATEWAY_SIGNING_SECRET);
const importQueue = createImportQueue({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
const importWorker =
  config.IMPORT_WORKERS === 'inline'
    ? startImportWorker({ store, dealers, logger, redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, concurrency: config.IMPORT_WORKER_CONCURRENCY, batchSize: config.IMPORT_BATCH_SIZE, maxRows: config.IMPORT_MAX_ROWS })
    : null;
const requeued = await requeueUnfinished(store, importQueue);
if (requeued > 0) logger.info({ imports: requeued }, 'unfinished csv imports queued again');
const intake = config.ASSET_INTAKE ? startAssetIntake({ bus, store, assets, logger, newId: randomUUID }) : null;
// The sync starts before the server (start-up never blocks on the org).
const sync = config.SYNC_ENABLED ? startWarrantySync({ store, config, logger, bus, role: 'subgraph' }) : null;
// The graph's sync fields (served by CRM) reach this sync on the internal listener, as their signed caller.
const syncRoute = syncSurfaceRoute({ surface: sync ? localSyncSurface(sync.engine) : null, signingSecret: config.GATEWAY_SIGNING_SECRET, logger });
const server = await createWarrantyServer({ store, signingSecret: config.GATEWAY_SIGNING_SECRET, logger, importQueue, assets, maxUploadBytes: config.IMPORT_MAX_BYTES, routes: { [SYNC_SURFACE_PATH]: syncRoute } });
const listening = await server.listen(config.WARRANTY_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${listening}/graphql`, driver: store.driver, cpq: config.CPQ_URL, crm: config.CRM_URL }, 'warranty subgraph listening');
onShutdown(logger, [
  () => server.close(),
  async () => intake?.stop(),
  async () => importWorker?.close(),
  () => importQueue.close(),
  async () => sync?.close(),
  () => relay.stop(),
  () => bus.close(),
  () => store.close(),
]);
