import { fork, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import autocannon from 'autocannon';
import { issueToken, repoRoot } from '@l2c/shared';
import { NODE_FLAGS } from '@l2c/shared/subgraphs';
import type { Benchmark, Measurement } from '../benchmark.ts';
import { PUBLIC_QUERY, publicSubgraphs } from '../gatewayPeers/publicGraph.ts';

/** Connections autocannon keeps open against each gateway. */
const CONNECTIONS = 50;
/** Measured rounds per gateway and workload (after one warm-up round that is discarded). `BENCH_PEERS_ROUNDS` overrides. */
const ROUNDS = Number(process.env.BENCH_PEERS_ROUNDS ?? 5);
/** Seconds per round. `BENCH_PEERS_SECONDS` overrides; `BENCH_PEERS_WORKLOADS=public` runs one workload. */
const SECONDS = Number(process.env.BENCH_PEERS_SECONDS ?? 8);
/**
 * Distinct callers (staff tokens with their own subjects) the requests rotate through, the same for every gateway:
 * a graph serves many people at once, so sharing among one caller's identical queries must not decide the result.
 * `BENCH_PEERS_CALLERS` overrides.
 */
const CALLERS = Number(process.env.BENCH_PEERS_CALLERS ?? 1000);
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef';
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';

/** Ours: a dealer-portal page through CRM (opportunities, accounts, line items) and CPQ (each opportunity's quotes). */
const OURS_QUERY = `query OpportunityPage { opportunities(first: 20) { nodes { id name stage amount closeDate account { id name } lineItems { productName quantity } quotes { id } } } }`;

type GatewayName = 'ours' | 'apollo' | 'hive';
const GATEWAYS: { name: GatewayName; label: string; entry: string }[] = [
  { name: 'ours', label: 'our gateway', entry: 'oursPeer.ts' },
  { name: 'apollo', label: 'plain Apollo Gateway', entry: 'apolloPeer.ts' },
  { name: 'hive', label: 'Hive Gateway', entry: 'hivePeer.ts' },
];

interface Workload {
  name: 'ours' | 'public';
  query: string;
  /** The subgraphs' process; resolves to subgraph name → URL. */
  startSubgraphs: () => Promise<Started>;
  supergraph: (urls: Record<string, string>) => string;
}

const WORKLOADS: Workload[] = [
  {
    name: 'ours',
    query: OURS_QUERY,
    startSubgraphs: startOurSubgraphs,
    supergraph: (urls) =>
      readFileSync(join(repoRoot, 'gateway/supergraph.graphql'), 'utf8').replace(
        /@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g,
        (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole),
      ),
  },
  {
    name: 'public',
    query: PUBLIC_QUERY,
    startSubgraphs: () => startChild('servePublicSubgraphs.ts', {}),
    supergraph: (urls) => {
      const result = composeServices(publicSubgraphs.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: urls[s.name]! })));
      if (result.errors) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
      return result.supergraphSdl;
    },
  },
];

interface Round {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** CPU the other processes (subgraphs, Postgres, the load generator) used per operation, ms; NaN without /proc. */
  othersCpuMsPerOperation: number;
}

/**
 * The same supergraph served side by side by our gateway, a plain Apollo Gateway and Hive Gateway, each in its own
 * process in front of the same subgraph processes: autocannon at 50 connections, rounds interleaved (A B C A B C …) so
 * the machine's load falls on all three alike, the first round discarded as warm-up, medians quoted. Before measuring,
 * the three answers are compared: a gateway that answers differently is not measured.
 */
