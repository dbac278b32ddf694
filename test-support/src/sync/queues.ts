/**
 * Test support: closes an engine and removes everything its queues left in Redis (every key under the test's random
 * prefix), so test runs do not accumulate keys.
 */
import { Redis } from 'ioredis';
import type { SyncEngine } from '@l2c/shared';

export async function disposeEngine(engine: SyncEngine | undefined, redisUrl: string, prefix: string): Promise<void> {
  await engine?.close();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
