/**
 * No echo: what the sync pushed does not come back as a change, and what it pulled is not pushed back. Measured on
 * both sides: the statements the store ran, the change log, and the requests the org served (the emulator's counts);
 * and Change Data Capture events caused by the sync's own calls start nothing, while another client's change starts
 * an inbound incremental within seconds.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, repoRoot, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg, disposeEngine, runFinished } from '@l2c/test-support/sync';
import { crmMappings } from '@l2c/crm/salesforce';
import { seedLocal, seedOrg } from '@l2c/crm/salesforce/testing';

const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const MIRRORED = /^(insert into|update|delete from)\s+"?(accounts|contacts|leads|lead_line_items|lead_preferred_sellers|opportunities|opportunity_line_items|opportunity_preferred_sellers)\b/i;
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;

beforeAll(async () => {
  org = await startTestOrg();
  store = await storeDrivers.find((d) => d.name === 'pglite')!.open(crmMigrations);
  engine = createSyncEngine({
    store,
    mappings: crmMappings,
    salesforce: org.clientOptions(),
    queue: { redisUrl, prefix },
    source: 'crm',
    logger: createLogger('sync-test', 'warn'),
    triggers: { schedules: { defaultMinutes: 0 }, pushIntervalMs: 0, cdc: true, cdcDebounceMs: 50 },
    tuning: { bulkPollMs: 50 },
  });
  await engine.start();
}, 60_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

const finished = (runId: string): Promise<SyncRun> => runFinished(engine, runId, { pollMs: 50 });

/** A run's counter (absent when nothing was counted). */
const stat = (run: SyncRun, key: string) => (run.stats[key] as number | undefined) ?? 0;
const stats = (run: SyncRun, keys: string[]) => Object.fromEntries(keys.map((k) => [k, stat(run, k)]));
const writes = (endpoints: Record<string, number>) => Object.entries(endpoints).filter(([key]) => /^(POST|PATCH|PUT|DELETE) /.test(key) && !key.includes('/jobs/query'));

describe('no echo', () => {
  it('a push followed by an incremental changes nothing on either side', async () => {
    await seedLocal(store, 300, 'echo');
    const push = await finished((await engine.startSync({ objects: 'all', direction: 'out' })).id);
    expect(push.status).toBe('completed');
    expect(stat(push, 'pushedCreated')).toBe(8 * 300);
    expect(await store.query('select count(*)::int as n from sync_changes')).toEqual([{ n: 0 }]);

    await org.control('DELETE', 'requests');
    const statements: string[] = [];
    const stop = store.onStatement((event) => statements.push(event.sql.trim()));
    const incremental = await finished((await engine.startSync({ objects: 'all', mode: 'incremental', direction: 'both' })).id);
    stop();
    expect(incremental.status).toBe('completed');
    expect(statements.filter((sql) => MIRRORED.test(sql))).toEqual([]);
    expect(await store.query('select count(*)::int as n from sync_changes')).toEqual([{ n: 0 }]);
    expect(stats(incremental, ['inserted', 'updated', 'deleted', 'conflicts', 'pushedCreated', 'pushedUpdated', 'pushedDeleted'])).toEqual({ inserted: 0, updated: 0, deleted: 0, conflicts: 0, pushedCreated: 0, pushedUpdated: 0, pushedDeleted: 0 });
    expect(stat(incremental, 'unchanged')).toBe(8 * 300); // every pushed record came back (overlap window) and was recognised
    const counts = await org.control<{ endpoints: Record<string, number> }>('GET', 'requests');
    expect(writes(counts.endpoints)).toEqual([]);
  }, 120_000);

  it('a pull is not pushed back: inbound writes are not captured', async () => {
    const client = await org.connect();
    await seedOrg(client, 200, 'echo-in');
    const pull = await finished((await engine.startSync({ objects: 'all', mode: 'full', direction: 'in' })).id);
    expect(stat(pull, 'inserted')).toBe(8 * 200);
    expect(await store.query('select count(*)::int as n from sync_changes')).toEqual([{ n: 0 }]);
    await org.control('DELETE', 'requests');
    const push = await finished((await engine.startSync({ objects: 'all', direction: 'out' })).id);
    expect(stats(push, ['pushedCreated', 'pushedUpdated', 'pushedDeleted'])).toEqual({ pushedCreated: 0, pushedUpdated: 0, pushedDeleted: 0 });
    expect(writes((await org.control<{ endpoints: Record<string, number> }>('GET', 'requests')).endpoints)).toEqual([]);
  }, 120_000);

  it('change events of our own writes start nothing; another client’s change is pulled within seconds', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500)); // the CDC subscription is live by now
    expect(engine.cdcState).toBe('live');
    const before = (await engine.listRuns({ limit: 500 })).filter((r) => r.trigger === 'cdc').length;
    await store.query("update leads set city = 'Pushed by the sync' where id in (select id from leads limit 20)");
    const push = await finished((await engine.startSync({ objects: ['Lead'], direction: 'out' })).id);
    expect(stat(push, 'pushedUpdated')).toBe(20);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await engine.idle();
    expect((await engine.listRuns({ limit: 500 })).filter((r) => r.trigger === 'cdc').length).toBe(before);

    const someoneElse = await org.connect({ clientName: 'marketing-app' });
    const [link] = await store.query<{ sf_id: string; local_id: string }>("select sf_id, local_id from sync_links where mapping = 'Lead' limit 1");
    const { sf_id: sfId, local_id: localId } = link!;
    const changedAt = Date.now();
    await someoneElse.update('Lead', [{ Id: sfId, City: 'Changed by marketing' }]);
    for (;;) {
      const [row] = await store.query<{ city: string }>('select city from leads where id = $1', [localId]);
      if (row?.city === 'Changed by marketing') break;
      if (Date.now() - changedAt > 5_000) throw new Error('the change was not in the store within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const cdcRuns = (await engine.listRuns({ limit: 500 })).filter((r) => r.trigger === 'cdc');
    expect(cdcRuns.length).toBe(before + 1);
    expect(cdcRuns[0]!.mappings).toEqual(['Lead']);
  }, 60_000);
});
