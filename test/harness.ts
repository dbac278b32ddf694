import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createCpqServer } from '@l2c/cpq';
import { createCrmServer } from '@l2c/crm';
import { createGateway } from '@l2c/gateway';
import { createNotificationsServer, migrationsDir as notificationsMigrations } from '@l2c/notifications';
import { createDeliveryQueue, createSecretBox, startWebhookWorker } from '@l2c/notifications/webhooks';
import { createBillingServer, migrationsDir as billingMigrations } from '@l2c/billing';
import { createInvoiceRunQueue, startInvoiceRunWorker, startOrderEventConsumer } from '@l2c/billing/runs';
import { createLogger, issueToken, RedisEventBus, repoRoot, startOutboxRelay, type EventBus, type Role, type Store } from '@l2c/shared';
import { subscriptionLayer } from '@l2c/gateway/subscriptions';
import { createAuthenticate } from '@l2c/gateway/authenticate';
import { createUploadProxy } from '@l2c/gateway/uploads';
import { startWarranty, type WarrantyStackOptions } from './warrantyStack.ts';
import { createVisitsServer, migrationsDir as visitsMigrations } from '@l2c/visits';
import { createInsightsServer, migrationsDir as insightsMigrations } from '@l2c/insights';
import { insightsParts } from '@l2c/insights/services';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { loadDemoDataIfEmpty } from '@l2c/crm/demo';

