/**
 * `npm start` on a fresh clone: the time from launching it until the stack answers ("The lead-to-cash graph is up."),
 * and where that time goes, per process of subgraphs.json (so subgraphs added there are covered): launched → first
 * log line → migrations applied → demo data loaded → listening → ready, and the emulator seeded with CRM's demo
 * network after that. The clone is made from this repository's HEAD and installed with `npm ci` (timed apart); the
 * stack runs on free ports, a fresh data folder and its own queue prefix and event stream, and is stopped at the end.
 *
 *   npm run bench -- start          (BENCH_START_CLONE=<dir> reuses an installed clone; its .data is removed first)
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTERNAL_PORT_OFFSET, repoRoot, subgraphList } from '@l2c/shared';
import type { Benchmark, Measurement } from '../benchmark.ts';

const TARGET_S = 20;
const UP_TIMEOUT_MS = 180_000;
const SEED_TIMEOUT_MS = 120_000;

interface LogLine {
  time: number;
  name?: string;
  process?: string;
  msg?: string;
}

export const start: Benchmark = {
  name: 'start',
  description: `npm start on a fresh clone until the stack answers (target ≤ ${TARGET_S} s), with the slowest steps per process`,
  async run() {
    const reuse = process.env.BENCH_START_CLONE;
    const dir = reuse ?? mkdtempSync(join(tmpdir(), 'l2c-start-'));
    const measurements: Measurement[] = [];
    try {
      if (!reuse) {
        execFileSync('git', ['clone', '-q', repoRoot, dir], { stdio: 'inherit' });
        const installStarted = performance.now();
        execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
        measurements.push({ metric: 'install (npm ci, before npm start)', value: round((performance.now() - installStarted) / 1000), unit: 's' });
      }
      rmSync(join(dir, '.data'), { recursive: true, force: true });
      measurements.push(...(await measureStart(dir)));
      return measurements;
    } finally {
      if (!reuse) rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function measureStart(dir: string): Promise<Measurement[]> {
  const list = subgraphList();
  const processes = ['salesforce', ...list.subgraphs.map((s) => s.name), 'gateway'];
  const ports = new Map<string, number>();
  // A subgraph also listens on its port + INTERNAL_PORT_OFFSET (metrics, sync surface), so both must be free.
  for (const name of processes) ports.set(name, await freePortPair(new Set(ports.values())));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
    EVENT_STREAM: `bench:${randomBytes(3).toString('hex')}:events`,
    GATEWAY_PORT: String(ports.get('gateway')),
    SF_EMULATOR_PORT: String(ports.get('salesforce')),
    ...Object.fromEntries(list.subgraphs.map((s) => [`${s.name.toUpperCase()}_PORT`, String(ports.get(s.name))])),
  };
  delete env.SF_LOGIN_URL;
  delete env.DATABASE_URL;

  const lines: LogLine[] = [];
  const launchedAt = Date.now();
  const child = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let upAt: number | null = null;
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (buffered + chunk).split('\n');
    buffered = parts.pop() ?? '';
    for (const text of parts) {
      if (text.includes('The lead-to-cash graph is up.')) upAt ??= Date.now();
      // The emulator announces itself in plain text.
      if (text.includes('Salesforce emulator listening')) lines.push({ time: Date.now(), name: 'salesforce', msg: 'listening' });
      if (!text.startsWith('{')) continue;
      try {
        const line = JSON.parse(text) as Omit<LogLine, 'time'> & { time: number | string };
        lines.push({ ...line, time: typeof line.time === 'number' ? line.time : Date.parse(line.time) });
      } catch {
        // a line that only looks like JSON
      }
    }
  });
  const errors: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => errors.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = pollReady(list.subgraphs.map((s) => s.name), ports, () => upAt !== null || child.exitCode !== null);
  try {
    await until(() => upAt !== null || child.exitCode !== null, UP_TIMEOUT_MS, 'the stack to answer');
    if (upAt === null) throw new Error(`npm start exited with ${child.exitCode} before the stack answered: ${errors.join('').slice(-2_000)}`);
    const readyAt = await ready;
    const seeded = await until(() => lines.some((l) => l.name === 'crm' && l.msg === 'sync run completed'), SEED_TIMEOUT_MS, 'the emulator seed').then(
      () => true,
      () => false,
    );
    return report(launchedAt, upAt, readyAt, lines, processes, seeded);
  } finally {
    signalGroup(child.pid, 'SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    signalGroup(child.pid, 'SIGKILL');
  }
}

function report(launchedAt: number, upAt: number, readyAt: Map<string, number>, lines: LogLine[], processes: string[], seeded: boolean): Measurement[] {
  const s = (at: number | undefined) => (at === undefined ? Number.NaN : round((at - launchedAt) / 1000));
  const first = (name: string, msg?: RegExp) => lines.find((l) => (l.name === name || l.name === `${name}-emulator`) && (!msg || (l.msg !== undefined && msg.test(l.msg))))?.time;
  const up = round((upAt - launchedAt) / 1000);
  const measurements: Measurement[] = [{ metric: 'npm start until the stack answers', value: up, unit: 's', note: `target ≤ ${TARGET_S} s: ${up <= TARGET_S ? 'met' : 'missed'}` }];
  const steps: { step: string; seconds: number }[] = [];
  for (const name of processes) {
    const launched = lines.find((l) => l.name === 'start' && l.process === name)?.time;
    const firstLog = lines.find((l) => l.name !== 'start' && (l.name === name || (name === 'salesforce' && l.name?.startsWith('salesforce'))))?.time;
    const migrated = first(name, /^migrations applied$/);
    const demo = first(name, /^demo (data|catalogue) loaded/);
    const listening = first(name, /listening$/);
    const ready = readyAt.get(name);
    const timeline = [
      ['launched', launched],
      ['first log', firstLog],
      ['migrations applied', migrated],
      ['demo data loaded', demo],
      ['listening', listening],
      ['ready', ready],
    ] as const;
    let previous: number | undefined;
    let previousName = '';
    for (const [label, at] of timeline) {
      if (at === undefined) continue;
      measurements.push({ metric: `${name}: ${label}`, value: s(at), unit: 's after launch' });
      if (previous !== undefined) steps.push({ step: `${name}: ${previousName} → ${label}`, seconds: round((at - previous) / 1000) });
      previous = at;
      previousName = label;
    }
  }
  const pushing = first('crm', /^pushing the demo network/);
  const seededAt = first('crm', /^sync run completed$/);
  if (pushing !== undefined && seeded && seededAt !== undefined) {
    measurements.push({ metric: 'emulator seeded with the demo network', value: s(seededAt), unit: 's after launch', note: `${round((seededAt - pushing) / 1000)} s of pushing, after the stack answered` });
  }
  for (const { step, seconds } of steps.sort((a, b) => b.seconds - a.seconds).slice(0, 5)) measurements.push({ metric: `slowest step: ${step}`, value: seconds, unit: 's' });
  return measurements;
}

/** Polls every subgraph's `/ready` until it answers 200; the time each first did. */
async function pollReady(names: string[], ports: Map<string, number>, stop: () => boolean): Promise<Map<string, number>> {
  const readyAt = new Map<string, number>();
  const gateway = ports.get('gateway')!;
  const targets = [...names.map((name) => [name, `http://127.0.0.1:${ports.get(name)}/ready`] as const), ['gateway', `http://127.0.0.1:${gateway}/ready`] as const];
  while (readyAt.size < targets.length && !stop()) {
    // The gateway's /ready asks every subgraph's: asked all along it would take CPU from the start it measures.
    const subgraphsReady = names.every((name) => readyAt.has(name));
    await Promise.all(
      targets
        .filter(([name]) => !readyAt.has(name) && (name !== 'gateway' || subgraphsReady))
        .map(async ([name, url]) => {
          if (await answersOk(url)) readyAt.set(name, Date.now());
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readyAt;
}

/** Whether `url` answers 200; node:http, far cheaper than fetch, so the polling takes little CPU from the stack it measures. */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.setTimeout(5_000, () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Signals the stack's process group (npm, start.ts and every process it launched); gone already is fine. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * A port that is free together with its internal companion (port + INTERNAL_PORT_OFFSET), neither among `taken` nor
 * one of their companions. Picked below the kernel's ephemeral range, where the companion of an ephemeral port could
 * pass 65535 and outgoing connections do not take ports meanwhile.
 */
async function freePortPair(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const clashes = [port, port + INTERNAL_PORT_OFFSET].some((p) => taken.has(p) || taken.has(p - INTERNAL_PORT_OFFSET) || taken.has(p + INTERNAL_PORT_OFFSET));
    if (!clashes && (await isFree(port)) && (await isFree(port + INTERNAL_PORT_OFFSET))) return port;
  }
  throw new Error('no free pair of ports between 20000 and 35000');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
