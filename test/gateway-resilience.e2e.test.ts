/**
 * The real gateway process (`gateway/src/main.ts`) in front of the real CRM and CPQ processes, each its own Node
 * process on free ports with its own data folder and a random event stream: subgraphs are killed and restarted while
 * queries and a subscription keep going, and the gateway is never restarted. Also the safe defaults, through the same
 * gateway process: token expiry, introspection, trusted documents, argument errors as HTTP 400.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, repoRoot } from '@l2c/shared';
import { connect, type TestConnection } from '@l2c/gateway/subscriptions/testClient';
import { freePort, startProcess, waitForOk, type RunningProcess } from './processes.ts';

const JWT_SECRET = 'resilience-jwt-secret-0123456789abcdef';
const SIGNING_SECRET = 'resilience-signing-secret-0123456789abcdef';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const stream = `e2e:resilience:${randomBytes(6).toString('hex')}`;

interface GraphQLAnswer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

const PAGE = 'query OpportunityPage { opportunities(first: 3) { nodes { id name primaryQuote { id } } } }';

let dirs: string[] = [];
let crm: RunningProcess;
let cpq: RunningProcess;
let gateway: RunningProcess;
let ports: { crm: number; cpq: number; gateway: number; crmMetrics: number };
let gatewayUrl: string;
const staffToken = () => issueToken(JWT_SECRET, { sub: 'e2e-staff', roles: ['staff'] });

function startCrm(dataDir: string): RunningProcess {
  return startProcess('subgraphs/crm/src/main.ts', {
    CRM_PORT: String(ports.crm),
    CPQ_URL: `http://127.0.0.1:${ports.cpq}/graphql`,
    DATA_DIR: dataDir,
    DEMO_DATA_SIZE: '3',
    SYNC_ENABLED: 'false',
    REDIS_URL: redisUrl,
    EVENT_STREAM: stream,
    GATEWAY_SIGNING_SECRET: SIGNING_SECRET,
    METRICS_PORT: String(ports.crmMetrics),
  });
}

function startCpq(dataDir: string): RunningProcess {
  return startProcess('subgraphs/cpq/src/main.ts', {
    CPQ_PORT: String(ports.cpq),
    CRM_URL: `http://127.0.0.1:${ports.crm}/graphql`,
    DATA_DIR: dataDir,
    DEMO_DATA_SIZE: '3',
    REDIS_URL: redisUrl,
    EVENT_STREAM: stream,
    GATEWAY_SIGNING_SECRET: SIGNING_SECRET,
  });
}

async function graphql(token: string, query: string, variables?: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables, ...extra }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLAnswer, 'status'>) };
}

/** Polls `probe` until it returns true, for at most `timeoutMs`. */
async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const crmDir = () => dirs[0]!;
const cpqDir = () => dirs[1]!;