export const gatewayPeers: Benchmark = {
  name: 'gateway-peers',
  description: `our gateway vs plain Apollo Gateway vs Hive Gateway, same supergraph and subgraphs, autocannon ${CONNECTIONS} connections rotating ${CALLERS} distinct callers, ${ROUNDS} interleaved rounds of ${SECONDS} s after a warm-up round; workloads: ours (CRM and CPQ, each its own process on Postgres) and public (4 small subgraphs, nested query)`,
  async run(): Promise<Measurement[]> {
    const tokens = await Promise.all(Array.from({ length: CALLERS }, (_, i) => issueToken(JWT_SECRET, { sub: `bench-caller-${i + 1}`, roles: ['staff'] })));
    const measurements: Measurement[] = [];
    const history: Record<string, Record<string, Round>> = {};
    const only = process.env.BENCH_PEERS_WORKLOADS?.split(',');
    for (const workload of WORKLOADS.filter((w) => !only || only.includes(w.name))) {
      progress(`${workload.name}: starting subgraphs and gateways`);
      const subgraphs = await workload.startSubgraphs();
      const dir = mkdtempSync(join(tmpdir(), 'gateway-peers-'));
      const supergraphPath = join(dir, 'supergraph.graphql');
      writeFileSync(supergraphPath, workload.supergraph(subgraphs.urls));
      const running: { name: GatewayName; url: string; pids: number[]; stop: () => Promise<void> }[] = [];
      try {
        const onlyGateways = process.env.BENCH_PEERS_GATEWAYS?.split(',');
        for (const gateway of GATEWAYS.filter((g) => !onlyGateways || onlyGateways.includes(g.name))) {
          const port = await freePort();
          const child = await startChild(gateway.entry, {
            PORT: String(port),
            GATEWAY_PORT: String(port),
            SUPERGRAPH_PATH: supergraphPath,
            JWT_SECRET,
            GATEWAY_SIGNING_SECRET: SIGNING_SECRET,
            LOG_LEVEL: 'warn',
          });
          running.push({ name: gateway.name, url: `http://127.0.0.1:${port}/graphql`, pids: child.pids, stop: child.stop });
        }
        await checkSameAnswers(running, workload.query, tokens);
        const rounds = new Map<GatewayName, Round[]>(running.map((g) => [g.name, []]));
        for (let round = 0; round <= ROUNDS; round++) {
          for (const gateway of running) {
            const othersBefore = othersCpuMs(subgraphs.pids);
            const result = await load(gateway.url, workload.query, tokens);
            result.othersCpuMsPerOperation = (othersCpuMs(subgraphs.pids) - othersBefore) / result.operations;
            // A gateway keeps working through the requests still queued when autocannon stops; the next round starts
            // once it and the subgraphs are idle, so no gateway's backlog is measured against the next one.
            await settled([...gateway.pids, ...subgraphs.pids]);
            progress(`${workload.name} round ${round}${round === 0 ? ' (warm-up)' : ''} ${gateway.name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, others ${result.othersCpuMsPerOperation.toFixed(2)} ms CPU per operation (load ${loadavg()[0]!.toFixed(1)})`);
            if (round > 0) rounds.get(gateway.name)!.push(result);
          }
        }
        const medians = Object.fromEntries([...rounds].map(([name, list]) => [name, medianRound(list)])) as Record<GatewayName, Round>;
        history[workload.name] = medians;
        for (const gateway of GATEWAYS.filter((g) => medians[g.name])) {
          const m = medians[gateway.name];
          measurements.push(
            { metric: `${workload.name}: ${gateway.label} req/s`, value: m.requestsPerSecond, unit: 'req/s', note: 'median of rounds' },
            { metric: `${workload.name}: ${gateway.label} p50`, value: m.p50, unit: 'ms' },
            { metric: `${workload.name}: ${gateway.label} p99`, value: m.p99, unit: 'ms' },
            { metric: `${workload.name}: ${gateway.label}: other processes' CPU per operation`, value: m.othersCpuMsPerOperation, unit: 'ms', note: 'subgraphs, Postgres, load generator' },
          );
        }
        // What the two cores allow any gateway with our gateway's subgraph calls: the other processes' CPU per operation
        // alone fills them at this rate.
        if (medians.ours && Number.isFinite(medians.ours.othersCpuMsPerOperation)) {
          const ceiling = (availableParallelism() * 1000) / medians.ours.othersCpuMsPerOperation;
          measurements.push({ metric: `${workload.name}: ceiling for a gateway that cost nothing`, value: ceiling, unit: 'req/s', note: `${availableParallelism()} cores / others' CPU per operation in our gateway's rounds` });
          if (medians.apollo) measurements.push({ metric: `${workload.name}: that ceiling / Apollo req/s`, value: ceiling / medians.apollo.requestsPerSecond, unit: 'ratio', note: 'the most any gateway could reach here' });
        }
        // Ratios only when all three ran (BENCH_PEERS_GATEWAYS can pick fewer while investigating).
        if (!medians.ours || !medians.hive || !medians.apollo) continue;
        measurements.push(
          { metric: `${workload.name}: ours / Hive req/s`, value: medians.ours.requestsPerSecond / medians.hive.requestsPerSecond, unit: 'ratio', note: 'goal ≥ 1.5' },
          { metric: `${workload.name}: ours / Apollo req/s`, value: medians.ours.requestsPerSecond / medians.apollo.requestsPerSecond, unit: 'ratio', note: 'goal ≥ 3' },
          { metric: `${workload.name}: ours p99 / best peer p99`, value: medians.ours.p99 / Math.min(medians.hive.p99, medians.apollo.p99), unit: 'ratio', note: 'goal ≤ 1' },
        );
      } finally {
        for (const gateway of running) await gateway.stop();
        await subgraphs.stop();
      }
    }
    await recordHistory(history);
    return measurements;
  },
};

