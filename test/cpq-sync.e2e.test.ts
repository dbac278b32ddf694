/**
 * CPQ's Salesforce sync against the emulator: a full load both ways of 5,000 quotes with 20,000 lines (half born
 * here, half in the org) with their catalogue and approvals, equal field by field; then changes on both sides
 * (merged, or a conflict settled by the quotes' newest-wins policy); then an approval decided in Salesforce arrives.
 * CRM's accounts and opportunities exist in the org as CRM pushes them (with their L2C_Id__c): CPQ names them by it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkClient, createLogger, createSyncEngine, type SalesforceClient, type Store, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { adoptStandardPriceBook, cpqMappings, cpqMigrationsDir } from '@l2c/cpq/salesforce';
import { compareStoreAndOrg, disposeEngine, runFinished, startTestOrg, type TestOrg } from '@l2c/test-support/sync';

const QUOTES = Number(process.env.CPQ_SYNC_TEST_QUOTES ?? 5_000);
const LINES_PER_QUOTE = 4;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const logger = createLogger('cpq-sync-test', 'warn');
let org: TestOrg;
let client: SalesforceClient;
let store: DisposableStore;
let engine: SyncEngine;

/** What CRM has pushed: accounts and opportunities carrying CRM's ids in L2C_Id__c. */
const ACCOUNTS = 200;