beforeAll(async () => {
  dirs = [await mkdtemp(join(tmpdir(), 'e2e-crm-')), await mkdtemp(join(tmpdir(), 'e2e-cpq-'))];
  ports = { crm: await freePort(), cpq: await freePort(), gateway: await freePort(), crmMetrics: await freePort() };
  crm = startCrm(crmDir());
  cpq = startCpq(cpqDir());
  // Nothing listens at the notifications URL: the supergraph has that subgraph, these tests never ask it.
  const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
  gateway = startProcess('gateway/src/main.ts', {
    GATEWAY_PORT: String(ports.gateway),
    SUBGRAPH_URLS: `crm=http://127.0.0.1:${ports.crm}/graphql,cpq=http://127.0.0.1:${ports.cpq}/graphql,notifications=${nowhere}`,
    JWT_SECRET,
    GATEWAY_SIGNING_SECRET: SIGNING_SECRET,
    REDIS_URL: redisUrl,
    EVENT_STREAM: stream,
    SUBGRAPH_TIMEOUT_MS: '3000',
    SUBGRAPH_CIRCUIT_FAILURES: '3',
    SUBGRAPH_CIRCUIT_OPEN_MS: '1000',
    SUBSCRIPTION_KEEPALIVE_MS: '0',
  });
  gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  await Promise.all([
    waitForOk(`http://127.0.0.1:${ports.crm}/ready`, crm),
    waitForOk(`http://127.0.0.1:${ports.cpq}/ready`, cpq),
    waitForOk(`http://127.0.0.1:${ports.gateway}/health`, gateway),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([gateway?.stop(), cpq?.stop(), crm?.stop()]);
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${stream}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}, 60_000);

describe('a subgraph killed and restarted under a stream of queries and a subscription', () => {
  it('answers partial data with SUBGRAPH_UNAVAILABLE per failed path while CPQ is down, full answers after, without restarting the gateway', async () => {
    const token = await staffToken();
    const full = await graphql(token, PAGE);
    expect(full.errors).toBeUndefined();
    const nodes = full.data!.opportunities.nodes as { id: string; name: string }[];
    expect(nodes.length).toBeGreaterThan(0);

    // A subscriber whose payload needs CPQ (primaryQuote), and events made by moving an open opportunity between stages.
    const { opportunityStages, opportunities } = (await graphql(token, '{ opportunityStages { name isClosed } opportunities(first: 50) { nodes { id isClosed } } }')).data!;
    const open = (opportunityStages as { name: string; isClosed: boolean }[]).filter((stage) => !stage.isClosed).map((stage) => stage.name);
    const target = (opportunities.nodes as { id: string; isClosed: boolean }[]).find((o) => !o.isClosed)!;
    let move = 0;
    const moveStage = async () => {
      const stage = open[move++ % 2]!;
      const moved = await graphql(token, 'mutation($id: ID!, $stage: String!) { setOpportunityStage(id: $id, stage: $stage) { id stage } }', { id: target.id, stage });
      expect(moved.errors).toBeUndefined();
    };
    const ws: TestConnection = connect(gatewayUrl.replace(/^http/, 'ws'), { authorization: `Bearer ${token}` });
    try {
      const events = ws.subscribe<{ opportunity: { id: string; primaryQuote: unknown } | null }>('subscription { opportunityEvents { id type opportunity { id name primaryQuote { id } } } }');
      await new Promise((resolve) => setTimeout(resolve, 500)); // the subscription is registered before the first event
      await moveStage();
      await events.waitFor(1, 30_000);
      expect(events.errors).toEqual([]);

      // A stream of queries through the kill and the restart: every answer is 200, with full data or SUBGRAPH_UNAVAILABLE.
      const answers: GraphQLAnswer[] = [];
      let streaming = true;
      const streamer = (async () => {
        while (streaming) answers.push(await graphql(token, PAGE).catch((error: unknown) => ({ status: -1, errors: [{ message: String((error as Error).cause ?? error) }] })));
      })();

      await cpq.kill();
      await eventually('an answer with CPQ down', async () => answers.some((a) => a.errors?.length));
      const partial = await graphql(token, PAGE);
      expect(partial.status).toBe(200);
      const partialNodes = partial.data!.opportunities.nodes as { id: string; name: string; primaryQuote: unknown }[];
      expect(partialNodes.map((n) => [n.id, n.name, n.primaryQuote])).toEqual(nodes.map((n) => [n.id, n.name, null]));
      expect(partial.errors).toHaveLength(nodes.length);
      partial.errors!.forEach((error, i) => {
        expect(error.message).toMatch(/^the cpq subgraph is unavailable: /);
        expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'cpq' });
        expect(error.path).toEqual(['opportunities', 'nodes', i, 'primaryQuote']);
      });

      // The subscriber gets the event while CPQ is down, with the error, and stays subscribed.
      await moveStage();
      await events.waitFor(2, 30_000);
      expect(events.events[1]!.opportunity).toMatchObject({ id: target.id, primaryQuote: null });
      expect(events.errors.map((e) => e.extensions?.['code']), JSON.stringify([events.events, events.errors])).toContain('SUBGRAPH_UNAVAILABLE');
      expect(events.ended).toBeNull();

      cpq = startCpq(cpqDir());
      await waitForOk(`http://127.0.0.1:${ports.cpq}/ready`, cpq);
      await eventually('a full answer after CPQ restarted', async () => (await graphql(token, PAGE)).errors === undefined, 30_000);
      streaming = false;
      await streamer;

      const errorCodes = new Set(answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.['code']));
      expect([...errorCodes], JSON.stringify(answers.filter((a) => a.status !== 200).slice(0, 3))).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(answers.at(-1)?.errors).toBeUndefined();

      const errorsBefore = events.errors.length;
      await moveStage();
      await events.waitFor(3, 30_000);
      expect(events.errors.length).toBe(errorsBefore);
      expect(events.ended).toBeNull();
      expect(gateway.child.exitCode).toBeNull();
    } finally {
      await ws.dispose();
    }
  }, 240_000);

  it('createQuote while CRM is down fails with SUBGRAPH_UNAVAILABLE naming crm and writes nothing', async () => {
    const token = await staffToken();
    const opportunityId = ((await graphql(token, '{ opportunities(first: 1) { nodes { id } } }')).data!.opportunities.nodes[0] as { id: string }).id;
    const count = async () => {
      const answer = await graphql(token, '{ quotes(first: 1) { totalCount } }');
      if (!answer.data) throw new Error(JSON.stringify(answer));
      return answer.data.quotes.totalCount as number;
    };
    const before = await count();
    await crm.kill();
    try {
      const created = await graphql(token, 'mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }', { input: { opportunityId } });
      expect(created.status).toBe(200);
      expect(created.data).toBeNull();
      expect(created.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^the crm subgraph is unavailable: /), path: ['createQuote'], extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'crm' }) }),
      ]);
      expect(await count()).toBe(before);
    } finally {
      crm = startCrm(crmDir());
      await waitForOk(`http://127.0.0.1:${ports.crm}/ready`, crm);
    }
  }, 180_000);
});

