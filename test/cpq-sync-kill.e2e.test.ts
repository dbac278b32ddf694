/**
 * CPQ's push of quotes with their lines, its worker killed with SIGKILL twice (while the quotes go out, then while
 * the lines do), each time replaced by a fresh process: the run completes, every quote and line is in the org once,
 * and the store and the org agree field by field.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkClient, createLogger, createSyncEngine, repoRoot, type SalesforceClient, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers, testDatabaseUrl, type DisposableStore } from '@l2c/shared/testing';
import { adoptStandardPriceBook, cpqMappings, cpqMigrationsDir } from '@l2c/cpq/salesforce';
import { compareStoreAndOrg, disposeEngine, runEnded, startTestOrg, type TestOrg } from '@l2c/test-support/sync';

const QUOTES = 1_500;
const LINES_PER_QUOTE = 4;
const ACCOUNTS = 20;
const PRODUCTS = 10;
const QUOTE_AND_LINES = ['SBQQ__Quote__c', 'SBQQ__QuoteLine__c'];
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const logger = createLogger('cpq-sync-kill', 'warn');
let org: TestOrg;
let client: SalesforceClient;
let store: DisposableStore;
let engine: SyncEngine;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  org = await startTestOrg();
  client = await org.connect();
  store = await storeDrivers.find((d) => d.name === 'postgres')!.open(cpqMigrationsDir);
  // This process only queues and watches: the workers run in child processes.
  engine = createSyncEngine({ store, mappings: cpqMappings, salesforce: org.clientOptions(), queue: { redisUrl, prefix, name: 'cpq-sync' }, source: 'cpq', logger, workers: false, triggers: false });
  // CRM's accounts and opportunities, as CRM pushes them: the quotes name them by L2C_Id__c.
  await ingest('Account', Array.from({ length: ACCOUNTS }, (_, i) => ({ Name: `CRM Account ${i}`, L2C_Id__c: `acc-${i}` })));
  const accounts = new Map((await client.query<{ Id: string; L2C_Id__c: string }>('SELECT Id, L2C_Id__c FROM Account WHERE L2C_Id__c != null')).records.map((r) => [r.L2C_Id__c, r.Id]));
  await ingest('Opportunity', Array.from({ length: ACCOUNTS }, (_, i) => ({ Name: `CRM Opportunity ${i}`, AccountId: accounts.get(`acc-${i}`), StageName: 'Prospecting', CloseDate: '2027-06-30', L2C_Id__c: `opp-${i}` })));
  expect(await adoptStandardPriceBook(client, store, logger)).toBe('stamped');
  await engine.start();
  await seedQuotes();
}, 120_000);

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

describe("a CPQ worker killed with SIGKILL mid-push of quotes and lines", () => {
  it('is replaced, and the push resumes with no quote or line duplicated in the org', async () => {
    let worker = await startWorker();
    // The lines' products and the quotes' (standard) price book first, in a run nobody interrupts.
    const parents = await until((await engine.startSync({ objects: ['Product2', 'Pricebook2'], mode: 'full', direction: 'both' })).id, (r) => r.status === 'completed', 'the products to be pushed');
    expect(childOf(parents, 'Product2')).toMatchObject({ status: 'completed', stats: { pushedCreated: PRODUCTS } });

    const run = await engine.startSync({ objects: QUOTE_AND_LINES, mode: 'full', direction: 'out' });
    const midQuotes = await until(run.id, (r) => childOf(r, 'SBQQ__Quote__c').done >= 400, 'the quotes to be under way');
    await kill(worker);
    expect(childOf(midQuotes, 'SBQQ__Quote__c').done).toBeLessThan(QUOTES);

    worker = await startWorker();
    const midLines = await until(run.id, (r) => childOf(r, 'SBQQ__QuoteLine__c').done >= 1_200, 'the lines to be under way');
    await kill(worker);
    expect(childOf(midLines, 'SBQQ__QuoteLine__c').done).toBeLessThan(QUOTES * LINES_PER_QUOTE);

    await startWorker();
    const done = await until(run.id, (r) => r.status === 'completed', 'the run to complete');
    expect(done.stats.objects).toEqual({ SBQQ__Quote__c: 'completed', SBQQ__QuoteLine__c: 'completed' });
    expect(await engine.listFailures()).toEqual([]);

    const comparisons = await compareStoreAndOrg(store, client, engine.mappings.filter((m) => QUOTE_AND_LINES.includes(m.name)));
    expect(comparisons.map((c) => ({ mapping: c.mapping, local: c.local, salesforce: c.salesforce, linked: c.linked, differences: c.differences, orphans: c.orphans, duplicates: c.duplicateExternalIds }))).toEqual([
      { mapping: 'SBQQ__Quote__c', local: QUOTES, salesforce: QUOTES, linked: QUOTES, differences: [], orphans: [], duplicates: 0 },
      { mapping: 'SBQQ__QuoteLine__c', local: QUOTES * LINES_PER_QUOTE, salesforce: QUOTES * LINES_PER_QUOTE, linked: QUOTES * LINES_PER_QUOTE, differences: [], orphans: [], duplicates: 0 },
    ]);
    const [links] = await store.query<{ quotes: number; lines: number }>(
      "select count(distinct sf_id) filter (where mapping = 'SBQQ__Quote__c')::int as quotes, count(distinct sf_id) filter (where mapping = 'SBQQ__QuoteLine__c')::int as lines from sync_links",
    );
    expect(links).toEqual({ quotes: QUOTES, lines: QUOTES * LINES_PER_QUOTE });
  }, 180_000);
});

/** A run's child job for one object (empty until the run starts it). */
function childOf(run: SyncRun & { children?: SyncRun[] }, mapping: string): Pick<SyncRun, 'done' | 'status' | 'stats'> {
  return run.children?.find((c) => c.mappings[0] === mapping) ?? { done: 0, status: 'queued', stats: {} };
}