export const JWT_SECRET = 'e2e-jwt-secret-0123456789abcdef';
export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
const logger = createLogger('e2e', 'silent');
const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');
const cpqMigrations = join(repoRoot, 'subgraphs/cpq/src/store/migrations');
const warrantyMigrations = join(repoRoot, 'subgraphs/warranty/src/store/migrations');

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * The real stack in one process: the CRM and CPQ subgraphs on fresh stores and the gateway on the committed
 * supergraph, each on a free port, talking HTTP (CRM and CPQ also call each other, as the caller). `demoSize` loads
 * the demo network into CRM (0: an empty store). `notifications` also starts the
 * notifications subgraph with its webhook worker, on Redis with a random event stream and queue prefix.
 * `subscriptions` serves graphql-ws subscriptions on the gateway, fed by CRM's and CPQ's outbox relays on a random stream.
 * `billing` starts the billing subgraph with its order-event consumer and invoice-run worker on the stack's bus (the
 * subscriptions' when asked for, else one of its own that CPQ's and billing's relays publish to).
 * `warranty` also starts the warranty subgraph (with its outbox in the subscriptions' stream) and the gateway's uploads.
 */
export async function startStack(options: { demoSize?: number; driver?: 'pglite' | 'postgres'; notifications?: NotificationsStackOptions; subscriptions?: SubscriptionsStackOptions; billing?: boolean; warranty?: WarrantyStackOptions; visits?: boolean; insights?: boolean } = {}) {
  const driver = storeDrivers.find((d) => d.name === (options.driver ?? 'pglite'))!;
  const store: DisposableStore = await driver.open(crmMigrations);
  const cpqStore: DisposableStore = await driver.open(cpqMigrations);
  if (options.demoSize) await loadDemoDataIfEmpty(store, { size: options.demoSize, seed: 7 });
  // CRM and CPQ each need the other's URL when they are built: CPQ's port is chosen first.
  const cpqPort = await freePort();
  const cpqUrl = `http://127.0.0.1:${cpqPort}/graphql`;
  const crm = await createCrmServer({ store, signingSecret: SIGNING_SECRET, logger, cpqUrl });
  const crmUrl = `http://127.0.0.1:${await crm.listen(0)}/graphql`;
  const cpq = await createCpqServer({ store: cpqStore, signingSecret: SIGNING_SECRET, crmUrl, logger });
  await cpq.listen(cpqPort);
  const notifications = options.notifications ? await startNotifications(options.notifications) : undefined;
  const billingStore = options.billing ? await storeDrivers.find((d) => d.name === 'pglite')!.open(billingMigrations) : undefined;
  const warrantyStore: DisposableStore | undefined = options.warranty ? await driver.open(warrantyMigrations) : undefined;
  // `visits`: the visits subgraph on a fresh store, calling CRM as the caller; its relay joins the subscriptions'.
  const visitsStore = options.visits ? await driver.open(fileURLToPath(visitsMigrations)) : undefined;
  const visits = visitsStore ? await createVisitsServer({ store: visitsStore, signingSecret: SIGNING_SECRET, crmUrl, logger }) : undefined;
  const visitsUrl = visits ? `http://127.0.0.1:${await visits.listen(0)}/graphql` : undefined;
  // Insights follows the same bus the subscriptions are served from.
  const subscriptions =
    options.subscriptions || options.insights
      ? startSubscriptions(options.subscriptions ?? {}, {
          crm: store,
          cpq: cpqStore,
          ...(billingStore ? { billing: billingStore } : {}),
          ...(warrantyStore ? { warranty: warrantyStore } : {}),
          ...(visitsStore ? { visits: visitsStore } : {}),
        })
      : undefined;
  const billing = billingStore ? await startBilling(billingStore, cpqStore, subscriptions?.bus) : undefined;
  const warranty = warrantyStore ? await startWarranty({ store: warrantyStore, cpqStore, cpqUrl, crmUrl, bus: subscriptions?.bus ?? null, signingSecret: SIGNING_SECRET, logger }, options.warranty!) : undefined;
  const insights = options.insights && subscriptions ? await startInsights(subscriptions.bus, subscriptions.stream, { crmUrl, cpqUrl }) : undefined;
  const gateway = await createGateway({
    supergraphSdl: readFileSync(join(repoRoot, 'gateway/supergraph.graphql'), 'utf8'),
    subgraphUrls: {
      crm: crmUrl,
      cpq: cpqUrl,
      ...(notifications ? { notifications: notifications.url } : {}),
      ...(billing ? { billing: billing.url } : {}),
      ...(warranty ? { warranty: warranty.url } : {}),
      ...(visitsUrl ? { visits: visitsUrl } : {}),
      ...(insights ? { insights: insights.url } : {}),
    },
    jwt: { secret: JWT_SECRET },
    signingSecret: SIGNING_SECRET,
    logger,
    ...(subscriptions ? { layers: [subscriptions.layer] } : {}),
    ...(warranty ? { mounts: [createUploadProxy({ subgraphUrls: { warranty: warranty.url }, authenticate: createAuthenticate({ secret: JWT_SECRET }), signingSecret: SIGNING_SECRET, logger })] } : {}),
  });
  const gatewayUrl = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;

  return {
    /** The CRM store. */
    store,
    cpqStore,
    /** The visits store, when asked for. */
    visitsStore,
    crmUrl,
    cpqUrl,
    gatewayUrl,
    /** The notifications subgraph, when asked for: its URL, store, and the event bus its webhook worker follows. */
    notifications,
    /** The warranty subgraph, when asked for: its URL and store. */
    warranty,
    /** Subscriptions, when asked for: the WebSocket URL (the gateway's own), and the bus CRM's and CPQ's relays publish to. */
    subscriptions: subscriptions && { wsUrl: gatewayUrl.replace(/^http/, 'ws'), bus: subscriptions.bus, stream: subscriptions.stream },
    /** The billing subgraph, when asked for: its URL and store. */
    billing,
    /** The insights subgraph, when asked for: its URL and store; its consumer follows the subscriptions' bus. */
    insights,
    token: (role: Role, dealerAccountId?: string) => issueToken(JWT_SECRET, { sub: `e2e-${role}`, roles: [role], dealerAccountId: dealerAccountId ?? null }),
    /** A token for a named person (an approver, a delegate): their subject and roles. */
    tokenFor: (subject: string, roles: Role[], dealerAccountId?: string) => issueToken(JWT_SECRET, { sub: subject, roles, dealerAccountId: dealerAccountId ?? null }),
    /** Runs an operation through the gateway with a bearer token. */
    async graphql<Data = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>> {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<Data>, 'status'>) };
    },
    async [Symbol.asyncDispose]() {
      await gateway.close();
      await insights?.close();
      await billing?.close();
      await subscriptions?.close();
      await notifications?.close();
      await warranty?.close();
      await warrantyStore?.close();
      await visits?.close();
      await cpq.close();
      await crm.close();
      await visitsStore?.close();
      await cpqStore.close();
      await store.close();
    },
  };
}

export interface NotificationsStackOptions {
  /** Attempts per webhook delivery before it is dead-lettered. Default 3. */
  maxAttempts?: number;
}