describe('safe defaults through the gateway process', () => {
  const sign = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('someone')).sign(new TextEncoder().encode(JWT_SECRET));

  it('refuses tokens without exp and tokens living longer than 12 h', async () => {
    const noExp = await graphql(await sign({ roles: ['staff'] }, (jwt) => jwt.setIssuedAt()), '{ __typename }');
    expect([noExp.status, noExp.errors?.[0]?.message]).toEqual([401, 'bearer token is not valid: it has no expiry (exp); tokens must expire']);
    const long = await graphql(await issueToken(JWT_SECRET, { sub: 's', roles: ['staff'] }, '7d'), '{ __typename }');
    expect([long.status, long.errors?.[0]?.message]).toEqual([401, 'bearer token lives 168 h; tokens may live at most 12 h (from iat to exp)']);
  });

  it('lets staff, sf_admin and engineers introspect, and refuses partners with a clear error', async () => {
    for (const role of ['staff', 'sf_admin', 'engineer'] as const) {
      const answer = await graphql(await issueToken(JWT_SECRET, { sub: role, roles: [role] }), '{ __schema { queryType { name } } }');
      expect(answer.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
    const partner = await issueToken(JWT_SECRET, { sub: 'p', roles: ['partner'], dealerAccountId: 'dealer-1' });
    const refused = await graphql(partner, '{ __schema { queryType { name } } }');
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_TRUSTED');
  });

  it('holds partners to the trusted documents, by id or by exact body; others may also use automatic persisted queries', async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'gateway/src/__generated__/persisted-query-manifest.json'), 'utf8')) as { operations: { id: string; name: string; body: string }[] };
    const leads = manifest.operations.find((operation) => operation.name === 'PartnerLeads')!;
    const partner = await issueToken(JWT_SECRET, { sub: 'p', roles: ['partner'], dealerAccountId: 'dealer-1' });
    const byId = await graphql(partner, undefined as unknown as string, { first: 2 }, { extensions: { persistedQuery: { version: 1, sha256Hash: leads.id } } });
    expect([byId.status, byId.errors]).toEqual([200, undefined]);
    expect(byId.data?.leads).toMatchObject({ nodes: expect.any(Array) });
    const byDocumentId = await graphql(partner, undefined as unknown as string, { first: 2 }, { documentId: leads.id });
    expect(byDocumentId.data).toEqual(byId.data);
    const byBody = await graphql(partner, leads.body, { first: 2 });
    expect(byBody.data).toEqual(byId.data);
    const own = await graphql(partner, '{ leads(first: 2) { nodes { id } } }');
    expect([own.status, own.errors?.[0]?.extensions?.['code']]).toEqual([400, 'OPERATION_NOT_TRUSTED']);
    const unknown = await graphql(partner, undefined as unknown as string, {}, { documentId: 'f'.repeat(64) });
    expect([unknown.status, unknown.errors?.[0]?.extensions?.['code']]).toEqual([400, 'PERSISTED_QUERY_NOT_IN_LIST']);

    // Staff: an automatic persisted query is registered with its body once, then runs by hash alone.
    const staff = await staffToken();
    const query = '{ opportunities(first: 1) { nodes { id } } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
    const notYet = await graphql(staff, undefined as unknown as string, undefined, apq);
    expect(notYet.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await graphql(staff, query, undefined, apq);
    const byHash = await graphql(staff, undefined as unknown as string, undefined, apq);
    expect(byHash.data).toEqual(registered.data);
  });

  it('answers argument errors with HTTP 400 BAD_USER_INPUT naming the argument, the value and the rule', async () => {
    const token = await staffToken();
    const tooMany = await graphql(token, '{ opportunities(first: 5000) { nodes { id } } }');
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first: must be a whole number from 0 to 200 (got 5000)', extensions: { code: 'BAD_USER_INPUT', field: 'first', value: 5000 } });
    const cursor = await graphql(token, '{ opportunities(first: 1, after: "not-a-cursor") { nodes { id } } }');
    expect(cursor.status).toBe(400);
    expect(cursor.errors?.[0]).toMatchObject({ message: 'after: is not a cursor this list returned (got "not-a-cursor")', extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    const id = await graphql(token, '{ opportunity(id: "not-an-id") { id } }');
    expect(id.status).toBe(400);
    expect(id.data).toEqual({ opportunity: null });
    expect(id.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^id: must be an id this graph issued .* \(got "not-an-id"\)$/), path: ['opportunity'], extensions: { code: 'BAD_USER_INPUT', field: 'id', value: 'not-an-id' } });
  });
});

