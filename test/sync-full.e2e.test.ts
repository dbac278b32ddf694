/**
 * Full sync of every CRM object in both directions at scale: 20,000 records of each object born locally and 20,000
 * born in Salesforce, one `all` run (parents before children), then the store and the org agree field by field.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, repoRoot, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg, disposeEngine, runFinished } from '@l2c/test-support/sync';
import { crmMappings } from '@l2c/crm/salesforce';
import { compareStoreAndOrg, seedLocal, seedOrg } from '@l2c/crm/salesforce/testing';

const N = Number(process.env.SYNC_TEST_RECORDS ?? 20_000);
const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;

beforeAll(async () => {
  org = await startTestOrg();
  store = await storeDrivers.find((d) => d.name === 'postgres')!.open(crmMigrations);
  engine = createSyncEngine({
    store,
    mappings: crmMappings,
    salesforce: org.clientOptions(),
    queue: { redisUrl, prefix },
    source: 'crm',
    logger: createLogger('sync-test', 'warn'),
    triggers: false,
    workers: { concurrency: 2 },
  });
  await engine.start();
}, 120_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

const finished = (engine: SyncEngine, runId: string): Promise<SyncRun> => runFinished(engine, runId, { timeoutMs: 300_000, pollMs: 100 });

describe(`full sync of ${N} records per object, both directions`, () => {
  it('mirrors every record both ways, field by field, parents before children, without duplicates', async () => {
    const client = await org.connect();
    await seedLocal(store, N, 'loc');
    await seedOrg(client, N, 'org');

    const started = Date.now();
    const run = await finished(engine, (await engine.startSync({ objects: 'all', mode: 'full', direction: 'both', requestedBy: 'test' })).id);
    const seconds = (Date.now() - started) / 1000;
    const detail = (await engine.getRun(run.id))!;
    expect(run.status, JSON.stringify(detail.children.map((c) => [c.mappings[0], c.status, c.error]))).toBe('completed');
    expect(await engine.listFailures()).toEqual([]);

    // parents before children: every child started after its parents finished
    const byName = new Map(detail.children.map((c) => [c.mappings[0]!, c]));
    for (const mapping of engine.mappings) {
      for (const parent of mapping.parents) {
        expect(byName.get(mapping.name)!.startedAt!.getTime()).toBeGreaterThanOrEqual(byName.get(parent)!.finishedAt!.getTime());
      }
    }

    const comparisons = await compareStoreAndOrg(store, client, engine.mappings);
    for (const c of comparisons) {
      expect({ mapping: c.mapping, differences: c.differences, orphans: c.orphans, duplicates: c.duplicateExternalIds }).toEqual({ mapping: c.mapping, differences: [], orphans: [], duplicates: 0 });
      expect([c.mapping, c.local, c.salesforce, c.linked]).toEqual([c.mapping, 2 * N, 2 * N, 2 * N]);
    }
    console.log(`full sync of ${8 * 2 * N} records: ${seconds.toFixed(1)} s, ${run.apiCalls} API calls`);
  }, 600_000);
});
