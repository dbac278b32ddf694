import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET, issueToken, repoRoot, subgraphList } from '@l2c/shared';

/** The README's start command as a user runs it: real processes for every subgraph and the gateway. */
let stack: ChildProcess;
let output = '';
let dataDir: string;
let gatewayPort: number;
let crmPort: number;
/** Every process on a free port, so the test never collides with a stack already running on this machine. */
const ports: Record<string, string> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'l2c-stack-'));
  for (const name of ['GATEWAY', ...subgraphList().subgraphs.map((s) => s.name.toUpperCase()), 'SF_EMULATOR']) ports[`${name}_PORT`] = String(await freePort());
  [gatewayPort, crmPort] = [Number(ports.GATEWAY_PORT), Number(ports.CRM_PORT)];
  stack = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...ports, DATA_DIR: dataDir, DEMO_DATA_SIZE: '2', EVENT_STREAM: `test:stack:${Date.now()}`, QUEUE_PREFIX: `test-stack-${Date.now()}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stack.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  stack.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('The lead-to-cash graph is up.')) {
    if (Date.now() > deadline || stack.exitCode !== null) throw new Error(`the stack did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 90_000);

/** A GraphQL request to the gateway with `token`, and its answer. */
async function graphql<T>(token: string, query: string): Promise<{ data: T; errors?: unknown[] }> {
  const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data: T; errors?: unknown[] };
}

afterAll(async () => {
  if (stack && stack.exitCode === null) {
    stack.kill('SIGTERM');
    await new Promise((resolve) => stack.once('exit', resolve));
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints the URLs and a staff token that works against the gateway, with demo data loaded', async () => {
    expect(output).toContain(`http://localhost:${gatewayPort}/graphql`);
    const token = /Staff token \(12 h\):\s+(\S+)/.exec(output)?.[1];
    expect(token).toBeDefined();
    const body = await graphql<{ viewer: { roles: string[] }; leads: { totalCount: number }; opportunityStages: unknown[] }>(token!, '{ viewer { roles } leads { totalCount } opportunityStages { name } }');
    expect(body.data.viewer.roles).toEqual(['STAFF']);
    expect(body.data.leads.totalCount).toBeGreaterThan(0);
    expect(body.data.opportunityStages).toHaveLength(10);
  });

  it('loads demo visits for CRM’s dealers once CRM answers: scored months, an assessor’s calendar', async () => {
    const token = /Staff token \(12 h\):\s+(\S+)/.exec(output)![1]!;
    const query = async (body: string) => (await graphql<{ visits: { totalCount: number; nodes: { dealer: { name: string }; score: { score: string | null } }[] } }>(token, body)).data;
    const deadline = Date.now() + 60_000;
    let visits = (await query('{ visits(filter: { status: [COMPLETED] }, first: 1) { totalCount nodes { dealer { name } score { score } } } }')).visits;
    while (visits.totalCount === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      visits = (await query('{ visits(filter: { status: [COMPLETED] }, first: 1) { totalCount nodes { dealer { name } score { score } } } }')).visits;
    }
    expect(visits.totalCount).toBeGreaterThan(0);
    expect(visits.nodes[0]!.dealer.name).toBeTruthy();
    expect(visits.nodes[0]!.score.score).toMatch(/^\d+\.\d$/);
  }, 90_000);

  it('runs the installed packages each process is bundled with: the sync through jsforce, the process map through Graphviz, Bull Board', async () => {
    const engineer = await issueToken(DEV_JWT_SECRET, { sub: 'stack-test', roles: ['engineer'] });
    const query = <T>(body: string) => graphql<T>(engineer, body);
    // CRM's first sync with the emulator (jsforce, loaded on first connect) records when each object last succeeded.
    const deadline = Date.now() + 60_000;
    let account: { lastSuccessAt: string | null } | undefined;
    while (!account?.lastSuccessAt && Date.now() < deadline) {
      const { data } = await query<{ syncObjects: { object: string; lastSuccessAt: string | null }[] }>('{ syncObjects { object lastSuccessAt } }');
      account = data.syncObjects.find((state) => state.object === 'Account');
      if (!account?.lastSuccessAt) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(account?.lastSuccessAt).toBeTruthy();
    const map = await query<{ processMap: { svg: string } }>('{ processMap { svg } }');
    expect(map.errors).toBeUndefined();
    expect(map.data.processMap.svg).toContain('<svg');
    const asEngineer = { headers: { authorization: `Bearer ${engineer}` } };
    const board = await fetch(`http://127.0.0.1:${gatewayPort}/admin/queues`, asEngineer);
    expect(board.status).toBe(200);
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(await board.text())?.[1];
    expect(script).toBeDefined();
    const ui = await fetch(`http://127.0.0.1:${gatewayPort}/admin/queues/${script}`, asEngineer);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('javascript');
  }, 90_000);

  it('serves the IDE and health without a token, and refuses GraphQL without one', async () => {
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/ready`)).status).toBe(200);
    const ide = await fetch(`http://127.0.0.1:${gatewayPort}/`, { headers: { accept: 'text/html' } });
    expect(ide.headers.get('content-type')).toContain('text/html');
    const anonymous = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ leads { totalCount } }"}' });
    expect(anonymous.status).toBe(401);
  });

  it('stops every process on SIGTERM and exits cleanly', async () => {
    stack.kill('SIGTERM');
    const code = await new Promise((resolve) => stack.once('exit', resolve));
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${crmPort}/health`)).rejects.toThrow();
  });
});
