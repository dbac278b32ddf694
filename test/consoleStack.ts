/**
 * The stack the admin console runs against, as `npm start` wires it, in one process on free ports: the Salesforce
 * emulator (with its control hook, for fault injection), CRM with its sync engine, outbox relay and demo data,
 * notifications with its webhook worker and the job queues' inspector, insights following the event stream into its
 * process log, and the gateway with subscriptions, Bull
 * Board and the console. Redis keys live under a random prefix and stream, removed on dispose.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createCrmServer } from '@l2c/crm';
import { createGateway } from '@l2c/gateway';
import { createInsightsServer, migrationsDir as insightsMigrations } from '@l2c/insights';
import { insightsParts } from '@l2c/insights/services';
import { createNotificationsServer, migrationsDir as notificationsMigrations } from '@l2c/notifications';
import { createDeliveryQueue, createSecretBox, startWebhookWorker } from '@l2c/notifications/webhooks';
import { createEmulator } from '@l2c/salesforce-emulator';
import { createLogger, createQueueInspector, createSyncEngine, issueToken, JOB_QUEUES, RedisEventBus, repoRoot, startOutboxRelay, type Role } from '@l2c/shared';
import { storeDrivers } from '@l2c/shared/testing';
import { createAdminQueues, ADMIN_QUEUES_PATH } from '@l2c/gateway/adminQueues';
import { createAuthenticate } from '@l2c/gateway/authenticate';
import { consoleMount } from '@l2c/gateway/console';
import { subscriptionLayer } from '@l2c/gateway/subscriptions';
import { loadDemoDataIfEmpty } from '@l2c/crm/demo';
import { crmMappings } from '@l2c/crm/salesforce';
import { JWT_SECRET, SIGNING_SECRET, type GraphQLResponse } from './harness.ts';

export interface ConsoleStackOptions {
  /** Demo network size loaded into CRM. Default 2. */
  demoSize?: number;
  /** Objects whose conflicts wait for an admin (policy `manual`). Default: Lead. */
  manualConflicts?: string[];
}

