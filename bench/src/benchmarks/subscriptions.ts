import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createCrmServer } from '@l2c/crm';
import { SIGNING_SECRET, JWT_SECRET } from '@l2c/e2e/harness';
import { RedisEventBus, createLogger, issueToken, recordEvent, repoRoot, startOutboxRelay } from '@l2c/shared';
import { storeDrivers } from '@l2c/shared/testing';
import { loadDemoDataIfEmpty } from '@l2c/crm/demo';
import { connect, type Collector, type TestConnection } from '@l2c/gateway/subscriptions/testClient';
import { percentile, type Benchmark, type Measurement } from '../benchmark.ts';

/** Concurrent graphql-ws subscribers, each on its own socket. */
const SUBSCRIBERS = 1000;
/** Demo network size: this many dealers, 40 leads each; subscribers are spread evenly over the dealers' partners. */
const DEALERS = 100;
/** Events committed through CRM's outbox per second. */
const EVENTS_PER_SECOND = 100;
/** Measured seconds; `BENCH_SUBSCRIPTIONS_SECONDS=10 npm run bench -- subscriptions` for a quick run. */
const SECONDS = Number(process.env.BENCH_SUBSCRIPTIONS_SECONDS ?? 120);
/** Unmeasured seconds first: connections settle, plans and pools warm up. */
const WARMUP_SECONDS = 5;
/**
 * CRM's store: `postgres` (the server at TEST_DATABASE_URL, as in production; default) or `pglite` (embedded, as
 * `npm start`: its queries then run on the benchmark process's own thread, beside 1,000 clients, the relay and the writer).
 */
const STORE = process.env.BENCH_SUBSCRIPTIONS_STORE === 'pglite' ? 'pglite' : 'postgres';
/** What a dealer portal's live lead list would ask for: the lead and its dealer, through the supergraph. */
const SUBSCRIPTION = `subscription { leadEvents(types: [LEAD_STATUS_CHANGED]) { id type occurredAt changes lead { id name status dealer { name } } } }`;

interface LeadEventPayload {
  id: string;
  occurredAt: string;
  lead: { id: string; dealer: { name: string } | null } | null;
}

/**
 * 1,000 partner apps (10 instances for each of 100 dealers, each on its own WebSocket) subscribed to their dealer's
 * lead events through the gateway, which runs as its own process (the real `main.ts`); 100 events a second committed
 * through CRM's outbox, relayed to Redis, filtered and resolved through the supergraph (lead and dealer from CRM)
 * for each subscriber. Latency is from commit (the outbox row's `occurred_at`) to arrival at the client; the
 * gateway's memory is sampled every second.
 */