async function until(runId: string, test: (run: SyncRun & { children: SyncRun[] }) => boolean, what: string): Promise<SyncRun & { children: SyncRun[] }> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const run = (await engine.getRun(runId))!;
    if (test(run)) return run;
    if (runEnded(run)) throw new Error(`run ended (${run.status}) before ${what}: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startWorker(): Promise<ChildProcess> {
  const [current] = await store.query<{ schema: string }>('select current_schema() as schema');
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'subgraphs/cpq/src/salesforce/testing/killableWorker.ts')], {
    env: { ...process.env, KILL_DB_URL: testDatabaseUrl, KILL_SCHEMA: current!.schema, KILL_SF_URL: org.url, KILL_SF_CLIENT_ID: org.emulator.credentials.clientId, KILL_SF_CLIENT_SECRET: org.emulator.credentials.clientSecret, KILL_REDIS_URL: redisUrl, KILL_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** CPQ's own quotes with their lines, on CRM's opportunities, and the lines' products; the capture triggers queue them. */
async function seedQuotes(): Promise<void> {
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({ id: `p-${i}`, code: `K-${i}`, name: `Kill product ${i}` }));
  await store.query("insert into products (id, code, name, category) select unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), 'ACCESSORY'", [products.map((p) => p.id), products.map((p) => p.code), products.map((p) => p.name)]);
  const quotes = Array.from({ length: QUOTES }, (_, i) => ({ id: randomUUID(), i }));
  await store.query(
    `insert into quotes (id, number, name, opportunity_id, account_id, status, price_book_id, start_date, subscription_term, created_by)
     select q.id, 'Q-K' || q.i, 'Kill quote ' || q.i, 'opp-' || (q.i % ${ACCOUNTS}), 'acc-' || (q.i % ${ACCOUNTS}), 'DRAFT', 'standard-price-book', '2027-01-15', 12, 'seed'
     from unnest($1::text[], $2::int[]) as q(id, i)`,
    [quotes.map((q) => q.id), quotes.map((q) => q.i)],
  );
  const lines = quotes.flatMap((q) => Array.from({ length: LINES_PER_QUOTE }, (_, n) => ({ id: randomUUID(), quote: q.id, n: n + 1, product: products[(q.i + n) % PRODUCTS]! })));
  await store.query(
    `insert into quote_lines (id, quote_id, number, product_id, product_code, product_name, category, charge_type, quantity, list_price, prorated_list_price, volume_discount_percent, regular_price, customer_price, net_price, list_total, net_total, total_discount_amount, total_discount_percent)
     select l.id, l.quote_id, l.n, l.product_id, l.code, l.name, 'ACCESSORY', 'ONE_TIME', 2, 100.00, 100.00, 0.00, 100.00, 100.00, 100.00, 200.00, 200.00, 0.00, 0.00
     from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[]) as l(id, quote_id, n, product_id, code, name)`,
    [lines.map((l) => l.id), lines.map((l) => l.quote), lines.map((l) => l.n), lines.map((l) => l.product.id), lines.map((l) => l.product.code), lines.map((l) => l.product.name)],
  );
}

/** Bulk API 2.0 upsert by L2C_Id__c. */
async function ingest(object: string, rows: Record<string, unknown>[]): Promise<void> {
  const bulk = new BulkClient(client);
  const job = await bulk.startIngest(object, 'upsert', [...new Set(rows.flatMap((r) => Object.keys(r)))], rows, 'L2C_Id__c');
  await bulk.waitFor('ingest', job.id, { pollMs: 50 });
  const failed = (await bulk.ingestResults(job.id)).filter((r) => r.error);
  if (failed.length) throw new Error(`seeding ${object}: ${failed.length} failed, e.g. ${failed[0]!.error!.message}`);
}
