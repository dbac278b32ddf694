import { createLogger, onShutdown, subgraphList } from '@l2c/shared';
import { loadNotificationsConfig } from './config.ts';
import { createNotificationsServer } from './server.ts';
import { openNotificationsServices } from './services.ts';

const entry = subgraphList().subgraphs.find((s) => s.name === 'notifications')!;
const config = loadNotificationsConfig(entry.port);
const logger = createLogger('notifications', config.LOG_LEVEL);

const services = await openNotificationsServices(config, logger);
// WEBHOOK_WORKER=off: this process only serves GraphQL, and `worker.ts` runs the same worker elsewhere.
if (config.WEBHOOK_WORKER === 'inline') services.startWorker();
const server = await createNotificationsServer({ ...services, signingSecret: config.GATEWAY_SIGNING_SECRET, logger });
const port = await server.listen(config.NOTIFICATIONS_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${port}/graphql`, driver: services.store.driver, webhookWorker: config.WEBHOOK_WORKER }, 'notifications subgraph listening');
onShutdown(logger, [() => server.close(), () => services.close()]);
