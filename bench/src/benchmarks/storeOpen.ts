/**
 * What opening an embedded (PGlite) store costs a subgraph at every start, the part of `npm start` each of the seven
 * subgraphs pays: CPU and wall time from `openPgliteStore` until the store answers a query, and the process's resident
 * memory then. Each round is a fresh process (with the subgraphs' Node flags) opening a copy of the CRM store's
 * template, so nothing is warm but the operating system's file cache.
 *
 *   npm run bench -- store-open          (BENCH_STORE_OPEN_ROUNDS=<n>, default 9)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS, repoRoot } from '@l2c/shared/subgraphs';
import { percentile, type Benchmark, type Measurement } from '../benchmark.ts';

interface Round {
  cpuMs: number;
  wallMs: number;
  rssMb: number;
}

export const storeOpen: Benchmark = {
  name: 'store-open',
  description: 'opening an embedded store as a subgraph does at start: CPU, wall time and resident memory (fresh process per round)',
  async run() {
    const count = Number(process.env.BENCH_STORE_OPEN_ROUNDS ?? 9);
    const rounds: Round[] = [];
    for (let i = 0; i < count; i++) rounds.push(await openInFreshProcess());
    const median = (pick: (round: Round) => number) => Math.round(percentile(rounds.map(pick), 50));
    const measurements: Measurement[] = [
      { metric: 'CPU to open (median)', value: median((r) => r.cpuMs), unit: 'ms', note: `${count} rounds` },
      { metric: 'wall time to open (median)', value: median((r) => r.wallMs), unit: 'ms' },
      { metric: 'resident memory with the store open (median)', value: median((r) => r.rssMb), unit: 'MB' },
    ];
    return measurements;
  },
};

function openInFreshProcess(): Promise<Round> {
  return new Promise((resolve, reject) => {
    let round: Round | null = null;
    const child = fork(fileURLToPath(new URL('../storeOpen/openOnce.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx', ...NODE_FLAGS.subgraph],
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: Round) => (round = message));
    child.once('error', reject);
    child.once('exit', (code) => (round && code === 0 ? resolve(round) : reject(new Error(`the store-open round exited with ${code} before reporting`))));
  });
}
