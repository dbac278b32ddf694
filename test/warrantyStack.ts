import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createSubgraphClient, RedisEventBus, startOutboxRelay, type EventBus, type Logger, type Store } from '@l2c/shared';
import { createWarrantyServer } from '@l2c/warranty';
import { createImportQueue, startImportWorker } from '@l2c/warranty/imports';
import { cpqAssetDirectory, crmDealerDirectory, startAssetIntake } from '@l2c/warranty/intake';

export interface WarrantyStackOptions {
  /** Rows per import batch. Default 1000. */
  importBatchSize?: number;
}

/**
 * The warranty subgraph as its `main.ts` runs it, for the e2e stack: CPQ's assets read through the graph (its
 * activated orders' events followed on `bus`), CRM's dealers by code, CSV imports on a BullMQ queue under a random
 * prefix. Without a bus (no subscriptions in the stack) it relays CPQ's and its own outbox to a random stream itself.
 */
export async function startWarranty(parts: { store: Store; cpqStore: Store; cpqUrl: string; crmUrl: string; bus: EventBus | null; signingSecret: string; logger: Logger }, options: WarrantyStackOptions) {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const suffix = randomBytes(6).toString('hex');
  const prefix = `e2e-warranty-${suffix}`;
  const ownStream = parts.bus ? null : `e2e:warranty:${suffix}`;
  const bus = parts.bus ?? new RedisEventBus({ url: redisUrl, stream: ownStream!, blockMs: 100 });
  const relays = ownStream ? [startOutboxRelay({ store: parts.cpqStore, bus, source: 'cpq', logger: parts.logger }), startOutboxRelay({ store: parts.store, bus, source: 'warranty', logger: parts.logger })] : [];
  const assets = cpqAssetDirectory(createSubgraphClient({ url: parts.cpqUrl }), parts.signingSecret);
  const dealers = crmDealerDirectory(createSubgraphClient({ url: parts.crmUrl }), parts.signingSecret);
  const intake = startAssetIntake({ bus, store: parts.store, assets, logger: parts.logger, consumer: 'e2e', newId: randomUUID });
  const queue = createImportQueue({ redisUrl, prefix, backoffMs: 100 });
  const worker = startImportWorker({ store: parts.store, dealers, logger: parts.logger, redisUrl, prefix, batchSize: options.importBatchSize ?? 1000 });
  const server = await createWarrantyServer({ store: parts.store, signingSecret: parts.signingSecret, logger: parts.logger, importQueue: queue, assets });
  const url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  return {
    url,
    store: parts.store,
    async close() {
      await server.close();
      await intake.stop();
      await worker.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      for (const relay of relays) await relay.stop();
      const redis = new Redis(redisUrl);
      const keys = [...(await redis.keys(`${prefix}:*`)), ...(ownStream ? await redis.keys(`${ownStream}*`) : [])];
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      if (ownStream) await bus.close();
    },
  };
}
