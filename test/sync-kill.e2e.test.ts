/**
 * A worker killed with SIGKILL mid-sync, twice (during the inbound load and during the push), each time replaced by a
 * fresh process: the job completes from its checkpoints, counts and field-by-field checksums agree, no record is
 * duplicated in either system, and the resumed load reused its Bulk API job instead of starting over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkClient, createLogger, createSyncEngine, repoRoot, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers, testDatabaseUrl, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg, disposeEngine, runEnded } from '@l2c/test-support/sync';
import { leadMapping } from '@l2c/crm/salesforce';
import { compareStoreAndOrg } from '@l2c/crm/salesforce/testing';

const IN = 20_000;
const OUT = 6_000;
const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  org = await startTestOrg();
  store = await storeDrivers.find((d) => d.name === 'postgres')!.open(crmMigrations);
  // this process only queues and watches: the workers run in child processes
  engine = createSyncEngine({ store, mappings: [leadMapping], salesforce: org.clientOptions(), queue: { redisUrl, prefix }, source: 'crm', logger: createLogger('sync-test', 'warn'), workers: false, triggers: false });
  await engine.start();
}, 60_000);

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

async function startWorker(): Promise<ChildProcess> {
  const [current] = await store.query<{ schema: string }>('select current_schema() as schema');
  const schema = current!.schema;
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'subgraphs/crm/src/salesforce/testing/killableWorker.ts')], {
    env: { ...process.env, KILL_DB_URL: testDatabaseUrl, KILL_SCHEMA: schema, KILL_SF_URL: org.url, KILL_SF_CLIENT_ID: org.emulator.credentials.clientId, KILL_SF_CLIENT_SECRET: org.emulator.credentials.clientSecret, KILL_REDIS_URL: redisUrl, KILL_PREFIX: prefix },
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

async function until(runId: string, test: (run: SyncRun) => boolean, what: string): Promise<SyncRun> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const run = (await engine.getRun(runId))!;
    if (test(run)) return run;
    if (runEnded(run)) throw new Error(`run ended (${run.status}) before ${what}: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a worker killed with SIGKILL mid-sync', () => {
  it('is replaced, and the job resumes from its checkpoint with nothing lost or duplicated', async () => {
    const client = await org.connect();
    const bulk = new BulkClient(client);
    const seed = await bulk.startIngest('Lead', 'insert', ['LastName', 'Company', 'Status', 'City'], Array.from({ length: IN }, (_, i) => ({ LastName: `Killed ${i}`, Company: 'K', Status: 'Working - Contacted', City: i % 2 ? 'Oslo' : null })));
    await bulk.waitFor('ingest', seed.id, { pollMs: 50 });
    const localIds = Array.from({ length: OUT }, () => randomUUID());
    await store.query("insert into leads (id, last_name, status, source_channel, city) select unnest($1::text[]), 'Local ' || unnest($1::text[]), 'Open', 'WEB', 'Bergen'", [localIds]);
    await org.control('DELETE', 'requests');

    let worker = await startWorker();
    const run = await engine.startSync({ objects: ['Lead'], mode: 'full', direction: 'both' });
    const midLoad = await until(run.id, (r) => r.done >= 5_000 && /loading/.test(r.phase ?? ''), 'the load to be a quarter through');
    await kill(worker);
    expect(midLoad.done).toBeLessThan(IN);

    worker = await startWorker();
    const resumed = await until(run.id, (r) => /pushing/.test(r.phase ?? '') && r.done >= 1_200, 'the push to be under way');
    await kill(worker);
    expect(resumed.done).toBeLessThan(OUT);

    await startWorker();
    const done = await until(run.id, (r) => r.status === 'completed', 'the job to complete');
    expect(done.stats).toMatchObject({ inserted: IN, pushedCreated: OUT });

    const requests = await org.control<{ endpoints: Record<string, number> }>('GET', 'requests');
    const queryJobs = Object.entries(requests.endpoints).filter(([key]) => /^POST .*\/jobs\/query$/.test(key)).reduce((n, [, count]) => n + count, 0);
    expect(queryJobs).toBe(1); // the resumed load read on from its checkpointed locator

    const [local] = await store.query<{ n: number; distinct_links: number }>("select (select count(*)::int from leads) as n, (select count(distinct sf_id)::int from sync_links where mapping = 'Lead') as distinct_links");
    expect(local).toEqual({ n: IN + OUT, distinct_links: IN + OUT });
    const [comparison] = await compareStoreAndOrg(store, client, engine.mappings);
    expect(comparison).toMatchObject({ mapping: 'Lead', local: IN + OUT, salesforce: IN + OUT, linked: IN + OUT, differences: [], orphans: [], duplicateExternalIds: 0 });
  }, 240_000);
});