/**
 * One autocannon round against one gateway: requests/s (mean over the round), p50 and p99 latency. Each request
 * carries the next caller's token, round-robin over all connections.
 */
async function load(url: string, query: string, tokens: string[]): Promise<Round & { operations: number }> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ query }),
        setupRequest: (request) => {
          const token = tokens[next++ % tokens.length]!;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors in a round`);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, othersCpuMsPerOperation: Number.NaN, operations: result.requests.total };
}

/**
 * Every gateway must answer the workload with the same data and no errors before any is measured, for the first, a
 * middle and the last caller alike.
 */
async function checkSameAnswers(gateways: { name: GatewayName; url: string }[], query: string, tokens: string[]): Promise<void> {
  const callers = [...new Set([tokens[0]!, tokens[Math.floor(tokens.length / 2)]!, tokens.at(-1)!])];
  const answers = await Promise.all(
    gateways.flatMap((gateway) => callers.map(async (token) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      if (response.status !== 200 || body.errors?.length || !body.data) throw new Error(`${gateway.name} answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      return [gateway.name, JSON.stringify(body.data)] as const;
    })),
  );
  const [first] = answers;
  for (const [name, data] of answers) {
    if (data !== first![1]) throw new Error(`${name} answered differently from ${first![0]}:\n${data.slice(0, 300)}\nvs\n${first![1].slice(0, 300)}`);
  }
  if (first![1].length < 200) throw new Error(`the workload's answer is suspiciously small: ${first![1]}`);
}

function medianRound(rounds: Round[]): Round {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    othersCpuMsPerOperation: median(rounds.map((r) => r.othersCpuMsPerOperation)),
  };
}

/**
 * Appends this run's medians to `bench/results/gateway-peers.history.jsonl`, with the commit and `BENCH_NOTE` (what
 * changed since the last entry), so what each change bought stays on record.
 */
async function recordHistory(medians: Record<string, Record<string, Round>>): Promise<void> {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const entry = { ranAt: new Date().toISOString(), commit, note: process.env.BENCH_NOTE ?? '', rounds: ROUNDS, seconds: SECONDS, medians };
  await appendFile(join(repoRoot, 'bench/results/gateway-peers.history.jsonl'), `${JSON.stringify(entry)}\n`);
}

