import { createLogger, localSyncSurface, onShutdown, RedisEventBus, startOutboxRelay, SYNC_SURFACE_PATH, subgraphList, syncSurfaceRoute } from '@l2c/shared';
import { createSyncPrometheus } from '@l2c/shared/prometheus';
import { loadCpqConfig } from './config.ts';
import { loadCatalogueIfEmpty } from './demo/catalogue.ts';
import { seedDealerDemoDataWhenCrmAnswers } from './demo/dealers.ts';
import { startCpqSync } from './salesforce/sync.ts';
import { createCpqServer } from './server.ts';
import { openCpqStore } from './store/openCpqStore.ts';

const list = subgraphList().subgraphs;
const entry = list.find((s) => s.name === 'cpq')!;
const crm = list.find((s) => s.name === 'crm')!;
const config = loadCpqConfig({ port: entry.port, crmPort: crm.port });
const logger = createLogger('cpq', config.LOG_LEVEL);

const store = await openCpqStore(config, logger);
if (config.DEMO_DATA_SIZE > 0) {
  const outcome = await loadCatalogueIfEmpty(store);
  if (outcome.loaded) logger.info({ counts: outcome.counts }, 'demo catalogue loaded into an empty store');
}
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const relay = startOutboxRelay({ store, bus, source: 'cpq', logger });
// The sync starts before the server (start-up never blocks on the org); its jobs run on the `cpq-sync` queue.
const prometheus = createSyncPrometheus({ processMetricsPrefix: 'l2c_cpq_' });
const sync = config.SYNC_ENABLED ? startCpqSync({ store, config, logger, bus, role: 'subgraph', metrics: prometheus.hooks }) : null;
// The graph's sync fields (served by CRM) reach this sync on the internal listener, as their signed caller.
const syncRoute = syncSurfaceRoute({ surface: sync ? localSyncSurface(sync.engine) : null, signingSecret: config.GATEWAY_SIGNING_SECRET, logger });
const server = await createCpqServer({ store, signingSecret: config.GATEWAY_SIGNING_SECRET, crmUrl: config.CRM_URL, logger, routes: { '/metrics': (_req, res) => prometheus.serve(res), [SYNC_SURFACE_PATH]: syncRoute } });
const port = await server.listen(config.CPQ_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${port}/graphql`, driver: store.driver, crm: config.CRM_URL }, 'cpq subgraph listening');
const seeding = config.DEMO_DATA_SIZE > 0 ? seedDealerDemoDataWhenCrmAnswers({ store, crmUrl: config.CRM_URL, signingSecret: config.GATEWAY_SIGNING_SECRET, logger }) : null;
onShutdown(logger, [async () => seeding?.stop(), () => server.close(), async () => sync?.close(), () => relay.stop(), () => bus.close(), () => store.close()]);
