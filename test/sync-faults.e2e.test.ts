/**
 * Faults are normal. Each one is injected through the emulator's control endpoint while a sync runs; the sync
 * either completes with nothing lost or duplicated, or records exactly the failing records with their codes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, repoRoot, type SyncEngine, type SyncMapping, type SyncRun } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg, disposeEngine, runFinished } from '@l2c/test-support/sync';
import { accountMapping, crmMappings, leadMapping } from '@l2c/crm/salesforce';

const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let org: TestOrg;
/** How far the org's clock is from ours (getDeleted reports a deletion once its minute has passed). */
let clockOffset = 0;
let store: DisposableStore;
let engine: SyncEngine;

const prefix = `t${randomBytes(4).toString('hex')}`;

function createEngine(mappings: SyncMapping[] = crmMappings, queuePrefix = `${prefix}${randomBytes(2).toString('hex')}`) {
  return createSyncEngine({
    store,
    mappings,
    salesforce: org.clientOptions({ requestTimeoutMs: 1_000 }),
    queue: { redisUrl, prefix: queuePrefix },
    source: 'crm',
    logger: createLogger('sync-test', process.env.SYNC_TEST_LOG ?? 'silent'),
    triggers: false,
    tuning: { bulkPollMs: 20, pauseMs: 400, bulkIngestThreshold: 1_000 },
    jobs: { attempts: 3, backoffMs: 100 },
  });
}

beforeAll(async () => {
  org = await startTestOrg({ now: () => new Date(Date.now() + clockOffset) });
  store = await storeDrivers.find((d) => d.name === 'pglite')!.open(crmMigrations);
  engine = createEngine();
  await engine.start();
}, 60_000);

afterEach(async () => {
  await org.control('DELETE', 'faults');
  await org.control('PUT', 'api-usage', { used: 0, limit: 100_000 });
});

afterAll(async () => {
  await disposeEngine(engine, redisUrl, `${prefix}*`);
  await store?.close();
  await org?.close();
});

const finished = (runId: string, sync = engine): Promise<SyncRun> => runFinished(sync, runId);

async function newLeads(count: number, tag: string, lastName = (i: number) => `${tag} ${i}`): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await store.query(`insert into leads (id, last_name, status, source_channel) select unnest($1::text[]), unnest($2::text[]), 'Open', 'WEB'`, [ids, ids.map((_, i) => lastName(i))]);
  return ids;
}

/** Leads in the org carrying these external IDs, by external ID (more than one would be a duplicate). */
async function orgLeads(ids: string[]): Promise<Map<string, number>> {
  const client = await org.connect();
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 300) {
    const list = ids.slice(i, i + 300).map((id) => `'${id}'`).join(',');
    let page = await client.query<{ L2C_Id__c: string }>(`SELECT L2C_Id__c FROM Lead WHERE L2C_Id__c IN (${list})`);
    for (;;) {
      for (const r of page.records) counts.set(r.L2C_Id__c, (counts.get(r.L2C_Id__c) ?? 0) + 1);
      if (!page.nextRecordsUrl) break;
      page = await client.queryMore(page.nextRecordsUrl);
    }
  }
  return counts;
}

