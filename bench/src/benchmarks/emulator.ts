import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import jsforce from 'jsforce';
import { repoRoot } from '@l2c/shared';
import type { Benchmark, Measurement } from '../benchmark.ts';

const ROWS = Number(process.env.BENCH_EMULATOR_ROWS ?? 100_000);
const CLIENT_ID = '3MVG9L2C.Emulator.Development.Consumer.Key';
const CLIENT_SECRET = 'emulator-consumer-secret';

/**
 * The Salesforce emulator as a sync would use it, in its own process (as `npm start` runs it) with the client in
 * this one: a 100,000-row Bulk API 2.0 ingest through jsforce, then the same rows served by a REST query paged at
 * 2,000 (the default batch size), every `nextRecordsUrl` followed in turn. The target is that the emulator is never
 * the bottleneck of a sync: at least 50,000 rows/s served.
 */
export const emulator: Benchmark = {
  name: 'emulator',
  description: `Salesforce emulator in its own process: Bulk 2.0 ingest and REST query of ${ROWS.toLocaleString('en-US')} Accounts`,
  async run(): Promise<Measurement[]> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'salesforce-emulator/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, SF_EMULATOR_PORT: String(port), SF_EMULATOR_DAILY_API_LIMIT: '1000000' },
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitUntilUp(url);
      const conn = new jsforce.Connection({ loginUrl: url, version: '62.0', oauth2: { loginUrl: url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
      await conn.login('integration@l2c.example', 'emulator-password');

      const header = 'Name,Industry,AnnualRevenue,NumberOfEmployees,L2C_Id__c';
      const lines = Array.from({ length: ROWS }, (_, i) => `Account ${i},Automotive,${i * 10},${i % 500},bench-${i}`);
      const ingestStarted = performance.now();
      const results = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: `${header}\n${lines.join('\n')}\n`, pollInterval: 200, pollTimeout: 600_000 });
      const ingestSeconds = (performance.now() - ingestStarted) / 1000;
      if (results.successfulResults.length !== ROWS) throw new Error(`ingest: ${results.failedResults.length} rows failed`);

      const soql = 'SELECT Id, Name, Industry, AnnualRevenue, NumberOfEmployees, L2C_Id__c, SystemModstamp FROM Account ORDER BY SystemModstamp, Id';
      const headers = { Authorization: `Bearer ${conn.accessToken}`, 'Sforce-Query-Options': 'batchSize=2000' };
      const queryStarted = performance.now();
      let served = 0;
      let pages = 0;
      let next: string | undefined = `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
      while (next) {
        const page = (await (await fetch(`${url}${next}`, { headers })).json()) as { records: unknown[]; nextRecordsUrl?: string };
        served += page.records.length;
        pages++;
        next = page.nextRecordsUrl;
      }
      const querySeconds = (performance.now() - queryStarted) / 1000;
      if (served !== ROWS) throw new Error(`query served ${served} rows, expected ${ROWS}`);
      return [
        { metric: 'bulk ingest', value: ingestSeconds, unit: 's' },
        { metric: 'bulk ingest rate', value: ROWS / ingestSeconds, unit: 'rows/s' },
        { metric: 'REST query, pages of 2,000', value: querySeconds, unit: 's', note: `${pages} pages` },
        { metric: 'REST query rate', value: served / querySeconds, unit: 'rows/s', note: 'target ≥ 50,000' },
      ];
    } finally {
      child.kill('SIGTERM');
    }
  },
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/services/data`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the emulator did not start at ${url}`);
}