/**
 * Our CRM and CPQ subgraphs as production runs them: each in its own process over its own Postgres store. (On the
 * embedded PGlite store of `npm start`, one subgraph process serves about 110 of these operations a second, and every
 * gateway waits on it alike.)
 */
async function startOurSubgraphs(): Promise<Started> {
  const ports = { crm: await freePort(), cpq: await freePort() };
  const urls = { crm: `http://127.0.0.1:${ports.crm}/graphql`, cpq: `http://127.0.0.1:${ports.cpq}/graphql` };
  const env = { GATEWAY_SIGNING_SECRET: SIGNING_SECRET, CRM_URL: urls.crm, CPQ_URL: urls.cpq };
  const children = await Promise.all((['crm', 'cpq'] as const).map((name) => startChild('serveOurSubgraph.ts', { ...env, SUBGRAPH: name, PORT: String(ports[name]) })));
  return { urls, pids: children.flatMap((child) => child.pids), stop: async () => void (await Promise.all(children.map((child) => child.stop()))) };
}

/** Forks one of `gatewayPeers/*.ts` and waits for its `ready` message. */
async function startChild(entry: string, env: Record<string, string>): Promise<Started> {
  const child: ChildProcess = fork(fileURLToPath(new URL(`../gatewayPeers/${entry}`, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...(entry === 'oursPeer.ts' ? NODE_FLAGS.gateway : []), ...(process.env.BENCH_PEERS_PROFILE && entry === (process.env.BENCH_PEERS_PROFILE_ENTRY ?? 'oursPeer.ts') && (!process.env.BENCH_PEERS_PROFILE_SUBGRAPH || env.SUBGRAPH === process.env.BENCH_PEERS_PROFILE_SUBGRAPH) ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PEERS_PROFILE}`] : [])],
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
    child.on('message', (message: { kind: string; urls?: Record<string, string> }) => {
      if (message.kind === 'ready') resolve(message.urls ?? {});
    });
  });
  return {
    urls,
    pids: child.pid === undefined ? [] : [child.pid],
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // A process that has not exited 5 s after SIGTERM (Hive's runtime keeps its server open) is killed.
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

interface Started {
  /** Subgraph name → URL (subgraph processes). */
  urls: Record<string, string>;
  pids: number[];
  stop: () => Promise<void>;
}

/**
 * Waits until the processes have used less than 20 ms of CPU in 500 ms, twice running (at most 60 s): read from
 * /proc/<pid>/stat, in clock ticks of 10 ms. Where /proc is missing it waits 5 s.
 */
async function settled(pids: number[]): Promise<void> {
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  let last = cpuTicks(pids);
  if (Number.isNaN(last)) return sleep(5_000);
  const deadline = Date.now() + 60_000;
  for (let quiet = 0; quiet < 2 && Date.now() < deadline; ) {
    await sleep(500);
    const now = cpuTicks(pids);
    quiet = now - last < 2 ? quiet + 1 : 0;
    last = now;
  }
}

/** CPU time the processes have used, in clock ticks of 10 ms, from /proc/<pid>/stat; NaN when one cannot be read. */
function cpuTicks(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return sum + Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  }, 0);
}

/**
 * CPU used so far by everything but the gateway under test, ms: the subgraph processes, Postgres's server processes
 * on this machine, and this process (the load generator). NaN without /proc.
 */
function othersCpuMs(subgraphPids: number[]): number {
  let postgres: number[] = [];
  try {
    postgres = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
        } catch {
          return false;
        }
      });
  } catch {
    return Number.NaN;
  }
  const postgresTicks = postgres.reduce((sum, pid) => sum + (cpuTicks([pid]) || 0), 0);
  const self = process.cpuUsage();
  return (cpuTicks(subgraphPids) + postgresTicks) * 10 + (self.user + self.system) / 1000;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
