import { createLogger, localSyncSurface, onShutdown, RedisEventBus, startOutboxRelay, SYNC_SURFACE_PATH, subgraphList, syncSurfaceRoute } from '@l2c/shared';
import { loadVisitsConfig } from './config.ts';
import { seedVisitsDemoWhenCrmAnswers } from './demo/load.ts';
import { startVisitsSync } from './salesforce/sync.ts';
import { createVisitsServer } from './server.ts';
import { openVisitsStore } from './store/openVisitsStore.ts';

const list = subgraphList().subgraphs;
const port = (name: string) => list.find((s) => s.name === name)?.port ?? 0;
const config = loadVisitsConfig({ port: port('visits'), crmPort: port('crm'), cpqPort: port('cpq') });
const logger = createLogger('visits', config.LOG_LEVEL);

const store = await openVisitsStore(config, logger);
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const relay = startOutboxRelay({ store, bus, source: 'visits', logger });
// The sync starts before the server (start-up never blocks on the org).
const sync = config.SYNC_ENABLED ? startVisitsSync({ store, config, logger, bus, role: 'subgraph' }) : null;
// The graph's sync fields (served by CRM) reach this sync on the internal listener, as their signed caller.
const syncRoute = syncSurfaceRoute({ surface: sync ? localSyncSurface(sync.engine) : null, signingSecret: config.GATEWAY_SIGNING_SECRET, logger });
const server = await createVisitsServer({ store, signingSecret: config.GATEWAY_SIGNING_SECRET, crmUrl: config.CRM_URL, logger, routes: { [SYNC_SURFACE_PATH]: syncRoute } });
const listening = await server.listen(config.VISITS_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${listening}/graphql`, driver: store.driver, crm: config.CRM_URL }, 'visits subgraph listening');

const seeding = config.DEMO_DATA_SIZE > 0 ? seedVisitsDemoWhenCrmAnswers({ store, crmUrl: config.CRM_URL, cpqUrl: config.CPQ_URL, signingSecret: config.GATEWAY_SIGNING_SECRET, logger }) : null;
// The local emulator starts as an empty org: the demo just loaded is pushed to it (after the dealers CRM pushes are
// read, parents first), never to a configured org. Visits whose dealer is not there yet are retried by the schedule.
if (sync?.emulator && seeding) {
  void Promise.all([seeding.done, sync.ready]).then(async ([outcome, started]) => {
    if (!outcome.loaded || !started) return;
    const run = await sync.engine.startSync({ objects: 'all', mode: 'full', direction: 'both', requestedBy: 'demo data' });
    logger.info({ runId: run.id }, 'pushing the demo visits to the Salesforce emulator');
  });
}
onShutdown(logger, [async () => seeding?.stop(), () => server.close(), async () => sync?.close(), () => relay.stop(), () => bus.close(), () => store.close()]);
