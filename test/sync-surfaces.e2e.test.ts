/**
 * The sync's surfaces against the emulator: the graph through the gateway (roles, start → progress → complete,
 * cancel, failures retried and skipped, a conflict resolved), `/metrics` on the CRM subgraph, and the CLI's exit codes.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEngine, createLogger, issueToken, repoRoot, type Role, type SyncEngine } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg } from '@l2c/test-support/sync';
import { createCrmServer } from '@l2c/crm';
import { createGateway, type Gateway } from '@l2c/gateway';
import type { SubgraphServer } from '@l2c/shared';
import { createSyncPrometheus, crmMappings } from '@l2c/crm/salesforce';
import { JWT_SECRET, SIGNING_SECRET, ok, type GraphQLResponse } from './harness.ts';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const logger = createLogger('sync-surfaces', 'silent');
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;
let crm: SubgraphServer;
let gateway: Gateway;
let crmBase: string;
let gatewayUrl: string;
const badLeads = [randomUUID(), randomUUID()];

const token = (role: Role) => issueToken(JWT_SECRET, { sub: `e2e-${role}`, roles: [role], dealerAccountId: role === 'partner' ? randomUUID() : null });

async function graphql<Data = Record<string, unknown>>(role: Role, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>> {
  const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role)}` }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<Data>, 'status'>) };
}

interface Job {
  id: string;
  status: string;
  done: number;
  total: number | null;
  apiCalls: number;
  stats: { pushedCreated: number; inserted: number };
}
const JOB = 'id status phase done total apiCalls stats { pushedCreated inserted } children { id status }';

async function finished(id: string): Promise<Job> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const { syncJob } = ok(await graphql<{ syncJob: Job }>('engineer', `query($id: ID!) { syncJob(id: $id) { ${JOB} } }`, { id }));
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(syncJob.status)) return syncJob;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sync job ${id} not finished`);
}

async function startSync(input: Record<string, unknown>): Promise<Job> {
  return ok(await graphql<{ startSync: Job }>('sf_admin', `mutation($input: StartSyncInput!) { startSync(input: $input) { ${JOB} } }`, { input })).startSync;
}

beforeAll(async () => {
  org = await startTestOrg();
  store = await storeDrivers.find((d) => d.name === 'pglite')!.open(join(repoRoot, 'subgraphs/crm/src/store/migrations'));
  const prometheus = createSyncPrometheus({ processMetrics: false });
  engine = createSyncEngine({
    store,
    mappings: crmMappings.map((m) => (m.name === 'Lead' ? { ...m, conflictPolicy: 'manual' as const } : m)),
    salesforce: org.clientOptions(),
    queue: { redisUrl, prefix },
    source: 'crm',
    logger,
    metrics: prometheus.hooks,
    workers: { concurrency: 2 },
    triggers: false,
  });
  await engine.start();
  const ids = Array.from({ length: 200 }, () => randomUUID());
  await store.query("insert into leads (id, last_name, status, source_channel) select unnest($1::text[]), 'Surface ' || unnest($1::text[]), 'Open', 'WEB'", [ids]);
  await store.query("insert into leads (id, last_name, status, source_channel) select unnest($1::text[]), repeat('x', 81), 'Open', 'WEB'", [badLeads]); // Lead.LastName holds 80
  crm = await createCrmServer({ store, signingSecret: SIGNING_SECRET, logger, sync: engine, routes: { '/metrics': (_req, res) => prometheus.serve(res) } });
  crmBase = `http://127.0.0.1:${await crm.listen(0)}`;
  gateway = await createGateway({
    supergraphSdl: readFileSync(join(repoRoot, 'gateway/supergraph.graphql'), 'utf8'),
    subgraphUrls: { crm: `${crmBase}/graphql` },
    jwt: { secret: JWT_SECRET },
    signingSecret: SIGNING_SECRET,
    logger,
  });
  gatewayUrl = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await crm?.close();
  await engine?.close();
  await store?.close();
  await org?.close();
});

describe('sync surfaces', () => {
  it('refuses staff and partners with FORBIDDEN', async () => {
    for (const role of ['staff', 'partner'] as const) {
      const jobs = await graphql(role, '{ syncJobs { nodes { id } } }');
      expect(jobs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const start = await graphql(role, 'mutation { startSync(input: { objects: ["Lead"] }) { id } }');
      expect(start.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('starts a sync through the gateway, shows its progress and lists it; failed records are listed, retried and skipped', async () => {
    const started = await startSync({ objects: ['Lead'], mode: 'FULL', direction: 'OUT' });
    expect(['QUEUED', 'RUNNING']).toContain(started.status);
    const job = await finished(started.id);
    expect(job).toMatchObject({ status: 'COMPLETED', done: expect.any(Number), stats: { pushedCreated: 200 } });
    expect(job.apiCalls).toBeGreaterThan(0);
    const { syncJobs } = ok(await graphql<{ syncJobs: { nodes: { id: string }[] } }>('engineer', '{ syncJobs(status: [COMPLETED], first: 5) { nodes { id } } }'));
    expect(syncJobs.nodes.map((n) => n.id)).toContain(started.id);
    const { syncObjects } = ok(await graphql<{ syncObjects: { object: string; linked: number; openFailures: number }[] }>('engineer', '{ syncObjects { object linked openFailures lastJob { id } } }'));
    expect(syncObjects.find((o) => o.object === 'Lead')).toMatchObject({ linked: 200, openFailures: 2 });

    type Failure = { id: string; localId: string; errorCode: string; fields: string[]; status: string };
    const { syncErrors } = ok(await graphql<{ syncErrors: { nodes: Failure[] } }>('engineer', '{ syncErrors(filter: { object: "Lead" }) { nodes { id localId errorCode fields status job { id } } } }'));
    expect(syncErrors.nodes.map((f) => [f.localId, f.errorCode, f.fields]).sort()).toEqual(badLeads.map((id) => [id, 'STRING_TOO_LONG', ['LastName']]).sort());
    const [fix, skip] = badLeads.map((id) => syncErrors.nodes.find((f) => f.localId === id)!);
    await store.query("update leads set last_name = 'Fixed' where id = $1", [fix!.localId]);
    const { retrySyncErrors } = ok(await graphql<{ retrySyncErrors: Job[] }>('sf_admin', 'mutation($ids: [ID!]!) { retrySyncErrors(ids: $ids) { id } }', { ids: [fix!.id] }));
    expect((await finished(retrySyncErrors[0]!.id)).status).toBe('COMPLETED');
    const { skipSyncErrors } = ok(await graphql<{ skipSyncErrors: Failure[] }>('engineer', 'mutation($ids: [ID!]!) { skipSyncErrors(ids: $ids) { id status } }', { ids: [skip!.id] }));
    expect(skipSyncErrors).toEqual([{ id: skip!.id, status: 'SKIPPED' }]);
    const open = ok(await graphql<{ syncErrors: { nodes: Failure[] } }>('engineer', '{ syncErrors(filter: { object: "Lead" }) { nodes { id } } }'));
    expect(open.syncErrors.nodes).toEqual([]);
  });

  it('holds a record changed on both sides as a conflict with the three versions, resolved by an admin', async () => {
    const [link] = await store.query<{ local_id: string; sf_id: string }>("select local_id, sf_id from sync_links where mapping = 'Lead' limit 1");
    await store.query("update leads set city = 'Local city' where id = $1", [link!.local_id]);
    await (await org.connect()).update('Lead', [{ Id: link!.sf_id, City: 'Salesforce city' }]);
    expect((await finished((await startSync({ objects: ['Lead'] })).id)).status).toBe('COMPLETED');
    type Conflict = { id: string; localId: string; status: string; fields: string[]; versions: { field: string; base: string | null; local: string | null; salesforce: string | null; inConflict: boolean }[] };
    const { syncConflicts } = ok(await graphql<{ syncConflicts: { nodes: Conflict[] } }>('engineer', '{ syncConflicts(filter: { status: OPEN }) { nodes { id localId status fields versions { field base local salesforce inConflict } } } }'));
    const conflict = syncConflicts.nodes.find((c) => c.localId === link!.local_id)!;
    expect(conflict.fields).toEqual(['City']);
    expect(conflict.versions[0]).toEqual({ field: 'City', base: null, local: 'Local city', salesforce: 'Salesforce city', inConflict: true });
    const { resolveSyncConflict } = ok(await graphql<{ resolveSyncConflict: { status: string; resolution: string } }>('sf_admin', 'mutation($id: ID!) { resolveSyncConflict(id: $id, keep: SALESFORCE) { status resolution } }', { id: conflict.id }));
    expect(resolveSyncConflict).toEqual({ status: 'RESOLVED', resolution: 'SALESFORCE' });
    expect(await store.query('select city from leads where id = $1', [link!.local_id])).toEqual([{ city: 'Salesforce city' }]);
    const again = await graphql('sf_admin', 'mutation($id: ID!) { resolveSyncConflict(id: $id, keep: LOCAL) { status } }', { id: conflict.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'CONFLICT_RESOLVED' });
  });

  it('cancels a run', async () => {
    const started = await startSync({ objects: ['all'], mode: 'FULL' });
    const { cancelSync } = ok(await graphql<{ cancelSync: { id: string } }>('engineer', 'mutation($id: ID!) { cancelSync(id: $id) { id } }', { id: started.id }));
    expect(cancelSync.id).toBe(started.id);
    expect((await finished(started.id)).status).toBe('CANCELLED');
    const unknown = await graphql('engineer', 'mutation { cancelSync(id: "3f2b8c1e-5d4a-4e7b-9c61-0a8d2f4b7e90") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await graphql('engineer', 'mutation { cancelSync(id: "nope") { id } }');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', value: 'nope' });
  });

  it('exposes the counters at /metrics on the CRM subgraph', async () => {
    expect((await fetch(`${crmBase}/metrics`)).status).toBe(404); // never beside /graphql
    const text = await (await fetch(`http://127.0.0.1:${crm.internalPort}/metrics`)).text();
    expect(text).toContain('l2c_sync_records_total{mapping="Lead",direction="outbound",outcome="pushedCreated"} 201');
    expect(text).toMatch(/l2c_sync_api_calls_total\{method="[A-Z]+",status="200",error_code=""\} \d+/);
    expect(text).toMatch(/l2c_sync_job_duration_seconds_count\{kind="object",mode="full",direction="out",status="completed",mapping="Lead"\} 1/);
  });

  it('CLI: exits 2 naming a bad argument, 0 after a completed run (in process and through the gateway)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sync-cli-'));
    try {
      const env = {
        DATA_DIR: dataDir,
        SF_EMULATOR_URL: org.url,
        SF_EMULATOR_CLIENT_ID: org.emulator.credentials.clientId,
        SF_EMULATOR_CLIENT_SECRET: org.emulator.credentials.clientSecret,
        QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
        REDIS_URL: redisUrl,
        SYNC_CDC: 'false',
      };
      const bad = await cli(['Lead', '--direction', 'sideways'], env);
      expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--direction must be in, out or both (got "sideways")')]);
      const unknown = await cli(['Nothing'], env);
      expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('Nothing')]);
      const run = await cli(['Lead', '--direction', 'in'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/sync \S+ completed in [\d.]+ s, [\d,]+ records, [\d,]+ API calls/);
      const remote = await cli(['Lead', '--direction', 'in', '--url', gatewayUrl, '--token', await token('engineer')], {});
      expect(remote.code, remote.stderr).toBe(0);
      expect(remote.stdout).toContain('completed');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/sync.ts'), ...args], { cwd: repoRoot, env: { ...process.env, ...env, LOG_LEVEL: 'error' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