export const subscriptions: Benchmark = {
  name: 'subscriptions',
  description: `${SUBSCRIBERS} graphql-ws subscribers over ${DEALERS} dealers, ${EVENTS_PER_SECOND} events/s through CRM's outbox (${STORE}) for ${SECONDS} s: commit-to-delivery latency and gateway memory`,
  async run(): Promise<Measurement[]> {
    const logger = createLogger('bench', 'warn');
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const stream = `bench:subscriptions:${randomBytes(6).toString('hex')}`;
    await using store = await storeDrivers.find((d) => d.name === STORE)!.open(join(repoRoot, 'subgraphs/crm/src/store/migrations'));
    progress(`loading ${DEALERS} dealers' demo data into CRM (${STORE})`);
    await loadDemoDataIfEmpty(store, { size: DEALERS, seed: 11 });
    const leads = await store.query<{ id: string; dealer_id: string }>('select id, dealer_id from leads where dealer_id is not null');
    const dealers = [...new Set(leads.map((lead) => lead.dealer_id))];
    const crm = await createCrmServer({ store, signingSecret: SIGNING_SECRET, logger });
    const crmUrl = `http://127.0.0.1:${await crm.listen(0)}/graphql`;
    const bus = new RedisEventBus({ url: redisUrl, stream });
    const relay = startOutboxRelay({ store, bus, source: 'crm', logger });
    const gateway = await startGatewayProcess({ crmUrl, redisUrl, stream });
    const connections: TestConnection[] = [];
    try {
      // Latency of every delivery, measured by the client from the commit time the event carries.
      const latencies: number[] = [];
      /** Commit to publication on the stream, for one delivery in ten. */
      const relayed: number[] = [];
      /** Only events committed in the measured window count, whenever they arrive. */
      const window = { from: Number.POSITIVE_INFINITY };
      let measuring = false;
      let wrongDealer = 0;
      const dealerNames = new Map((await store.query<{ id: string; name: string }>('select id, name from accounts where type = $1', ['DEALER'])).map((a) => [a.id, a.name]));
      const onEventFor = (dealer: string) => {
        const name = dealerNames.get(dealer);
        return (event: LeadEventPayload) => {
          const committedAt = Date.parse(event.occurredAt);
          if (measuring && committedAt >= window.from) {
            latencies.push(Date.now() - committedAt);
            // The stream id is Redis's clock when the relay published it: the first leg of the trip.
            if (event.lead?.id && relayed.length < latencies.length / 10) relayed.push(Number(event.id.split('-')[0]) - committedAt);
          }
          if (event.lead?.dealer?.name !== name) wrongDealer++;
        };
      };

      // Subscribers, 50 at a time; each dealer's instances share its partner credential.
      const collectors: Collector<LeadEventPayload>[] = [];
      const subscribersOf = new Map<string, number>();
      const tokens = new Map(await Promise.all(dealers.map(async (dealer) => [dealer, await issueToken(JWT_SECRET, { sub: `bench-partner-${dealer}`, roles: ['partner'], dealerAccountId: dealer })] as const)));
      const closes: number[] = [];
      progress(`connecting ${SUBSCRIBERS} subscribers`);
      for (let i = 0; i < SUBSCRIBERS; i += 50) {
        const batch = Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, (_, j) => {
          const dealer = dealers[(i + j) % dealers.length]!;
          subscribersOf.set(dealer, (subscribersOf.get(dealer) ?? 0) + 1);
          const connection = connect(gateway.wsUrl, { authorization: `Bearer ${tokens.get(dealer)}` });
          void connection.closed.then((event) => closes.push(event.code));
          connections.push(connection);
          collectors.push(connection.subscribe<LeadEventPayload>(SUBSCRIPTION, undefined, { keep: false, onEvent: onEventFor(dealer) }));
          return new Promise<void>((resolve) => connection.client.on('connected', () => resolve()));
        });
        await Promise.all(batch);
      }

      // Events: one transaction per event, at a steady rate, each about a random lead (its dealer's partners hear of it).
      const memory: MemorySample[] = [];
      const benchCpuAtStart = { value: process.cpuUsage() };
      gateway.onMemory((sample) => measuring && memory.push(sample));
      let committed = 0;
      let expected = 0;
      const write = async (seconds: number, measured: boolean) => {
        const started = performance.now();
        const total = seconds * EVENTS_PER_SECOND;
        for (let n = 0; n < total; n++) {
          const due = started + (n * 1000) / EVENTS_PER_SECOND;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const lead = leads[Math.floor(Math.random() * leads.length)]!;
          await store.transaction((tx) =>
            recordEvent(tx, { type: 'LeadStatusChanged', entity: { typename: 'Lead', id: lead.id }, dealerIds: [lead.dealer_id], changes: { status: { from: 'Open', to: 'Contacted' } } }),
          );
          if (measured) {
            committed++;
            expected += subscribersOf.get(lead.dealer_id) ?? 0;
          }
        }
        return (performance.now() - started) / 1000;
      };
      progress(`warming up for ${WARMUP_SECONDS} s`);
      await write(WARMUP_SECONDS, false);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      measuring = true;
      window.from = Date.now();
      benchCpuAtStart.value = process.cpuUsage();
      progress(`measuring for ${SECONDS} s`);
      const elapsed = await write(SECONDS, true);
      const benchCpu = process.cpuUsage(benchCpuAtStart.value);
      // Let the last events arrive, then stop measuring.
      const deadline = Date.now() + 10_000;
      while (latencies.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      measuring = false;
      progress(`received ${latencies.length} of ${expected} deliveries; stopping`);

      const mb = (bytes: number) => bytes / 2 ** 20;
      const first = memory[0]!;
      const last = memory.at(-1)!;
      const errors = collectors.flatMap((c) => c.errors);
      const span = (last.at - first.at) / 1000;
      const gatewayCpu = span > 0 ? (last.cpuMicros - first.cpuMicros) / 1e4 / span : Number.NaN;
      return [
        { metric: 'subscribers', value: SUBSCRIBERS, unit: 'count', note: `${dealers.length} dealers × ${SUBSCRIBERS / dealers.length} instances` },
        { metric: 'events committed', value: committed, unit: 'count', note: `${(committed / elapsed).toFixed(1)}/s for ${elapsed.toFixed(0)} s` },
        { metric: 'deliveries expected', value: expected, unit: 'count' },
        { metric: 'deliveries received', value: latencies.length, unit: 'count', note: `errors ${errors.length}${errors[0] ? ` (first: ${errors[0].message})` : ''}, wrong dealer ${wrongDealer}, sockets closed ${closes.length}` },
        { metric: 'commit → delivery p50', value: percentile(latencies, 50), unit: 'ms' },
        { metric: 'commit → delivery p95', value: percentile(latencies, 95), unit: 'ms' },
        { metric: 'commit → delivery p99', value: percentile(latencies, 99), unit: 'ms', note: 'target ≤ 100 ms' },
        { metric: 'commit → delivery max', value: percentile(latencies, 100), unit: 'ms' },
        { metric: 'commit → on the stream p50', value: percentile(relayed, 50), unit: 'ms', note: 'outbox relay (woken by the commit, else polls every 20 ms) to Redis' },
        { metric: 'commit → on the stream p99', value: percentile(relayed, 99), unit: 'ms' },
        { metric: 'gateway heap start', value: mb(first.heapUsed), unit: 'MiB' },
        { metric: 'gateway heap end', value: mb(last.heapUsed), unit: 'MiB' },
        { metric: 'gateway heap max', value: mb(memory.reduce((max, m) => Math.max(max, m.heapUsed), 0)), unit: 'MiB' },
        { metric: 'gateway heap floor, first 20 s', value: mb(floor(memory.slice(0, 20))), unit: 'MiB', note: 'lowest sample: what survives collection' },
        { metric: 'gateway heap floor, last 20 s', value: mb(floor(memory.slice(-20))), unit: 'MiB' },
        { metric: 'gateway RSS start', value: mb(first.rss), unit: 'MiB' },
        { metric: 'gateway RSS end', value: mb(last.rss), unit: 'MiB' },
        { metric: 'gateway RSS max', value: mb(memory.reduce((max, m) => Math.max(max, m.rss), 0)), unit: 'MiB', note: `${memory.length} samples, 1 s apart` },
        { metric: 'gateway CPU', value: gatewayCpu, unit: '% core' },
        { metric: 'CRM + clients + writer CPU', value: (benchCpu.user + benchCpu.system) / 1e4 / elapsed, unit: '% core', note: 'the benchmark process' },
        { metric: 'machine load average (1 min)', value: loadavg()[0]!, unit: 'procs', note: `${cpus().length} cores, shared` },
      ];
    } finally {
      await Promise.all(connections.map((connection) => connection.dispose().catch(() => undefined)));
      await gateway.stop();
      await relay.stop();
      await bus.close();
      await crm.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${stream}*`);
      for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
      await redis.quit();
    }
  },
};

/** The lowest heap of some samples: heapUsed saws up and down with garbage collection, its floor shows a leak. */
function floor(samples: readonly MemorySample[]): number {
  return samples.reduce((min, m) => Math.min(min, m.heapUsed), Number.POSITIVE_INFINITY);
}

/** Where a long run is, on stderr. */
function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

type MemorySample = { at: number; heapUsed: number; rss: number; cpuMicros: number };

/** The real gateway `main.ts` in its own process, in front of `crmUrl`, reading `stream`. */
async function startGatewayProcess(options: { crmUrl: string; redisUrl: string; stream: string }) {
  const port = await freePort();
  const child: ChildProcess = fork(fileURLToPath(new URL('./subscriptionsGateway.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    cwd: repoRoot,
    env: {
      ...process.env,
      GATEWAY_PORT: String(port),
      SUBGRAPH_URLS: JSON.stringify({ crm: options.crmUrl }),
      JWT_SECRET,
      GATEWAY_SIGNING_SECRET: SIGNING_SECRET,
      REDIS_URL: options.redisUrl,
      EVENT_STREAM: options.stream,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listeners = new Set<(sample: MemorySample) => void>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code} before it listened`)));
    child.on('message', (message: { kind: string } & MemorySample) => {
      if (message.kind === 'ready') resolve();
      if (message.kind === 'memory') for (const listener of listeners) listener(message);
    });
  });
  await ready;
  return {
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    onMemory: (listener: (sample: MemorySample) => void) => void listeners.add(listener),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
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