/** The notifications subgraph and its webhook worker (50 ms retries), isolated on Redis by a random stream and prefix. */
async function startNotifications(options: NotificationsStackOptions) {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const suffix = randomBytes(6).toString('hex');
  const prefix = `e2e-${suffix}`;
  const stream = `e2e:events:${suffix}`;
  const store: DisposableStore = await storeDrivers.find((d) => d.name === 'pglite')!.open(fileURLToPath(notificationsMigrations));
  const bus = new RedisEventBus({ url: redisUrl, stream, blockMs: 100, retentionMs: 600_000 });
  const secrets = createSecretBox('e2e-webhook-secret-key-0123456789abcdef');
  const queue = createDeliveryQueue({ redisUrl, prefix, maxAttempts: options.maxAttempts ?? 3 });
  const worker = startWebhookWorker({ store, bus, queue, secrets, logger, redisUrl, prefix, consumer: 'e2e', timeoutMs: 2000, backoff: { baseMs: 50, maxMs: 500 } });
  const server = await createNotificationsServer({ store, signingSecret: SIGNING_SECRET, secrets, queue, logger });
  const url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  return {
    url,
    store,
    /** Publish CRM events here (e.g. `startOutboxRelay({ bus, … })`) for the webhook worker to match. */
    bus,
    async close() {
      await server.close();
      await worker.stop();
      await bus.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${stream}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await store.close();
    },
  };
}

/**
 * The billing subgraph on `store`, its consumer of CPQ's order events and its invoice-run worker (queue under a random
 * prefix). On `bus` when given (whose relays already publish CPQ's and billing's outboxes), else on a random stream
 * with relays of its own.
 */
async function startBilling(store: DisposableStore, cpqStore: Store, sharedBus: EventBus | undefined) {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const suffix = randomBytes(6).toString('hex');
  const stream = `e2e:billing:${suffix}`;
  const bus = sharedBus ?? new RedisEventBus({ url: redisUrl, stream, blockMs: 100 });
  const relays = sharedBus ? [] : [startOutboxRelay({ store: cpqStore, bus, source: 'cpq', logger }), startOutboxRelay({ store, bus, source: 'billing', logger })];
  const consumer = startOrderEventConsumer({ store, bus, consumer: 'e2e', logger, settings: { currency: 'EUR', paymentTermDays: 30, alignAmendments: true } });
  const runs = createInvoiceRunQueue({ redisUrl, prefix: `e2e-${suffix}` });
  const worker = startInvoiceRunWorker({ store, redisUrl, prefix: `e2e-${suffix}`, paymentTermDays: 30, logger });
  const server = await createBillingServer({ store, signingSecret: SIGNING_SECRET, logger, runs });
  const url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  return {
    url,
    store,
    async close() {
      await server.close();
      await consumer.stop();
      await worker.close();
      await runs.queue.obliterate({ force: true });
      await runs.close();
      for (const relay of relays) await relay.stop();
      if (!sharedBus) await bus.close();
      const redis = new Redis(redisUrl);
      const keys = [...(await redis.keys(`e2e-${suffix}:*`)), ...(sharedBus ? [] : await redis.keys(`${stream}*`))];
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await store.close();
    },
  };
}

export interface SubscriptionsStackOptions {
  /** Events that may wait for one subscriber before it is disconnected. Default 1000. */
  bufferSize?: number;
}

/**
 * The gateway's subscription layer on a random Redis stream, with CRM's and CPQ's outbox relays publishing to it as
 * their `main.ts` do.
 */
function startSubscriptions(options: SubscriptionsStackOptions, stores: Record<string, Store>) {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const stream = `e2e:subscriptions:${randomBytes(6).toString('hex')}`;
  const bus = new RedisEventBus({ url: redisUrl, stream, blockMs: 100 });
  const relays = Object.entries(stores).map(([source, store]) => startOutboxRelay({ store, bus, source, logger }));
  return {
    stream,
    bus,
    layer: subscriptionLayer({ bus, bufferSize: options.bufferSize, keepAliveMs: 0 }),
    async close() {
      for (const relay of relays) await relay.stop();
      await bus.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${stream}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
}

/** The insights subgraph with its stream consumer and backfill worker (random queue prefix), on the stack's bus. */
async function startInsights(bus: EventBus, stream: string, urls: { crmUrl: string; cpqUrl: string }) {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `e2e-insights-${randomBytes(6).toString('hex')}`;
  const store: DisposableStore = await storeDrivers.find((d) => d.name === 'pglite')!.open(fileURLToPath(insightsMigrations));
  let url = '';
  const parts = insightsParts({ store, bus, stream, logger, signingSecret: SIGNING_SECRET, publicUrl: () => url.replace(/\/graphql$/, ''), ...urls, queue: { redisUrl, prefix } });
  const workers = parts.startWorkers();
  const server = await createInsightsServer({ ...parts.services, signingSecret: SIGNING_SECRET });
  url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  return {
    url,
    store,
    consumer: workers.consumer,
    async close() {
      await server.close();
      await parts.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await store.close();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** A port nothing listens on right now (for a server whose URL must be known before it listens). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

/** The data of a response that must have no errors; fails with the errors otherwise. */
export function ok<Data>(response: GraphQLResponse<Data>): Data {
  if (response.errors?.length || !response.data) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}
