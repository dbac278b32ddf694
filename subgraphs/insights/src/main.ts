import { createLogger, onShutdown, subgraphList } from '@l2c/shared';
import { loadInsightsConfig } from './config.ts';
import { createInsightsServer } from './server.ts';
import { openInsights } from './services.ts';

const list = subgraphList().subgraphs;
const port = (name: string) => list.find((s) => s.name === name)!.port;
const config = loadInsightsConfig({ port: port('insights'), crmPort: port('crm'), cpqPort: port('cpq') });
const logger = createLogger('insights', config.LOG_LEVEL);

const insights = await openInsights(config, logger);
// INSIGHTS_WORKER=off: this process only serves GraphQL (and downloads); another one follows the stream.
if (config.INSIGHTS_WORKER === 'inline') insights.startWorkers();
const server = await createInsightsServer({ ...insights.services, signingSecret: config.GATEWAY_SIGNING_SECRET });
const listening = await server.listen(config.INSIGHTS_PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${listening}/graphql`, driver: insights.store.driver, worker: config.INSIGHTS_WORKER, stream: config.EVENT_STREAM }, 'insights subgraph listening');
onShutdown(logger, [() => server.close(), () => insights.close()]);
