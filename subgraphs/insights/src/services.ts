import { fileURLToPath } from 'node:url';
import { createSubgraphClient, openStore, RedisEventBus, startOutboxRelay, type EventBus, type Logger, type OutboxRelay, type Store } from '@l2c/shared';
import { graphHistory } from './backfill/history.ts';
import { createBackfillQueue, startBackfillWorker, type BackfillQueue } from './backfill/queue.ts';
import { runBackfill } from './backfill/runBackfill.ts';
import type { InsightsConfig } from './config.ts';
import type { InsightsServices } from './context.ts';
import { crmDirectory, type CrmDirectory } from './crm.ts';
import { createLinkSigner } from './export/links.ts';
import { startLogConsumer, type LogConsumer } from './ingest/consumer.ts';
import { dealerRegionRefresher } from './ingest/dealerRegions.ts';
import { migrationsDir } from './server.ts';
import { stageCatalogue } from './stages.ts';

export interface InsightsWorkers {
  consumer: LogConsumer;
  stop(): Promise<void>;
}

export interface InsightsParts {
  services: InsightsServices;
  crm: CrmDirectory | null;
  /** Follows the stream into the log, relays insights' own events, runs backfills. */
  startWorkers(): InsightsWorkers;
  close(): Promise<void>;
}

/**
 * Everything the insights process runs, wired from explicit parts (tests and the benchmark pass their own store, bus
 * and URLs; `main.ts` passes the configuration's).
 */
export function insightsParts(options: {
  store: Store;
  bus: EventBus;
  stream: string;
  logger: Logger;
  signingSecret: string;
  /** Where clients reach this process's download routes (a function when it is known only once listening). */
  publicUrl: string | (() => string);
  crmUrl: string | null;
  cpqUrl: string | null;
  queue: { redisUrl: string; prefix: string } | null;
}): InsightsParts {
  const { store, bus, logger } = options;
  const crm = options.crmUrl ? crmDirectory(createSubgraphClient({ url: options.crmUrl, name: 'crm' }), options.signingSecret) : null;
  const backfills: (BackfillQueue & { close(): Promise<void> }) | null = options.queue ? createBackfillQueue(options.queue) : null;
  const services: InsightsServices = {
    store,
    logger,
    links: createLinkSigner({ secret: options.signingSecret, baseUrl: options.publicUrl }),
    stages: stageCatalogue(crm, logger),
    backfills,
  };
  let workers: InsightsWorkers | null = null;
  return {
    services,
    crm,
    startWorkers() {
      const refreshRegions = dealerRegionRefresher(store, crm, logger);
      const consumer = startLogConsumer({ store, bus, stream: options.stream, logger, afterBatch: (outcome) => void refreshRegions(outcome.cases.map((c) => c.dealerId)) });
      const relay: OutboxRelay = startOutboxRelay({ store, bus, source: 'insights', logger });
      const backfillWorker =
        options.queue && options.crmUrl && options.cpqUrl
          ? startBackfillWorker({
              ...options.queue,
              run: (backfillId) =>
                runBackfill({
                  store,
                  backfillId,
                  logger,
                  history: graphHistory({ crm: createSubgraphClient({ url: options.crmUrl!, name: 'crm', timeoutMs: 30_000 }), cpq: createSubgraphClient({ url: options.cpqUrl!, name: 'cpq', timeoutMs: 30_000 }) }, options.signingSecret),
                  afterPage: (dealers) => void refreshRegions(dealers),
                }),
            })
          : null;
      workers = {
        consumer,
        async stop() {
          await consumer.stop();
          await backfillWorker?.close();
          await relay.stop();
        },
      };
      return workers;
    },
    async close() {
      await workers?.stop();
      await backfills?.close();
    },
  };
}

/** Opens the store and the bus the configuration names, and wires the parts on them. */
export async function openInsights(config: InsightsConfig, logger: Logger): Promise<InsightsParts & { store: Store }> {
  const store = await openStore({ name: 'insights', databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrationsDir: fileURLToPath(migrationsDir), logger });
  const bus = new RedisEventBus({ url: config.REDIS_URL, stream: config.EVENT_STREAM });
  const parts = insightsParts({
    store,
    bus,
    stream: config.EVENT_STREAM,
    logger,
    signingSecret: config.GATEWAY_SIGNING_SECRET,
    publicUrl: config.INSIGHTS_PUBLIC_URL,
    crmUrl: config.CRM_URL,
    cpqUrl: config.CPQ_URL,
    queue: { redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX },
  });
  return {
    ...parts,
    store,
    async close() {
      await parts.close();
      await bus.close();
      await store.close();
    },
  };
}