describe('processes outside development', () => {
  it('the gateway and a subgraph refuse to start with the development secrets under NODE_ENV=production or a non-loopback HOST', async () => {
    const gatewayProcess = startProcess('gateway/src/main.ts', { NODE_ENV: 'production', GATEWAY_PORT: String(await freePort()), JWT_SECRET: '', GATEWAY_SIGNING_SECRET: '' });
    expect(await gatewayProcess.exited).toBe(1);
    expect(gatewayProcess.output()).toContain('JWT_SECRET: is the development default, which is refused outside development (NODE_ENV=production)');
    expect(gatewayProcess.output()).toContain('GATEWAY_SIGNING_SECRET: is the development default');
    const cpqProcess = startProcess('subgraphs/cpq/src/main.ts', { HOST: '0.0.0.0', CPQ_PORT: String(await freePort()), GATEWAY_SIGNING_SECRET: '' });
    expect(await cpqProcess.exited).toBe(1);
    expect(cpqProcess.output()).toContain('GATEWAY_SIGNING_SECRET: is the development default, which is refused outside development (HOST=0.0.0.0 is not a loopback address)');
  }, 60_000);

  it('serves /metrics on the internal port only, never beside /graphql', async () => {
    expect((await fetch(`http://127.0.0.1:${ports.crm}/metrics`)).status).toBe(404);
    const metrics = await fetch(`http://127.0.0.1:${ports.crmMetrics}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE');
    expect((await fetch(`http://127.0.0.1:${ports.gateway}/metrics`)).status).toBe(404);
  });
});