async function expectPushedOnce(ids: string[]): Promise<void> {
  const counts = await orgLeads(ids);
  expect(counts.size).toBe(ids.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe('faults injected while syncing', () => {
  it('an expired session is renewed (client credentials log in again) and the job completes', async () => {
    const ids = await newLeads(300, 'session');
    await org.fault({ kind: 'expiredSession', path: '/composite/sobjects', count: 1 });
    await org.fault({ kind: 'expiredSession', path: '/query', count: 1 });
    const run = await finished((await engine.startSync({ objects: ['Lead'], direction: 'both' })).id);
    expect(run.status).toBe('completed');
    await expectPushedOnce(ids);
  });

  it('503s, dropped connections and a hung request are retried with backoff; a retried upsert never duplicates', async () => {
    const ids = await newLeads(600, 'flaky');
    await org.fault({ kind: 'unavailable', path: '/composite/sobjects/Lead', count: 2 });
    await org.fault({ kind: 'drop', path: '/composite/sobjects/Lead', count: 1 });
    await org.fault({ kind: 'delay', path: '/composite/sobjects/Lead', count: 1, delayMs: 2_500 });
    await org.fault({ kind: 'unavailable', path: '/query', count: 2 });
    const run = await finished((await engine.startSync({ objects: ['Lead'], direction: 'both' })).id);
    expect(run.status).toBe('completed');
    await expectPushedOnce(ids);
    expect(await engine.listFailures({ mapping: 'Lead' })).toEqual([]);
  });

  it('UNABLE_TO_LOCK_ROW is retried per record; records still locked stay queued with their code and go out next run', async () => {
    const passing = await newLeads(50, 'lock-once');
    await org.fault({ kind: 'unableToLockRow', path: '/composite/sobjects/Lead', count: 1 });
    const first = await finished((await engine.startSync({ objects: ['Lead'], direction: 'out' })).id);
    expect(first.status).toBe('completed');
    await expectPushedOnce(passing);

    const stuck = await newLeads(40, 'lock-long');
    await org.fault({ kind: 'unableToLockRow', path: '/composite/sobjects/Lead', count: 10 });
    const second = await finished((await engine.startSync({ objects: ['Lead'], direction: 'out' })).id);
    expect(second.status).toBe('completed');
    const failures = await engine.listFailures({ mapping: 'Lead', limit: 500 });
    expect(failures).toHaveLength(40);
    expect(new Set(failures.map((f) => [f.errorCode, f.status, f.retryable].join()))).toEqual(new Set(['UNABLE_TO_LOCK_ROW,retrying,true']));
    expect(new Set(failures.map((f) => f.localId))).toEqual(new Set(stuck));
    await org.control('DELETE', 'faults');
    const third = await finished((await engine.startSync({ objects: ['Lead'], direction: 'out' })).id);
    expect(third.stats.pushedCreated).toBe(40);
    expect(await engine.listFailures({ mapping: 'Lead' })).toEqual([]);
    await expectPushedOnce(stuck);
  });

  it('validation failures are stored with code, fields and message, not retried blindly, then retried or skipped by an admin', async () => {
    const good = await newLeads(20, 'valid');
    const bad = await newLeads(3, 'invalid', () => 'x'.repeat(81)); // Lead.LastName holds 80 characters
    const run = await finished((await engine.startSync({ objects: ['Lead'], direction: 'out' })).id);
    expect(run.status).toBe('completed');
    await expectPushedOnce(good);
    const failures = await engine.listFailures({ mapping: 'Lead' });
    expect(failures.map((f) => [f.localId, f.errorCode, f.fields, f.status, f.attempts]).sort()).toEqual(bad.map((id) => [id, 'STRING_TOO_LONG', ['LastName'], 'open', 1]).sort());
    expect(failures[0]!.message).toMatch(/data value too large/);
    // not retried blindly: another run does not send them again
    await org.control('DELETE', 'requests');
    await finished((await engine.startSync({ objects: ['Lead'], direction: 'out' })).id);
    expect((await org.control<{ total: number }>('GET', 'requests')).total).toBeLessThanOrEqual(1);
    // an admin fixes one and retries it, and skips another
    await store.query("update leads set last_name = 'Fixed' where id = $1", [bad[0]]);
    const [toRetry] = failures.filter((f) => f.localId === bad[0]);
    const [retryRun] = await engine.retryFailures([toRetry!.id], 'admin@test');
    expect((await finished(retryRun!.id)).status).toBe('completed');
    await expectPushedOnce([bad[0]!]);
    const [toSkip] = failures.filter((f) => f.localId === bad[1]);
    expect((await engine.skipFailures([toSkip!.id]))[0]!.status).toBe('skipped');
    const open = await engine.listFailures({ mapping: 'Lead' });
    expect(open.map((f) => f.localId)).toEqual([bad[2]]);
  });

  it('records the store refuses on the way in are listed with the fields named; the rest are applied', async () => {
    const client = await org.connect();
    const results = await client.create('Lead', [
      { LastName: 'Fine inbound', Company: 'X', Status: 'Open - Not Contacted' },
      { LastName: 'Backwards dates', Company: 'X', Status: 'Open - Not Contacted', EarliestInterestDate: '2026-06-01', LatestInterestDate: '2026-01-01' },
    ]);
    const run = await finished((await engine.startSync({ objects: ['Lead'], direction: 'in' })).id);
    expect(run.status).toBe('completed');
    expect(await store.query("select last_name from leads where last_name in ('Fine inbound', 'Backwards dates')")).toEqual([{ last_name: 'Fine inbound' }]);
    const [failure] = await engine.listFailures({ mapping: 'Lead', direction: 'inbound' });
    expect(failure).toMatchObject({ sfId: results[1]!.id, errorCode: 'LOCAL_23514', status: 'open' });
    expect(failure!.fields).toEqual(expect.arrayContaining(['EarliestInterestDate', 'LatestInterestDate']));
    // fixed in the org, retried by an admin: read again by Id and applied
    await client.update('Lead', [{ Id: results[1]!.id, LatestInterestDate: '2026-12-31' }]);
    const [retry] = await engine.retryFailures([failure!.id], 'admin@test');
    expect(retry).toMatchObject({ mode: 'records', direction: 'in', trigger: 'retry' });
    expect((await finished(retry!.id)).status).toBe('completed');
    expect(await store.query("select latest_interest_date from leads where last_name = 'Backwards dates'")).toEqual([{ latest_interest_date: '2026-12-31' }]);
    expect(await engine.listFailures({ mapping: 'Lead', direction: 'inbound' })).toEqual([]);
  });

  it('REQUEST_LIMIT_EXCEEDED pauses the job (not failed) until the allowance is back', async () => {
    const ids = await newLeads(30, 'limit');
    await org.control('PUT', 'api-usage', { used: 100_000, limit: 100_000 });
    const queued = await engine.startSync({ objects: ['Lead'], direction: 'out' });
    let paused: SyncRun | null = null;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && paused?.status !== 'paused'; ) {
      paused = await engine.getRun(queued.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(paused?.status).toBe('paused');
    expect(paused?.phase).toMatch(/REQUEST_LIMIT_EXCEEDED|reached the reserve/);
    await org.control('PUT', 'api-usage', { used: 0, limit: 100_000 });
    expect((await finished(queued.id)).status).toBe('completed');
    await expectPushedOnce(ids);
  });

  it('near the daily limit, jobs pause at the configured reserve instead of spending it', async () => {
    const ids = await newLeads(30, 'reserve');
    await org.control('PUT', 'api-usage', { used: 95_000, limit: 100_000 }); // reserve: 10% = 10,000 calls
    const queued = await engine.startSync({ objects: ['Lead'], direction: 'out' });
    let run: SyncRun | null = null;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && run?.status !== 'paused'; ) {
      run = await engine.getRun(queued.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(run?.status).toBe('paused');
    expect(run?.phase).toMatch(/reached the reserve of 10000 calls/);
    expect((await orgLeads(ids)).size).toBe(0);
    await org.control('PUT', 'api-usage', { used: 1_000, limit: 100_000 });
    expect((await finished(queued.id)).status).toBe('completed');
    await expectPushedOnce(ids);
  });

  it('reads deletions through getDeleted for mappings that ask for it', async () => {
    const viaGetDeleted = createEngine([{ ...leadMapping, deletes: 'getDeleted' }]);
    await viaGetDeleted.start();
    try {
      // Salesforce reports a deletion once its minute has passed and windows continue where the last one ended: the
      // org's clock is moved so that the first window ends before the deletion and the second after it
      const ids = await newLeads(5, 'getdeleted');
      clockOffset = -120_000;
      await finished((await viaGetDeleted.startSync({ objects: ['Lead'], direction: 'both' })).id, viaGetDeleted);
      const links = await store.query<{ sf_id: string }>("select sf_id from sync_links where mapping = 'Lead' and local_id = any($1)", [ids]);
      const client = await org.connect();
      clockOffset = -61_000;
      expect((await client.destroy(links.slice(0, 2).map((l) => l.sf_id))).every((r) => r.success)).toBe(true);
      clockOffset = 0;
      await org.control('DELETE', 'requests');
      const run = await finished((await viaGetDeleted.startSync({ objects: ['Lead'], direction: 'in' })).id, viaGetDeleted);
      expect(run.stats.deleted).toBe(2);
      expect((await store.query('select id from leads where id = any($1)', [ids])).length).toBe(3);
      const endpoints = Object.keys((await org.control<{ endpoints: Record<string, number> }>('GET', 'requests')).endpoints);
      expect(endpoints.some((e) => e.includes('/sobjects/Lead/deleted'))).toBe(true);
      expect(endpoints.some((e) => e.includes('/queryAll'))).toBe(false);
    } finally {
      await viaGetDeleted.close();
    }
  });

  it('a push whose answer was lost is sent again without duplicates, even for master-detail children', async () => {
    const [leadId] = await newLeads(1, 'lost-answer');
    const items = Array.from({ length: 3 }, () => randomUUID());
    await store.query("insert into lead_line_items (id, lead_id, product_name, product_type, quantity) select unnest($1::text[]), $2, 'Item', 'VEHICLE', 1", [items, leadId]);
    expect((await finished((await engine.startSync({ objects: ['Lead', 'LeadLineItem'], direction: 'out' })).id)).status).toBe('completed');
    // as if the worker died after Salesforce created them and before the links were written
    await store.query("delete from sync_links where mapping = 'LeadLineItem' and local_id = any($1)", [items]);
    await store.query("insert into sync_changes (table_name, local_id, op) select 'lead_line_items', unnest($1::text[]), 'RETRY'", [items]);
    const again = await finished((await engine.startSync({ objects: ['LeadLineItem'], direction: 'out' })).id);
    expect(again.status).toBe('completed');
    expect(await engine.listFailures({ mapping: 'LeadLineItem' })).toEqual([]);
    const client = await org.connect();
    const found = await client.query(`SELECT Id FROM LeadLineItem WHERE L2C_Id__c IN (${items.map((id) => `'${id}'`).join(',')})`);
    expect(found.totalSize).toBe(3);
    expect(await store.query("select count(*)::int as n from sync_links where mapping = 'LeadLineItem' and local_id = any($1)", [items])).toEqual([{ n: 3 }]);
  });

  it('a job failing for a reason no retry can fix fails at once and is kept as a dead letter', async () => {
    const broken = createEngine([accountMapping, { ...leadMapping, where: 'Nope__c = 1' }]);
    await broken.start();
    try {
      const run = await finished((await broken.startSync({ objects: ['Lead'], mode: 'full', direction: 'in' })).id, broken);
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ errorCode: 'INVALID_FIELD', retryable: false });
      let letters = await broken.listDeadLetters();
      for (const deadline = Date.now() + 5_000; letters.length === 0 && Date.now() < deadline; letters = await broken.listDeadLetters()) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(letters.map((l) => [l.jobId, l.attemptsMade, l.error.name])).toEqual([[run.id, 1, 'UnrecoverableError']]);
    } finally {
      await broken.close();
    }
  });
});