export async function startConsoleStack(options: ConsoleStackOptions = {}) {
  const logger = createLogger('console-e2e', (process.env.E2E_LOG_LEVEL ?? 'silent') as 'silent');
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const suffix = randomBytes(5).toString('hex');
  const prefix = `e2e-console-${suffix}`;
  const stream = `e2e:console:${suffix}`;
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const step of closers.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const emulator = createEmulator({ control: true });
    const salesforceUrl = await emulator.listen(0);
    closers.push(() => emulator.close());
    const pglite = storeDrivers.find((d) => d.name === 'pglite')!;
    const crmStore = await pglite.open(join(repoRoot, 'subgraphs/crm/src/store/migrations'));
    closers.push(() => crmStore.close());
    await loadDemoDataIfEmpty(crmStore, { size: options.demoSize ?? 2, seed: 11 });
    const bus = new RedisEventBus({ url: redisUrl, stream, blockMs: 100, retentionMs: 600_000 });
    closers.push(async () => {
      await bus.close();
      await removeKeys(redisUrl, [`${stream}*`, `${prefix}:*`]);
    });

    const manual = new Set(options.manualConflicts ?? ['Lead']);
    const { clientId, clientSecret } = emulator.credentials;
    const engine = createSyncEngine({
      store: crmStore,
      mappings: crmMappings.map((m) => (manual.has(m.name) ? { ...m, conflictPolicy: 'manual' as const } : m)),
      salesforce: { auth: { kind: 'client_credentials', loginUrl: salesforceUrl, clientId, clientSecret }, apiVersion: '62.0', backoff: { baseMs: 20, maxMs: 200 } },
      queue: { redisUrl, prefix, name: 'crm-sync' },
      source: 'crm',
      logger,
      bus,
      workers: { concurrency: 2 },
      // Pushes run when asked (the page or the test starts them), so a local edit waits for the conflict it is meant to make.
      triggers: { schedules: { defaultMinutes: 60 }, pushIntervalMs: 0, cdc: false },
      jobs: { attempts: 2, backoffMs: 200 },
    });
    await engine.start();
    closers.push(() => engine.close());
    const relay = startOutboxRelay({ store: crmStore, bus, source: 'crm', logger });
    closers.push(() => relay.stop());
    const crm = await createCrmServer({ store: crmStore, signingSecret: SIGNING_SECRET, logger, sync: engine });
    const crmUrl = `http://127.0.0.1:${await crm.listen(0)}/graphql`;
    closers.push(() => crm.close());

    const notificationsStore = await pglite.open(fileURLToPath(notificationsMigrations));
    closers.push(() => notificationsStore.close());
    const secrets = createSecretBox('e2e-webhook-secret-key-0123456789abcdef');
    const deliveries = createDeliveryQueue({ redisUrl, prefix, maxAttempts: 1 });
    closers.push(() => deliveries.close());
    const worker = startWebhookWorker({ store: notificationsStore, bus, queue: deliveries, secrets, logger, redisUrl, prefix, consumer: 'console-e2e', timeoutMs: 2000, backoff: { baseMs: 50, maxMs: 500 } });
    closers.push(() => worker.stop());
    const jobs = createQueueInspector({ redisUrl, prefix, queues: JOB_QUEUES });
    closers.push(() => jobs.close());
    const notifications = await createNotificationsServer({ store: notificationsStore, signingSecret: SIGNING_SECRET, secrets, queue: deliveries, jobs, logger });
    const notificationsUrl = `http://127.0.0.1:${await notifications.listen(0)}/graphql`;
    closers.push(() => notifications.close());

    const insightsStore = await pglite.open(fileURLToPath(insightsMigrations));
    closers.push(() => insightsStore.close());
    let insightsUrl = '';
    const insightsQueue = { redisUrl, prefix };
    const insightsPieces = insightsParts({ store: insightsStore, bus, stream, logger, signingSecret: SIGNING_SECRET, publicUrl: () => insightsUrl.replace(/\/graphql$/, ''), crmUrl, cpqUrl: null, queue: insightsQueue });
    closers.push(() => insightsPieces.close());
    const insightsWorkers = insightsPieces.startWorkers();
    closers.push(() => insightsWorkers.stop());
    const insights = await createInsightsServer({ ...insightsPieces.services, signingSecret: SIGNING_SECRET });
    insightsUrl = `http://127.0.0.1:${await insights.listen(0)}/graphql`;
    closers.push(() => insights.close());

    const authenticate = createAuthenticate({ secret: JWT_SECRET });
    const adminQueues = createAdminQueues({ redisUrl, prefix, authenticate });
    closers.push(() => adminQueues.close());
    const gateway = await createGateway({
      supergraphSdl: readFileSync(join(repoRoot, 'gateway/supergraph.graphql'), 'utf8'),
      subgraphUrls: { crm: crmUrl, notifications: notificationsUrl, insights: insightsUrl },
      jwt: { secret: JWT_SECRET },
      signingSecret: SIGNING_SECRET,
      logger,
      layers: [subscriptionLayer({ bus, keepAliveMs: 0 })],
      mounts: [
        { prefix: ADMIN_QUEUES_PATH, handle: adminQueues.handle },
        consoleMount({ devTokens: { secret: JWT_SECRET }, bullBoardPath: ADMIN_QUEUES_PATH }),
      ],
    });
    const base = `http://127.0.0.1:${await gateway.listen(0)}`;
    closers.push(() => gateway.close());

    return {
      /** The gateway's origin: the console is at `${base}/console/`. */
      base,
      salesforceUrl,
      engine,
      crmStore,
      token: (role: Role, dealerAccountId?: string) => issueToken(JWT_SECRET, { sub: `e2e-${role}`, roles: [role], dealerAccountId: dealerAccountId ?? null }),
      async graphql<Data = Record<string, unknown>>(role: Role, query: string, variables?: Record<string, unknown>, dealerAccountId?: string): Promise<GraphQLResponse<Data>> {
        const response = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await issueToken(JWT_SECRET, { sub: `e2e-${role}`, roles: [role], dealerAccountId: dealerAccountId ?? null })}` },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<Data>, 'status'>) };
      },
      /** The emulator's `/__control/` hook (faults, API usage). */
      async control(method: string, path: string, body?: unknown): Promise<unknown> {
        const response = await fetch(`${salesforceUrl}/__control/${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
        if (!response.ok) throw new Error(`emulator control ${method} ${path}: ${response.status} ${await response.text()}`);
        return response.json();
      },
      /** A REST call to the emulator as the integration user (changes made "in Salesforce"). */
      async salesforce(method: string, path: string, body?: unknown): Promise<unknown> {
        const login = await fetch(`${salesforceUrl}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }) });
        const { access_token: accessToken } = (await login.json()) as { access_token: string };
        const response = await fetch(`${salesforceUrl}/services/data/v62.0${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
        if (!response.ok) throw new Error(`Salesforce ${method} ${path}: ${response.status} ${await response.text()}`);
        return response.status === 204 ? null : response.json();
      },
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export type ConsoleStack = Awaited<ReturnType<typeof startConsoleStack>>;

async function removeKeys(redisUrl: string, patterns: string[]): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (const pattern of patterns) {
      const keys = await redis.keys(pattern);
      if (keys.length) await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}
