import { createLogger, INTERNAL_PORT_OFFSET, onShutdown, RedisEventBus, remoteSyncSource, startOutboxRelay, SYNC_SURFACE_PATH, subgraphList } from '@l2c/shared';
import { loadCrmConfig } from './config.ts';
import { loadDemoDataIfEmpty } from './demo/load.ts';
import { createSyncPrometheus } from './salesforce/metrics.ts';
import { startCrmSync } from './salesforce/sync.ts';
import { createCrmServer } from './server.ts';
import { openCrmStore } from './store/openCrmStore.ts';

const list = subgraphList().subgraphs;
const entry = list.find((s) => s.name === 'crm')!;
const cpq = list.find((s) => s.name === 'cpq');
// The other subgraphs that sync serve their sync on their internal listener (their port + 5000) unless told otherwise.
const syncing = list.filter((s) => s.sync && s.name !== 'crm').map((s) => `${s.name}=http://127.0.0.1:${s.port + INTERNAL_PORT_OFFSET}${SYNC_SURFACE_PATH}`);
const config = loadCrmConfig(entry.port, process.env, syncing.join(','));
const cpqUrl = config.CPQ_URL ?? (cpq ? `http://127.0.0.1:${config.CPQ_PORT ?? cpq.port}/graphql` : undefined);
const logger = createLogger('crm', config.LOG_LEVEL);

const store = await openCrmStore(config, logger);
let demoLoaded = false;
if (config.DEMO_DATA_SIZE > 0) {
  const outcome = await loadDemoDataIfEmpty(store, { size: config.DEMO_DATA_SIZE, seed: config.DEMO_DATA_SEED });
  demoLoaded = outcome.loaded;
  if (outcome.loaded) logger.info({ size: config.DEMO_DATA_SIZE, seed: config.DEMO_DATA_SEED, counts: outcome.counts }, 'demo data loaded into an empty store');
}
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const relay = startOutboxRelay({ store, bus, source: 'crm', logger });
// The sync starts before the server (start-up never blocks on the org) so the graph's sync fields have its engine.
const prometheus = createSyncPrometheus();
const sync = config.SYNC_ENABLED ? startCrmSync({ store, config, logger, bus, role: 'subgraph', metrics: prometheus.hooks }) : null;
// The local emulator starts as an empty org: the demo network just loaded here is pushed to it, so the demo org and
// the CRM agree from the first minute. Never done against a configured org.
if (sync?.emulator && demoLoaded) {
  void sync.ready.then(async (started) => {
    if (!started) return;
    const run = await sync.engine.startSync({ objects: 'all', mode: 'full', direction: 'out', requestedBy: 'demo data' });
    logger.info({ runId: run.id }, 'pushing the demo network to the Salesforce emulator');
  });
}
const server = await createCrmServer({
  store,
  signingSecret: config.GATEWAY_SIGNING_SECRET,
  logger,
  cpqUrl,
  sync: sync?.engine ?? null,
  syncRemotes: config.SYNC_REMOTES.map((remote) => remoteSyncSource({ ...remote, signingSecret: config.GATEWAY_SIGNING_SECRET })),
  routes: { '/metrics': (_req, res) => prometheus.serve(res) },
  internal: { port: config.METRICS_PORT, host: config.METRICS_HOST },
});
const port = await server.listen(config.CRM_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${port}/graphql`, syncRemotes: config.SYNC_REMOTES.map((r) => r.name), metrics: `http://${config.METRICS_HOST}:${server.internalPort}/metrics`, driver: store.driver }, 'crm subgraph listening');
onShutdown(logger, [() => server.close(), async () => sync?.close(), () => relay.stop(), () => bus.close(), () => store.close()]);
