/**
 * Incremental sync after random creates, updates and deletes on both sides (embedded store, the emulator through
 * jsforce, real Redis): the store and the org agree again, and records changed on both sides are resolved by each
 * mapping's policy and recorded with both versions (Account: Salesforce wins, Contact: local wins, Lead: newest wins,
 * Opportunity: held for an admin, then resolved through the API).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, repoRoot, type ConflictPolicy, type SalesforceClient, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg, disposeEngine, runFinished } from '@l2c/test-support/sync';
import { crmMappings } from '@l2c/crm/salesforce';
import { compareStoreAndOrg, seedLocal, seedOrg } from '@l2c/crm/salesforce/testing';

const N = 500;
const POLICIES: Record<string, ConflictPolicy> = { Account: 'salesforce_wins', Contact: 'local_wins', Lead: 'newest_wins', Opportunity: 'manual' };
const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;
let client: SalesforceClient;

beforeAll(async () => {
  org = await startTestOrg();
  store = await storeDrivers.find((d) => d.name === 'pglite')!.open(crmMigrations);
  engine = createSyncEngine({
    store,
    mappings: crmMappings.map((m) => ({ ...m, conflictPolicy: POLICIES[m.name] ?? m.conflictPolicy })),
    salesforce: org.clientOptions(),
    queue: { redisUrl, prefix },
    source: 'crm',
    logger: createLogger('sync-test', 'warn'),
    triggers: false,
    tuning: { bulkPollMs: 50 },
  });
  await engine.start();
  client = await org.connect();
  await seedLocal(store, N, 'loc');
  await seedOrg(client, N, 'org');
  const run = await finished(engine, (await engine.startSync({ objects: 'all', mode: 'full' })).id);
  expect(run.status).toBe('completed');
}, 180_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

const finished = (engine: SyncEngine, runId: string, timeoutMs = 120_000): Promise<SyncRun> => runFinished(engine, runId, { timeoutMs, pollMs: 50 });

/** A deterministic random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function take<T>(list: T[], count: number, rnd: () => number): T[] {
  const picked: T[] = [];
  while (picked.length < count && list.length) picked.push(list.splice(Math.floor(rnd() * list.length), 1)[0]!);
  return picked;
}

async function linked(mapping: string): Promise<{ local_id: string; sf_id: string }[]> {
  return store.query('select local_id, sf_id from sync_links where mapping = $1 order by local_id', [mapping]);
}

async function sfUpdate(type: string, records: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < records.length; i += 200) {
    const results = await client.update(type, records.slice(i, i + 200));
    expect(results.filter((r) => !r.success)).toEqual([]);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('incremental sync after changes on both sides', () => {
  it('converges, merges what does not collide and resolves conflicts by policy', async () => {
    const rnd = random(20260311);
    const accounts = await linked('Account');
    const contacts = await linked('Contact');
    const leads = await linked('Lead');
    const opportunities = await linked('Opportunity');
    const lineItems = await linked('LeadLineItem');

    // conflicts: the same field changed on both sides
    const accountConflicts = take(accounts, 10, rnd);
    const contactConflicts = take(contacts, 10, rnd);
    const leadsSalesforceNewer = take(leads, 5, rnd);
    const leadsLocalNewer = take(leads, 5, rnd);
    const opportunityConflicts = take(opportunities, 10, rnd);
    for (const a of accountConflicts) await store.query('update accounts set phone = $2 where id = $1', [a.local_id, `local-${a.local_id.slice(0, 6)}`]);
    await sfUpdate('Account', accountConflicts.map((a) => ({ Id: a.sf_id, Phone: `sf-${a.local_id.slice(0, 6)}` })));
    await sfUpdate('Contact', contactConflicts.map((c) => ({ Id: c.sf_id, Title: 'SF title' })));
    for (const c of contactConflicts) await store.query('update contacts set title = $2 where id = $1', [c.local_id, 'Local title']);
    await sfUpdate('Lead', leadsSalesforceNewer.map((l) => ({ Id: l.sf_id, City: 'Older SF city' })));
    await pause(30);
    for (const l of leadsSalesforceNewer) await store.query("update leads set city = 'Newer local city' where id = $1", [l.local_id]);
    for (const l of leadsLocalNewer) await store.query("update leads set city = 'Older local city' where id = $1", [l.local_id]);
    await pause(30);
    await sfUpdate('Lead', leadsLocalNewer.map((l) => ({ Id: l.sf_id, City: 'Newer SF city' })));
    for (const o of opportunityConflicts) await store.query("update opportunities set amount = '111.11' where id = $1", [o.local_id]);
    await sfUpdate('Opportunity', opportunityConflicts.map((o) => ({ Id: o.sf_id, Amount: 222.22 })));

    // merges: different fields of one record changed on each side
    const merged = take(leads, 10, rnd);
    for (const l of merged) await store.query("update leads set city = 'Merged city' where id = $1", [l.local_id]);
    await sfUpdate('Lead', merged.map((l) => ({ Id: l.sf_id, Phone: '+1 555 0100' })));

    // plain changes on one side each
    const localUpdates = take(leads, 60, rnd);
    for (const l of localUpdates) await store.query("update leads set email = 'changed@local.example', rating = 'WARM' where id = $1", [l.local_id]);
    await sfUpdate('Lead', take(leads, 60, rnd).map((l) => ({ Id: l.sf_id, Email: 'changed@sf.example', Status: 'Closed - Not Converted' })));
    await sfUpdate('Account', take(accounts, 40, rnd).map((a) => ({ Id: a.sf_id, BillingCity: 'Lisboa' })));
    for (const o of take(opportunities, 40, rnd)) await store.query("update opportunities set stage = 'Needs Analysis', probability = 20 where id = $1", [o.local_id]);

    // creates on both sides
    const dealer = (await store.query<{ id: string }>("select id from accounts where type = 'DEALER' limit 1"))[0]!.id;
    for (let i = 0; i < 30; i++) {
      const id = crypto.randomUUID();
      await store.query("insert into leads (id, last_name, status, source_channel) values ($1, $2, 'Open', 'WEB')", [id, `New local lead ${i}`]);
      await store.query("insert into lead_line_items (id, lead_id, product_name, product_type, quantity) values ($1, $2, 'New item', 'VEHICLE', 2)", [crypto.randomUUID(), id]);
      await store.query("insert into lead_preferred_sellers (id, lead_id, dealer_id, reason) values ($1, $2, $3, 'GENERATED_LEAD')", [crypto.randomUUID(), id, dealer]);
    }
    const created = await client.create('Lead', Array.from({ length: 30 }, (_, i) => ({ LastName: `New SF lead ${i}`, Company: 'SF', Status: 'Open - Not Contacted' })));
    expect(created.every((r) => r.success)).toBe(true);
    await client.create('LeadLineItem', created.map((r) => ({ LeadId: r.id, Name: 'SF item', ItemType: 'Part', Quantity: 3 })));

    // deletes on both sides (leads cascade to their line items and preferred sellers on both sides)
    const localDeletes = take(leads, 15, rnd);
    await store.query('delete from leads where id = any($1)', [localDeletes.map((l) => l.local_id)]);
    await store.query('delete from lead_line_items where id = any($1)', [take(lineItems, 20, rnd).map((l) => l.local_id)]);
    const sfDeletes = take(leads, 15, rnd);
    expect((await client.destroy(sfDeletes.map((l) => l.sf_id))).every((r) => r.success)).toBe(true);

    const run = await finished(engine, (await engine.startSync({ objects: 'all', mode: 'incremental', direction: 'both' })).id);
    expect(run.status).toBe('completed');
    expect(await engine.listFailures()).toEqual([]);

    // conflicts, by policy, with both versions
    const conflicts = await engine.listConflicts({ limit: 500 });
    const of = (mapping: string) => conflicts.filter((c) => c.mapping === mapping);
    expect(of('Account').map((c) => [c.resolution, c.fields]).sort()).toEqual(Array(10).fill(['salesforce', ['Phone']]));
    expect(of('Account')[0]!.localVersion.Phone).toMatch(/^local-/);
    expect(of('Account')[0]!.salesforceVersion.Phone).toMatch(/^sf-/);
    expect(of('Contact').map((c) => c.resolution)).toEqual(Array(10).fill('local'));
    const leadResolution = new Map(of('Lead').map((c) => [c.localId, c.resolution]));
    expect(leadsSalesforceNewer.map((l) => leadResolution.get(l.local_id))).toEqual(Array(5).fill('local'));
    expect(leadsLocalNewer.map((l) => leadResolution.get(l.local_id))).toEqual(Array(5).fill('salesforce'));
    expect(of('Lead')).toHaveLength(10); // the merged records are not conflicts
    const held = of('Opportunity');
    expect(held.map((c) => [c.status, c.resolution, c.fields])).toEqual(Array(10).fill(['open', null, ['Amount']]));

    const sfPhones = await client.retrieve('Account', accountConflicts.map((a) => a.sf_id), ['Phone']);
    expect(sfPhones.map((r) => r?.Phone)).toEqual(accountConflicts.map((a) => `sf-${a.local_id.slice(0, 6)}`));
    const localPhones = await store.query<{ phone: string }>('select phone from accounts where id = any($1)', [accountConflicts.map((a) => a.local_id)]);
    expect(localPhones.every((r) => r.phone.startsWith('sf-'))).toBe(true);
    const sfTitles = await client.retrieve('Contact', contactConflicts.map((c) => c.sf_id), ['Title']);
    expect(sfTitles.map((r) => r?.Title)).toEqual(Array(10).fill('Local title'));
    const mergedLocal = await store.query<{ city: string; phone: string }>('select city, phone from leads where id = any($1)', [merged.map((l) => l.local_id)]);
    expect(mergedLocal.every((r) => r.city === 'Merged city' && r.phone === '+1 555 0100')).toBe(true);

    // held records: neither side overwritten until an admin decides
    const heldLocal = await store.query<{ amount: string }>('select amount from opportunities where id = any($1)', [opportunityConflicts.map((o) => o.local_id)]);
    expect(heldLocal.map((r) => r.amount)).toEqual(Array(10).fill('111.11'));
    const heldSf = await client.retrieve('Opportunity', opportunityConflicts.map((o) => o.sf_id), ['Amount']);
    expect(heldSf.map((r) => r?.Amount)).toEqual(Array(10).fill(222.22));
    for (const [i, c] of held.entries()) await engine.resolveConflict(c.id, i < 5 ? 'salesforce' : 'local', 'admin@test');
    expect(await engine.listConflicts({ status: 'open' })).toEqual([]);

    const again = await finished(engine, (await engine.startSync({ objects: 'all', mode: 'incremental' })).id);
    expect(again.status).toBe('completed');
    const resolvedAmounts = await client.retrieve('Opportunity', held.map((c) => c.sfId), ['Amount']);
    expect(resolvedAmounts.map((r) => r?.Amount)).toEqual([...Array(5).fill(222.22), ...Array(5).fill(111.11)]);

    // deletions crossed over
    expect(await store.query('select id from leads where id = any($1)', [sfDeletes.map((l) => l.local_id)])).toEqual([]);
    expect((await client.retrieve('Lead', localDeletes.map((l) => l.sf_id), ['Id'])).every((r) => r === null)).toBe(true);

    for (const c of await compareStoreAndOrg(store, client, engine.mappings)) {
      expect({ mapping: c.mapping, differences: c.differences, orphans: c.orphans, duplicates: c.duplicateExternalIds }).toEqual({ mapping: c.mapping, differences: [], orphans: [], duplicates: 0 });
      expect(c.local).toBe(c.salesforce);
    }
  }, 180_000);
});
