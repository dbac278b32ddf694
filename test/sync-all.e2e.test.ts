/**
 * The graph's sync fields over more than one subgraph's sync: CRM and CPQ, each with its own engine, store and queue,
 * against the emulator behind the gateway. CPQ's objects are listed beside CRM's, a CPQ sync is started and followed
 * through the graph, a CPQ failure is retried and another skipped by the ids the graph gives them; a partner is
 * refused (by the graph and by CPQ's internal route); a subgraph that does not answer leaves the others' answer whole
 * with an error naming it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, issueToken, localSyncSurface, remoteSyncSource, repoRoot, signInternalRequest, SYNC_SURFACE_PATH, syncSurfaceRoute, type Role, type SubgraphServer, type SyncEngine, type SyncMapping } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { disposeEngine, startTestOrg, type TestOrg } from '@l2c/test-support/sync';
import { createCrmServer } from '@l2c/crm';
import { crmMappings } from '@l2c/crm/salesforce';
import { createCpqServer } from '@l2c/cpq';
import { adoptStandardPriceBook, cpqMappings, cpqMigrationsDir } from '@l2c/cpq/salesforce';
import { createGateway, type Gateway } from '@l2c/gateway';
import { JWT_SECRET, SIGNING_SECRET, ok, type GraphQLResponse } from './harness.ts';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const logger = createLogger('sync-all', 'silent');
let org: TestOrg;
let crmStore: DisposableStore;
let cpqStore: DisposableStore;
let crmEngine: SyncEngine;
let cpqEngine: SyncEngine;
let crm: SubgraphServer;
let cpq: SubgraphServer;
let gateway: Gateway;
let gatewayUrl: string;
let cpqSyncUrl: string;
const products = Array.from({ length: 5 }, (_, i) => ({ id: randomUUID(), code: `ALL-${randomBytes(3).toString('hex')}-${i}` }));
const tooLong = [randomUUID(), randomUUID()]; // Product2.Name holds 255

const token = (role: Role) => issueToken(JWT_SECRET, { sub: `e2e-${role}`, roles: [role], dealerAccountId: role === 'partner' ? randomUUID() : null });

async function graphql<Data = Record<string, unknown>>(role: Role, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>> {
  const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role)}` }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<Data>, 'status'>) };
}

interface Job {
  id: string;
  subgraph: string;
  status: string;
  objects: string[];
  stats: { pushedCreated: number; pushFailed: number };
}
const JOB = 'id subgraph status objects stats { pushedCreated pushFailed }';

async function finished(id: string): Promise<Job> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const { syncJob } = ok(await graphql<{ syncJob: Job }>('sf_admin', `query($id: ID!) { syncJob(id: $id) { ${JOB} } }`, { id }));
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(syncJob.status)) return syncJob;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sync job ${id} not finished`);
}

/** A port nothing listens on: the address of a subgraph that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  org = await startTestOrg();
  const pglite = storeDrivers.find((d) => d.name === 'pglite')!;
  crmStore = await pglite.open(join(repoRoot, 'subgraphs/crm/src/store/migrations'));
  cpqStore = await pglite.open(cpqMigrationsDir);
  const engine = (source: 'crm' | 'cpq', store: DisposableStore, mappings: readonly SyncMapping[]) =>
    createSyncEngine({ store, mappings, salesforce: org.clientOptions(), queue: { redisUrl, prefix, name: `${source}-sync` }, source, logger, workers: { concurrency: 2 }, triggers: false });
  crmEngine = engine('crm', crmStore, crmMappings);
  cpqEngine = engine('cpq', cpqStore, cpqMappings);
  await adoptStandardPriceBook(await org.connect(), cpqStore, logger);
  await Promise.all([crmEngine.start(), cpqEngine.start()]);
  await cpqStore.query("insert into products (id, code, name, category) select unnest($1::text[]), unnest($2::text[]), 'All-sync product ' || unnest($2::text[]), 'ACCESSORY'", [products.map((p) => p.id), products.map((p) => p.code)]);
  await cpqStore.query("insert into products (id, code, name, category) select unnest($1::text[]), 'LONG-' || unnest($1::text[]), repeat('x', 256), 'ACCESSORY'", [tooLong]);

  cpq = await createCpqServer({
    store: cpqStore,
    signingSecret: SIGNING_SECRET,
    crmUrl: 'http://127.0.0.1:1/graphql',
    logger,
    routes: { [SYNC_SURFACE_PATH]: syncSurfaceRoute({ surface: localSyncSurface(cpqEngine), signingSecret: SIGNING_SECRET, logger }) },
  });
  const cpqUrl = `http://127.0.0.1:${await cpq.listen(0)}/graphql`;
  cpqSyncUrl = `http://127.0.0.1:${cpq.internalPort}${SYNC_SURFACE_PATH}`;
  crm = await createCrmServer({
    store: crmStore,
    signingSecret: SIGNING_SECRET,
    logger,
    sync: crmEngine,
    syncRemotes: [
      remoteSyncSource({ name: 'cpq', url: cpqSyncUrl, signingSecret: SIGNING_SECRET }),
      remoteSyncSource({ name: 'billing', url: `http://127.0.0.1:${await closedPort()}${SYNC_SURFACE_PATH}`, signingSecret: SIGNING_SECRET }),
    ],
  });
  const crmUrl = `http://127.0.0.1:${await crm.listen(0)}/graphql`;
  gateway = await createGateway({
    supergraphSdl: readFileSync(join(repoRoot, 'gateway/supergraph.graphql'), 'utf8'),
    subgraphUrls: { crm: crmUrl, cpq: cpqUrl },
    jwt: { secret: JWT_SECRET },
    signingSecret: SIGNING_SECRET,
    logger,
  });
  gatewayUrl = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await crm?.close();
  await cpq?.close();
  await disposeEngine(crmEngine, redisUrl, prefix);
  await disposeEngine(cpqEngine, redisUrl, prefix);
  await crmStore?.close();
  await cpqStore?.close();
  await org?.close();
});

describe('the graph syncs every subgraph', () => {
  it("lists CPQ's objects beside CRM's, parents first, and names a subgraph that did not answer beside the rest", async () => {
    type State = { object: string; subgraph: string; level: number; sObject: string };
    const result = await graphql<{ syncObjects: State[] }>('sf_admin', '{ syncObjects { object subgraph level sObject } }');
    const objects = result.data!.syncObjects;
    expect(objects).toEqual(expect.arrayContaining([
      expect.objectContaining({ object: 'Lead', subgraph: 'crm' }),
      expect.objectContaining({ object: 'Account', subgraph: 'crm' }),
      expect.objectContaining({ object: 'cpq:SBQQ__Quote__c', subgraph: 'cpq', sObject: 'SBQQ__Quote__c' }),
      expect.objectContaining({ object: 'cpq:Product2', subgraph: 'cpq' }),
    ]));
    expect(objects.length).toBe(crmMappings.length + cpqMappings.length);
    expect(objects.map((o) => o.level)).toEqual([...objects.map((o) => o.level)].sort((a, b) => a - b));
    expect(result.errors).toEqual([expect.objectContaining({ path: ['syncObjects'], message: expect.stringContaining("billing's sync is missing"), extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE' }) })]);
  });

  it("starts a CPQ sync through the graph on CPQ's engine, follows it to the end, and lists it among the jobs", async () => {
    const { startSync } = ok(await graphql<{ startSync: Job }>('sf_admin', `mutation { startSync(input: { objects: ["Product2"], mode: FULL, direction: OUT }) { ${JOB} } }`));
    expect(startSync).toMatchObject({ subgraph: 'cpq', objects: ['cpq:Product2'] });
    const job = await finished(startSync.id);
    expect(job).toMatchObject({ status: 'COMPLETED', stats: { pushedCreated: products.length, pushFailed: 2 } });
    expect((await cpqEngine.getRun(startSync.id))?.status).toBe('completed'); // CPQ's own store holds the run
    expect(await crmEngine.getRun(startSync.id)).toBeNull();
    const jobs = await graphql<{ syncJobs: { nodes: Job[] } }>('sf_admin', `{ syncJobs(first: 10) { nodes { ${JOB} } } }`);
    expect(jobs.data!.syncJobs.nodes.find((n) => n.id === startSync.id)).toMatchObject({ subgraph: 'cpq', status: 'COMPLETED' });
    const sf = await org.connect();
    const pushed = (await sf.query<{ ProductCode: string }>(`SELECT ProductCode FROM Product2 WHERE ProductCode LIKE 'ALL-%'`)).records;
    expect(pushed.map((r) => r.ProductCode).sort()).toEqual(products.map((p) => p.code).sort());
  });

  it("retries and skips CPQ's failed records by the ids the graph gives them", async () => {
    type Failure = { id: string; subgraph: string; object: string; localId: string; errorCode: string; job: { id: string; subgraph: string } };
    const { syncErrors } = ok(await graphql<{ syncErrors: { nodes: Failure[] } }>('sf_admin', '{ syncErrors(filter: { object: "cpq:Product2" }) { nodes { id subgraph object localId errorCode job { id subgraph } } } }'));
    expect(syncErrors.nodes.map((f) => [f.subgraph, f.object, f.localId, f.errorCode, f.job.subgraph]).sort()).toEqual(tooLong.map((id) => ['cpq', 'cpq:Product2', id, 'STRING_TOO_LONG', 'cpq']).sort());
    for (const f of syncErrors.nodes) expect(f.id).toMatch(/^cpq:[1-9][0-9]*$/);
    const [fix, skip] = tooLong.map((id) => syncErrors.nodes.find((f) => f.localId === id)!);
    await cpqStore.query("update products set name = 'Fixed' where id = $1", [fix!.localId]);
    const { retrySyncErrors } = ok(await graphql<{ retrySyncErrors: Job[] }>('sf_admin', 'mutation($ids: [ID!]!) { retrySyncErrors(ids: $ids) { id subgraph } }', { ids: [fix!.id] }));
    expect(retrySyncErrors).toEqual([{ id: expect.any(String), subgraph: 'cpq' }]);
    expect((await finished(retrySyncErrors[0]!.id)).status).toBe('COMPLETED');
    const { skipSyncErrors } = ok(await graphql<{ skipSyncErrors: { id: string; status: string }[] }>('sf_admin', 'mutation($ids: [ID!]!) { skipSyncErrors(ids: $ids) { id status } }', { ids: [skip!.id] }));
    expect(skipSyncErrors).toEqual([{ id: skip!.id, status: 'SKIPPED' }]);
    const open = ok(await graphql<{ syncErrors: { nodes: Failure[] } }>('sf_admin', '{ syncErrors(filter: { object: "cpq:Product2" }) { nodes { id } } }'));
    expect(open.syncErrors.nodes).toEqual([]);
    const unknown = await graphql('sf_admin', 'mutation { skipSyncErrors(ids: ["nowhere:1"]) { id } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[0]' });
  });

  it('refuses a sync naming objects of two subgraphs, and names the choices for a name several could mean', async () => {
    const mixed = await graphql('sf_admin', 'mutation { startSync(input: { objects: ["Lead", "cpq:Product2"] }) { id } }');
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(mixed.errors?.[0]?.message).toContain('start one sync per subgraph');
    const unknown = await graphql('sf_admin', 'mutation { startSync(input: { objects: ["Nothing__c"] }) { id } }');
    expect(unknown.errors?.[0]?.message).toMatch(/input\.objects\[0\]: must be one of .*cpq:SBQQ__Quote__c.*not reachable now: billing/);
  });

  it("refuses a partner, in the graph and at CPQ's internal route", async () => {
    for (const query of ['{ syncObjects { object } }', '{ syncJobs { nodes { id } } }', 'mutation { startSync(input: { objects: ["cpq:Product2"] }) { id } }', 'mutation { skipSyncErrors(ids: ["cpq:1"]) { id } }']) {
      const refused = await graphql('partner', query);
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const body = JSON.stringify({ op: 'objectNames', args: [] });
    const unsigned = await fetch(cpqSyncUrl, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    const partner = { subject: 'p-1', roles: ['partner' as const], dealerAccountId: randomUUID() };
    const asPartner = await fetch(cpqSyncUrl, { method: 'POST', headers: signInternalRequest(partner, SIGNING_SECRET, SYNC_SURFACE_PATH, body), body });
    expect([asPartner.status, ((await asPartner.json()) as { error: { code: string } }).error.code]).toEqual([403, 'FORBIDDEN']);
    const admin = { subject: 'a-1', roles: ['sf_admin' as const], dealerAccountId: null };
    const otherBody = await fetch(cpqSyncUrl, { method: 'POST', headers: signInternalRequest(admin, SIGNING_SECRET, SYNC_SURFACE_PATH, body), body: JSON.stringify({ op: 'startSync', args: [{ objects: 'all' }] }) });
    expect(otherBody.status).toBe(401);
  });
});