beforeAll(async () => {
  org = await startTestOrg();
  client = await org.connect();
  store = await storeDrivers.find((d) => d.name === 'postgres')!.open(cpqMigrationsDir);
  await ingest(client, 'Account', 'L2C_Id__c', Array.from({ length: ACCOUNTS }, (_, i) => ({ Name: `CRM Account ${i}`, L2C_Id__c: `acc-${i}` })));
  const accountIds = await idsByExternalId(client, 'Account');
  await ingest(client, 'Opportunity', 'L2C_Id__c', Array.from({ length: ACCOUNTS }, (_, i) => ({ Name: `CRM Opportunity ${i}`, AccountId: accountIds.get(`acc-${i}`), StageName: 'Prospecting', CloseDate: '2027-06-30', L2C_Id__c: `opp-${i}` })));
  engine = createSyncEngine({ store, mappings: cpqMappings, salesforce: org.clientOptions(), queue: { redisUrl, prefix }, source: 'cpq', logger, triggers: false, workers: { concurrency: 2 } });
  expect(await adoptStandardPriceBook(client, store, logger)).toBe('stamped');
  await engine.start();
}, 120_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

const finished = (runId: string): Promise<SyncRun> => runFinished(engine, runId, { timeoutMs: 300_000, pollMs: 100 });

async function syncAll(mode: 'full' | 'incremental'): Promise<SyncRun> {
  const run = await finished((await engine.startSync({ objects: 'all', mode, direction: 'both', requestedBy: 'test' })).id);
  const detail = (await engine.getRun(run.id))!;
  expect(run.status, JSON.stringify(detail.children.filter((c) => c.status !== 'completed').map((c) => [c.mappings[0], c.status, c.error]))).toBe('completed');
  return run;
}

describe(`CPQ sync: ${QUOTES} quotes with ${QUOTES * LINES_PER_QUOTE} lines`, () => {
  it('loads both ways in one run, parents first, and the store and the org agree field by field', async () => {
    const half = QUOTES / 2;
    await seedLocal(store, half);
    await seedOrg(client, half);

    const started = Date.now();
    const run = await syncAll('full');
    const seconds = (Date.now() - started) / 1000;
    expect(await engine.listFailures()).toEqual([]);

    const comparisons = await compareStoreAndOrg(store, client, engine.mappings);
    const counts = Object.fromEntries(comparisons.map((c) => [c.mapping, [c.local, c.salesforce, c.linked]]));
    for (const c of comparisons) expect({ mapping: c.mapping, differences: c.differences, orphans: c.orphans, duplicates: c.duplicateExternalIds }).toEqual({ mapping: c.mapping, differences: [], orphans: [], duplicates: 0 });
    expect(counts).toMatchObject({
      SBQQ__Quote__c: [QUOTES, QUOTES, QUOTES],
      SBQQ__QuoteLine__c: [QUOTES * LINES_PER_QUOTE, QUOTES * LINES_PER_QUOTE, QUOTES * LINES_PER_QUOTE],
      Product2: [40, 40, 40],
      Pricebook2: [2, 2, 2],
      PricebookEntry: [40, 40, 40],
      sbaa__Approver__c: [2, 2, 2],
      sbaa__ApprovalRule__c: [1, 1, 1],
      sbaa__Approval__c: [100, 100, 100],
    });
    // The org's quotes name CRM's opportunities and accounts; those born there arrived with CRM's ids.
    const [born] = await store.query<{ n: number }>("select count(*)::int as n from quotes where created_by = 'salesforce-sync' and opportunity_id like 'opp-%' and account_id like 'acc-%' and number like 'Q-%'");
    expect(born!.n).toBe(half);
    const [line] = await store.query<{ product_code: string; list_total: string; net_total: string }>("select l.product_code, l.list_total, l.net_total from quote_lines l join quotes q on q.id = l.quote_id where q.created_by = 'salesforce-sync' order by l.number limit 1");
    expect(line!.product_code).toMatch(/^SF-/);
    console.log(`CPQ full sync of ${QUOTES} quotes and ${QUOTES * LINES_PER_QUOTE} lines both ways: ${seconds.toFixed(1)} s, ${run.apiCalls} API calls`);
  }, 600_000);

  it('carries changes made on both sides; the same field changed on both sides goes to the side changed last', async () => {
    const quotes = await store.query<{ id: string }>("select id from quotes where created_by <> 'salesforce-sync' order by id limit 3");
    const [mergedId, localNewerId, orgNewerId] = quotes.map((q) => q.id) as [string, string, string];
    const sfIds = await idsByExternalId(client, 'SBQQ__Quote__c', [mergedId, localNewerId, orgNewerId]);
    // Seeded statuses are Draft, In Review and Presented: every change below is a change.
    // Merged: the org changes the expiration date, CPQ the status.
    await client.update('SBQQ__Quote__c', [{ Id: sfIds.get(mergedId), SBQQ__ExpirationDate__c: '2027-12-31' }]);
    await store.query("update quotes set status = 'APPROVED' where id = $1", [mergedId]);
    // Same field, CPQ last.
    await client.update('SBQQ__Quote__c', [{ Id: sfIds.get(localNewerId), SBQQ__Status__c: 'Denied' }]);
    const modified = (await recordsByExternalId(client, 'SBQQ__Quote__c', ['LastModifiedDate'], [localNewerId])).get(localNewerId)!.LastModifiedDate as string;
    await storeClockPast(store, modified);
    await store.query("update quotes set status = 'APPROVED' where id = $1", [localNewerId]);
    // Same field, the org last.
    await store.query("update quotes set status = 'APPROVED' where id = $1", [orgNewerId]);
    // Salesforce keeps LastModifiedDate to the second: the org's change must fall in a later second than ours.
    const [change] = await store.query<{ at: Date }>('select max(changed_at) as at from sync_changes where local_id = $1', [orgNewerId]);
    await clockPast(Math.floor(change!.at.getTime() / 1000) * 1000 + 1000);
    await client.update('SBQQ__Quote__c', [{ Id: sfIds.get(orgNewerId), SBQQ__Status__c: 'Rejected' }]);

    await syncAll('incremental');
    const local = new Map((await store.query<{ id: string; status: string; expiration_date: string | null }>('select id, status, expiration_date from quotes where id = any($1)', [[mergedId, localNewerId, orgNewerId]])).map((q) => [q.id, q]));
    expect(local.get(mergedId)).toMatchObject({ status: 'APPROVED', expiration_date: '2027-12-31' });
    expect(local.get(localNewerId)!.status).toBe('APPROVED');
    expect(local.get(orgNewerId)!.status).toBe('REJECTED');
    const remote = await recordsByExternalId(client, 'SBQQ__Quote__c', ['SBQQ__Status__c', 'SBQQ__ExpirationDate__c'], [mergedId, localNewerId, orgNewerId]);
    expect(remote.get(mergedId)).toMatchObject({ SBQQ__Status__c: 'Approved', SBQQ__ExpirationDate__c: '2027-12-31' });
    expect(remote.get(localNewerId)!.SBQQ__Status__c).toBe('Approved');
    expect(remote.get(orgNewerId)!.SBQQ__Status__c).toBe('Rejected');
    const conflicts = await engine.listConflicts({ mapping: 'SBQQ__Quote__c' });
    expect(conflicts.map((c) => [c.localId, c.resolution, c.fields]).sort()).toEqual([[localNewerId, 'local', ['SBQQ__Status__c']], [orgNewerId, 'salesforce', ['SBQQ__Status__c']]].sort());
  }, 120_000);

  it('brings an approval decided in Salesforce into CPQ with its comment', async () => {
    const [approval] = await store.query<{ id: string }>("select id from approvals where status = 'REQUESTED' order by id limit 1");
    const sfId = (await idsByExternalId(client, 'sbaa__Approval__c', [approval!.id])).get(approval!.id);
    await client.update('sbaa__Approval__c', [{ Id: sfId, sbaa__Status__c: 'Approved', sbaa__CommentsLong__c: 'Fleet discount agreed with finance' }]);
    await syncAll('incremental');
    const [row] = await store.query<{ status: string; comment: string | null }>('select status, comment from approvals where id = $1', [approval!.id]);
    expect(row).toEqual({ status: 'APPROVED', comment: 'Fleet discount agreed with finance' });
  }, 120_000);
});

/** Resolves once the store's clock reads later than `iso`. */
async function storeClockPast(db: Store, iso: string): Promise<void> {
  for (;;) {
    const [row] = await db.query<{ past: boolean }>('select now() > $1::timestamptz as past', [iso]);
    if (row!.past) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once the clock reads `ms` or later. */
async function clockPast(ms: number): Promise<void> {
  while (Date.now() < ms) await new Promise((resolve) => setTimeout(resolve, Math.min(50, ms - Date.now())));
}

// --- data -----------------------------------------------------------------------------------------------------------

const PRODUCTS = 20;

/** Price waterfall of line `i`: list price, discount percent (or none), customer and net price, as CPQ computes them. */
function prices(i: number, quantity: number) {
  const list = 1_000 + (i % 50) * 10;
  const discount = (i % 5) * 5;
  const net = (list * (100 - discount)) / 100;
  return { list, discount: discount === 0 ? null : discount, net, netTotal: net * quantity, listTotal: list * quantity };
}

/** CPQ's own records: products, a dealer price book, standard entries, quotes with lines, approvers, a rule, approvals. */
async function seedLocal(db: Store, quotes: number): Promise<void> {
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({ id: `p-${i}`, code: `L-${i}`, name: `Local product ${i}`, category: ['VEHICLE', 'SPARE_PART', 'ACCESSORY'][i % 3], description: i % 2 ? `Description ${i}` : null }));
  await insertMany(db, 'products', products);
  await insertMany(db, 'price_books', [{ id: 'pb-dealer', name: 'Dealer 0 prices', is_standard: false, dealer_id: 'acc-0' }]);
  await insertMany(db, 'price_book_entries', products.map((p, i) => ({ id: `pbe-${i}`, price_book_id: 'standard-price-book', product_id: p.id, unit_price: `${prices(i, 1).list}.00` })));
  const quoteRows = Array.from({ length: quotes }, (_, i) => ({
    id: randomUUID(), number: `Q-L${i}`, name: `Local quote ${i}`, opportunity_id: `opp-${i % ACCOUNTS}`, account_id: `acc-${i % ACCOUNTS}`, status: ['DRAFT', 'IN_REVIEW', 'PRESENTED'][i % 3],
    price_book_id: 'standard-price-book', start_date: '2027-01-15', expiration_date: i % 2 ? '2027-02-14' : null, subscription_term: 12 + (i % 3) * 12, created_by: 'seed',
  }));
  await insertMany(db, 'quotes', quoteRows);
  const lines = quoteRows.flatMap((quote, q) =>
    Array.from({ length: LINES_PER_QUOTE }, (_, n) => {
      const i = q * LINES_PER_QUOTE + n;
      const quantity = 1 + (i % 3);
      const p = prices(i, quantity);
      const product = products[i % PRODUCTS]!;
      return {
        id: randomUUID(), quote_id: quote.id, number: n + 1, product_id: product.id, product_code: product.code, product_name: product.name, category: product.category, charge_type: 'ONE_TIME', quantity,
        list_price: `${p.list}.00`, prorated_list_price: `${p.list}.00`, volume_discount_percent: '0.00', regular_price: `${p.list}.00`, discount_percent: p.discount === null ? null : `${p.discount}.00`, customer_price: p.net.toFixed(2), net_price: p.net.toFixed(2),
        list_total: p.listTotal.toFixed(2), net_total: p.netTotal.toFixed(2), total_discount_amount: (p.listTotal - p.netTotal).toFixed(2), total_discount_percent: p.discount === null ? '0.00' : `${p.discount}.00`,
      };
    }),
  );
  await insertMany(db, 'quote_lines', lines);
  await insertMany(db, 'approvers', [{ id: 'ap-1', name: 'Sales Manager', user_subject: 'manager' }, { id: 'ap-2', name: 'Sales Director', user_subject: 'director' }]);
  await insertMany(db, 'approval_rules', [{ id: 'rule-1', name: 'Discount over 10%', level: 1, approver_id: 'ap-1' }]);
  await insertMany(db, 'approvals', quoteRows.slice(0, 100).map((quote, i) => ({ id: randomUUID(), quote_id: quote.id, submission: 1, rule_id: 'rule-1', level: 1, approver_id: i % 2 ? 'ap-1' : 'ap-2', status: 'REQUESTED' })));
}

/** Records born in the org: products with standard prices, quotes on CRM's opportunities, their lines. */
async function seedOrg(sf: SalesforceClient, quotes: number): Promise<void> {
  const standard = (await sf.query<{ Id: string }>('SELECT Id FROM Pricebook2 WHERE IsStandard = true')).records[0]!.Id;
  const products = await ingest(sf, 'Product2', 'ProductCode', Array.from({ length: PRODUCTS }, (_, i) => ({ Name: `SF product ${i}`, ProductCode: `SF-${i}`, Family: ['Vehicle', 'Part', 'Accessory', 'Service'][i % 4], IsActive: true, SBQQ__ChargeType__c: 'One-Time' })));
  await ingest(sf, 'PricebookEntry', 'Product2Id', products.map((id, i) => ({ Pricebook2Id: standard, Product2Id: id, UnitPrice: prices(i, 1).list, IsActive: true })));
  const opportunities = await idsByExternalId(sf, 'Opportunity');
  const accounts = await idsByExternalId(sf, 'Account');
  const quoteIds = await ingest(sf, 'SBQQ__Quote__c', 'SBQQ__StartDate__c', Array.from({ length: quotes }, (_, i) => ({
    SBQQ__Opportunity2__c: opportunities.get(`opp-${i % ACCOUNTS}`), SBQQ__Account__c: accounts.get(`acc-${i % ACCOUNTS}`), SBQQ__PriceBook__c: standard, SBQQ__Status__c: 'Draft', SBQQ__Primary__c: false,
    SBQQ__StartDate__c: `2027-${String(1 + (i % 12)).padStart(2, '0')}-01`, SBQQ__SubscriptionTerm__c: 12, SBQQ__Type__c: 'Quote',
  })), false);
  await ingest(sf, 'SBQQ__QuoteLine__c', 'SBQQ__Number__c', quoteIds.flatMap((quoteId, q) =>
    Array.from({ length: LINES_PER_QUOTE }, (_, n) => {
      const i = q * LINES_PER_QUOTE + n;
      const quantity = 1 + (i % 3);
      const p = prices(i, quantity);
      return { SBQQ__Quote__c: quoteId, SBQQ__Product__c: products[i % PRODUCTS], SBQQ__Number__c: n + 1, SBQQ__Quantity__c: quantity, SBQQ__ChargeType__c: 'One-Time', SBQQ__ListPrice__c: p.list, SBQQ__RegularPrice__c: p.list, SBQQ__VolumeDiscount__c: 0, SBQQ__Discount__c: p.discount, SBQQ__CustomerPrice__c: p.net, SBQQ__NetPrice__c: p.net };
    }),
  ), false);
}

/** Bulk API 2.0 insert (upsert by `key` when it is an external ID); the new Ids in the rows' order (by `key` when unique). */
async function ingest(sf: SalesforceClient, object: string, key: string, rows: Record<string, unknown>[], keyed = true): Promise<string[]> {
  const bulk = new BulkClient(sf);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const job = key === 'L2C_Id__c' ? await bulk.startIngest(object, 'upsert', columns, rows, key) : await bulk.startIngest(object, 'insert', columns, rows);
  await bulk.waitFor('ingest', job.id, { pollMs: 50 });
  const results = await bulk.ingestResults(job.id);
  const failed = results.filter((r) => r.error);
  if (failed.length) throw new Error(`seeding ${object}: ${failed.length} failed, e.g. ${failed[0]!.error!.errorCode} ${failed[0]!.error!.message}`);
  if (!keyed) return results.map((r) => r.sfId!);
  const byKey = new Map(results.map((r) => [r.values[key], r.sfId!]));
  return rows.map((row) => byKey.get(String(row[key]))!);
}

/** Salesforce Ids by L2C_Id__c (all of the object's, or the given ones). */
async function idsByExternalId(sf: SalesforceClient, object: string, only?: readonly string[]): Promise<Map<string, string>> {
  return new Map([...(await recordsByExternalId(sf, object, [], only))].map(([ext, record]) => [ext, String(record.Id)]));
}

async function recordsByExternalId(sf: SalesforceClient, object: string, fields: readonly string[], only?: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const where = only ? ` WHERE L2C_Id__c IN (${only.map((id) => `'${id}'`).join(', ')})` : ' WHERE L2C_Id__c != null';
  const result = new Map<string, Record<string, unknown>>();
  let page = await sf.query(`SELECT Id, L2C_Id__c${fields.map((f) => `, ${f}`).join('')} FROM ${object}${where}`);
  for (;;) {
    for (const record of page.records) result.set(String(record.L2C_Id__c), record);
    if (!page.nextRecordsUrl) return result;
    page = await sf.queryMore(page.nextRecordsUrl);
  }
}

/** Inserts rows with one array parameter per column (`unnest`): fast on both drivers; the capture triggers queue them. */
async function insertMany(db: Store, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const types = new Map((await db.query<{ column_name: string; udt_name: string }>('select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1', [table])).map((r) => [r.column_name, r.udt_name]));
  for (let start = 0; start < rows.length; start += 5_000) {
    const chunk = rows.slice(start, start + 5_000);
    await db.query(`insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ')})`, columns.map((c) => chunk.map((row) => row[c] ?? null)));
  }
}
