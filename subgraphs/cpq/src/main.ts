import { fileURLToPath } from 'node:url';
import { createLogger, onShutdown, openStore, RedisEventBus, startOutboxRelay, subgraphList } from '@l2c/shared';
import { loadCpqConfig } from './config.ts';
import { loadCatalogueIfEmpty } from './demo/catalogue.ts';
import { seedDealerDemoDataWhenCrmAnswers } from './demo/dealers.ts';
import { createCpqServer } from './server.ts';

const list = subgraphList().subgraphs;
const entry = list.find((s) => s.name === 'cpq')!;
const crm = list.find((s) => s.name === 'crm')!;
const config = loadCpqConfig({ port: entry.port, crmPort: crm.port });
const logger = createLogger('cpq', config.LOG_LEVEL);

const store = await openStore({
  name: 'cpq',
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  migrationsDir: fileURLToPath(new URL('./store/migrations', import.meta.url)),
  logger,
});
if (config.DEMO_DATA_SIZE > 0) {
  const outcome = await loadCatalogueIfEmpty(store);
  if (outcome.loaded) logger.info({ counts: outcome.counts }, 'demo catalogue loaded into an empty store');
}
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
const relay = startOutboxRelay({ store, bus, source: 'cpq', logger });
const server = await createCpqServer({ store, signingSecret: config.GATEWAY_SIGNING_SECRET, crmUrl: config.CRM_URL, logger });
const port = await server.listen(config.CPQ_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${port}/graphql`, driver: store.driver, crm: config.CRM_URL }, 'cpq subgraph listening');
const seeding = config.DEMO_DATA_SIZE > 0 ? seedDealerDemoDataWhenCrmAnswers({ store, crmUrl: config.CRM_URL, signingSecret: config.GATEWAY_SIGNING_SECRET, logger }) : null;
onShutdown(logger, [async () => seeding?.stop(), () => server.close(), () => relay.stop(), () => bus.close(), () => store.close()]);
