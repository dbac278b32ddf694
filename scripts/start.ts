/**
 * `npm start`: the whole stack on this machine. Makes sure Redis answers, bundles the processes (see
 * processBundles.ts), starts the Salesforce API emulator when no org is configured (`SF_LOGIN_URL` unset), every
 * subgraph in subgraphs.json (each creates its store from a template on first start and loads demo data into an empty
 * store) and the gateway, all at once, waits until each is ready, and prints the URLs and development tokens. Ctrl-C
 * stops everything; if any process dies, the rest are stopped too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
// The few parts of the shared package it needs, not all of it: start-up waits on what this process loads.
import { DEV_JWT_SECRET } from '@l2c/shared/config';
import { issueToken } from '@l2c/shared/jwt';
import { INTERNAL_PORT_OFFSET, NODE_FLAGS, repoRoot, subgraphList, SYNC_SURFACE_PATH } from '@l2c/shared/subgraphs';
import { ensureConsoleBuilt } from '../console/build/index.ts';
import { formatLogLine } from './logFormat.ts';
import { bundleProcesses, stackProcesses } from './processBundles.ts';
import { ensureRedis } from './redis.ts';

const READY_TIMEOUT_MS = 60_000;
const list = subgraphList();
const children: { name: string; process: ChildProcess }[] = [];
let stopping = false;

const portOf = (name: string, fallback: number) => Number(process.env[`${name.toUpperCase()}_PORT`] ?? fallback);
const gatewayPort = portOf('gateway', list.gateway.port);

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  const salesforceEmulator = !process.env.SF_LOGIN_URL;
  const newStores = demoWillLoad();
  const [redis, bundles] = await Promise.all([
    ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
    bundleProcesses(repoRoot, stackProcesses(list, { salesforceEmulator })),
  ]);
  if (redis) {
    console.log(`started a private redis-server for this stack (nothing is kept on disk)`);
    children.push({ name: 'redis', process: redis });
  }
  const bundle = (name: string) => bundles.get(name)!;
  // Every process starts at once: the gateway's supergraph is composed ahead of time, so it needs no subgraph to boot,
  // and a subgraph's sync retries until the emulator answers (it starts in a fraction of the subgraphs' time). The
  // admin console is rebuilt meanwhile when its sources changed since the last build.
  const salesforce = startSalesforce(bundle);
  const consoleBuild = ensureConsoleBuilt().catch((error: Error) => console.warn(`the admin console could not be built (${error.message}); /console will say so`));
  const subgraphUrls = Object.fromEntries(list.subgraphs.map((s) => [s.name, `http://127.0.0.1:${portOf(s.name, s.port)}/graphql`]));
  // The graph's sync fields (served by CRM) reach the other subgraphs' syncs on their internal listeners.
  const syncRemotes = list.subgraphs
    .filter((s) => s.sync && s.name !== 'crm')
    .map((s) => `${s.name}=http://127.0.0.1:${portOf(s.name, s.port) + INTERNAL_PORT_OFFSET}${SYNC_SURFACE_PATH}`)
    .join(',');
  const subgraphsReady = Promise.all(
    list.subgraphs.map(async (subgraph) => {
      const env = subgraph.name === 'crm' ? { ...salesforce.env, SYNC_REMOTES: syncRemotes || 'none' } : salesforce.env;
      launch(subgraph.name, bundle(subgraph.name), env, NODE_FLAGS.subgraph);
      await waitFor(subgraph.name, `http://127.0.0.1:${portOf(subgraph.name, subgraph.port)}/ready`);
    }),
  );
  launch('gateway', bundle('gateway'), { SUBGRAPH_URLS: JSON.stringify(subgraphUrls) }, NODE_FLAGS.gateway);
  // The gateway's /ready asks every subgraph's in turn, so it is asked once they all answer, not all along.
  await Promise.all([consoleBuild, salesforce.ready, subgraphsReady.then(() => waitFor('gateway', `http://127.0.0.1:${gatewayPort}/ready`))]);
  await announce(salesforce.description, newStores);
} catch (error) {
  console.error(`\nnpm start failed: ${(error as Error).message}`);
  await stop(1);
}

function launch(name: string, bundle: string, env: Record<string, string> = {}, nodeFlags: readonly string[] = []): void {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeFlags, bundle], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ name, process: child });
  const raw = process.env.LOG_FORMAT === 'json';
  // Raw JSON logs carry when each process was launched, for the start-up benchmark's timeline.
  if (raw) console.log(JSON.stringify({ level: 30, time: Date.now(), name: 'start', process: name, msg: 'process launched' }));
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) console.log(raw ? line : formatLogLine(name, line));
    });
  }
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n${name} exited (${signal ?? `code ${code}`}); stopping the stack`);
    void stop(1);
  });
}

async function waitFor(name: string, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stopping) throw new Error(`${name} did not start`);
    if (await answersOk(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready at ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * Whether `url` answers with a 2xx status (not listening yet: no). Asked with node:http rather than fetch, which costs
 * several times the CPU per attempt, taken from the processes starting meanwhile.
 */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300);
    });
    request.setTimeout(5_000, () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

/**
 * The org the subgraphs sync with: the one configured (`SF_LOGIN_URL` and credentials), or else the bundled emulator,
 * its data kept in a snapshot under DATA_DIR so the org survives a restart like the embedded stores do.
 */
function startSalesforce(bundle: (name: string) => string): { env: Record<string, string>; description: string[]; ready: Promise<void> } {
  if (process.env.SF_LOGIN_URL) return { env: {}, description: [`  Salesforce     ${process.env.SF_LOGIN_URL} (configured org)`], ready: Promise.resolve() };
  const port = portOf('sf_emulator', list.salesforceEmulator.port);
  const url = `http://127.0.0.1:${port}`;
  launch('salesforce', bundle('salesforce'), {
    SF_EMULATOR_PORT: String(port),
    SF_EMULATOR_SNAPSHOT: join(process.env.DATA_DIR ?? '.data', 'salesforce-emulator.json'),
  });
  // The subgraphs reach it as the emulator (SF_EMULATOR_URL, its development credentials), not as a configured org:
  // that is how they know they may seed it with demo data.
  return {
    env: { SF_EMULATOR_URL: url },
    description: [`  Salesforce     ${url} (local emulator; user integration@l2c.example, password emulator-password)`],
    ready: waitFor('salesforce', `${url}/services/data`),
  };
}

/**
 * Whether this start loads demo data into new embedded stores. CRM's dealer network and the catalogue are loaded
 * before their subgraphs answer; what builds on CRM's dealers (their stock and price books, the visits) and the
 * emulator's copy are loaded after, so the graph answers first and the announcement says so.
 */
function demoWillLoad(): boolean {
  if (process.env.DATABASE_URL || process.env.DEMO_DATA_SIZE === '0') return false;
  const dataDir = process.env.DATA_DIR ?? '.data';
  return list.subgraphs.some((subgraph) => !existsSync(join(dataDir, subgraph.name)));
}

async function announce(salesforce: string[], demoLoading: boolean): Promise<void> {
  const secret = process.env.JWT_SECRET ?? DEV_JWT_SECRET;
  const staff = await issueToken(secret, { sub: 'dev-staff', roles: ['staff'] });
  const dealerId = await firstDealerId(staff);
  const base = `http://localhost:${gatewayPort}`;
  const lines = [
    '',
    'The lead-to-cash graph is up.',
    `  GraphQL        ${base}/graphql`,
    `  IDE            ${base}/?token=${staff}`,
    `  Console        ${base}/console/ (sync, errors, conflicts, jobs, webhooks)`,
    ...list.subgraphs.map((s) => `  ${s.name.padEnd(14)} http://127.0.0.1:${portOf(s.name, s.port)}/graphql (gateway only)`),
    ...salesforce,
    '',
    `Staff token (12 h):   ${staff}`,
    ...(dealerId ? [`Partner token for dealer ${dealerId}:`, `  ${await issueToken(secret, { sub: 'dev-partner', roles: ['partner'], dealerAccountId: dealerId })}`] : []),
    'More tokens: npm run token -- <staff|sf_admin|partner|engineer|assessor> [dealerAccountId]',
    ...(demoLoading
      ? [
          "Demo data: CRM's dealer network and the catalogue are in; the dealers' stock and price books, the visits and",
          "  the emulator's copy of the network are still loading for a few seconds (each process logs when done).",
        ]
      : []),
    'Stop with Ctrl-C.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function firstDealerId(token: string): Promise<string | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ accounts(first: 1, filter: { type: [DEALER] }) { nodes { id } } }' }),
    });
    const body = (await response.json()) as { data?: { accounts: { nodes: { id: string }[] } } };
    return body.data?.accounts.nodes[0]?.id ?? null;
  } catch {
    return null;
  }
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
