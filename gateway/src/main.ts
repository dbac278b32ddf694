import { readFile } from 'node:fs/promises';
import { DEV_GATEWAY_SIGNING_SECRET, DEV_JWT_SECRET, RedisEventBus, createLogger, onShutdown, type JwtVerifierOptions } from '@l2c/shared';
import { createAdminQueues, ADMIN_QUEUES_PATH } from './adminQueues.ts';
import { createAuthenticate } from './authenticate.ts';
import { CONSOLE_PATH, consoleMount } from './console.ts';
import { parseGatewayConfig, type GatewayConfig } from './config.ts';
import { GRAPHQL_PATH, createGateway } from './server.ts';
import { subscriptionLayer } from './subscriptions/index.ts';
import { loadTrustedDocuments } from './trustedDocuments.ts';
import { createUploadProxy, subgraphUrlsOf } from './uploads.ts';

const config = parseGatewayConfig();
const logger = createLogger('gateway', config.LOG_LEVEL);
if (config.JWT_SECRET === DEV_JWT_SECRET && !config.JWKS_URL) logger.warn('JWT_SECRET is the development default; set it (or JWKS_URL) outside development');
if (config.GATEWAY_SIGNING_SECRET === DEV_GATEWAY_SIGNING_SECRET) logger.warn('GATEWAY_SIGNING_SECRET is the development default; set it outside development');

const retentionMs = config.EVENT_RETENTION_DAYS * 86_400_000;
const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM, retentionMs });
const adminQueues = createAdminQueues({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, authenticate: createAuthenticate(jwtOptions(config)) });
const supergraphSdl = await readSupergraph(config.SUPERGRAPH_PATH);
const uploads = createUploadProxy({ subgraphUrls: subgraphUrlsOf(supergraphSdl, config.SUBGRAPH_URLS), authenticate: createAuthenticate(jwtOptions(config)), signingSecret: config.GATEWAY_SIGNING_SECRET, logger });
const gateway = await createGateway({
  supergraphSdl,
  subgraphUrls: config.SUBGRAPH_URLS,
  jwt: jwtOptions(config),
  signingSecret: config.GATEWAY_SIGNING_SECRET,
  limits: { maxDepth: config.MAX_QUERY_DEPTH, maxBytes: config.MAX_QUERY_BYTES, maxAliases: config.MAX_QUERY_ALIASES },
  trustedDocuments: { documents: await loadTrustedDocuments(config.TRUSTED_DOCUMENTS_PATH), mode: config.TRUSTED_DOCUMENTS },
  subgraphCalls: {
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    connections: config.SUBGRAPH_CONNECTIONS,
    deduplicate: config.SUBGRAPH_DEDUPLICATE,
    batch: config.SUBGRAPH_BATCH,
    circuit: { failureThreshold: config.SUBGRAPH_CIRCUIT_FAILURES, openMs: config.SUBGRAPH_CIRCUIT_OPEN_MS },
  },
  logger,
  layers: [subscriptionLayer({ bus, retentionMs, bufferSize: config.SUBSCRIBER_BUFFER, keepAliveMs: config.SUBSCRIPTION_KEEPALIVE_MS })],
  mounts: [
    { prefix: ADMIN_QUEUES_PATH, handle: adminQueues.handle },
    uploads,
    // Development login only while tokens are verified with the development secret, which anyone can sign with anyway.
    consoleMount({ devTokens: config.JWT_SECRET === DEV_JWT_SECRET && !config.JWKS_URL ? { secret: config.JWT_SECRET } : null, bullBoardPath: ADMIN_QUEUES_PATH }),
  ],
});
const port = await gateway.listen(config.GATEWAY_PORT, config.HOST);
logger.info(
  { url: `http://localhost:${port}${GRAPHQL_PATH}`, subscriptions: `ws://localhost:${port}${GRAPHQL_PATH}`, ide: `http://localhost:${port}/` },
  `gateway ready at http://localhost:${port}${GRAPHQL_PATH} (console: http://localhost:${port}${CONSOLE_PATH}/, queues: http://localhost:${port}${ADMIN_QUEUES_PATH}?token=…)`,
);
onShutdown(logger, [() => gateway.close(), () => adminQueues.close(), () => bus.close()]);

async function readSupergraph(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist; compose it with `npm run codegen`' : (error as Error).message;
    throw new Error(`cannot read the supergraph at ${path} (SUPERGRAPH_PATH): ${reason}`);
  }
}

function jwtOptions(config: GatewayConfig): JwtVerifierOptions {
  const claims = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, maxLifetimeSeconds: Math.round(config.JWT_MAX_LIFETIME_HOURS * 3600) };
  return config.JWKS_URL ? { jwksUrl: config.JWKS_URL, ...claims } : { secret: config.JWT_SECRET, ...claims };
}
