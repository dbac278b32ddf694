import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BulkClient, createLogger, createSyncEngine, repoRoot, type SyncEngine, type SyncRun } from '@l2c/shared';
import { storeDrivers } from '@l2c/shared/testing';
import { startTestOrg, disposeEngine } from '@l2c/test-support/sync';
import { leadMapping } from '@l2c/crm/salesforce';
import type { Benchmark, Measurement } from '../benchmark.ts';

const INBOUND = Number(process.env.BENCH_SYNC_INBOUND ?? 100_000);
const OUTBOUND = Number(process.env.BENCH_SYNC_OUTBOUND ?? 10_000);
const INCREMENTAL = Number(process.env.BENCH_SYNC_INCREMENTAL ?? 1_000);
const DRIVER = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'pglite';

/**
 * The CRM sync against the emulator over HTTP, with the engine's default tuning: an inbound full load of 100,000
 * leads (Bulk API 2.0), a push of 10,000 changed leads (Bulk API 2.0 ingest), and 1,000 leads changed in the org by
 * another client, timed until the last is visible in the store (Change Data Capture starts the incremental).
 */
export const sync: Benchmark = {
  name: 'sync',
  description: `Salesforce sync of leads with the emulator: inbound ${INBOUND}, outbound ${OUTBOUND}, incremental ${INCREMENTAL} (${DRIVER} store)`,
  async run(): Promise<Measurement[]> {
    await using org = await startTestOrg();
    await using store = await storeDrivers.find((d) => d.name === DRIVER)!.open(join(repoRoot, 'subgraphs/crm/src/store/migrations'));
    const prefix = `bench${randomBytes(4).toString('hex')}`;
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    // Change Data Capture is off for the full load and the push (the seeding would trigger incrementals of its own)
    // and on for the incremental, as in production.
    const engineWith = (cdc: boolean) =>
      createSyncEngine({
        store,
        mappings: [leadMapping],
        salesforce: { ...org.clientOptions(), backoff: { baseMs: 500, maxMs: 30_000 } },
        queue: { redisUrl, prefix },
        source: 'crm',
        logger: createLogger('bench-sync', 'warn'),
        triggers: { schedules: { defaultMinutes: 0 }, pushIntervalMs: 0, cdc },
      });
    let engine = engineWith(false);
    try {
      await engine.start();
      const client = await org.connect({ clientName: 'bench-seed' });
      const bulk = new BulkClient(client);
      const seed = await bulk.startIngest('Lead', 'insert', ['LastName', 'FirstName', 'Company', 'Email', 'Status', 'LeadSource', 'City'], Array.from({ length: INBOUND }, (_, i) => ({
        LastName: `Bench ${i}`, FirstName: `B${i}`, Company: `Company ${i % 500}`, Email: `b${i}@bench.example`, Status: 'Working - Contacted', LeadSource: 'Web', City: i % 3 ? 'Hamburg' : null,
      })));
      await bulk.waitFor('ingest', seed.id, { pollMs: 100 });

      const inbound = await timed(engine, () => engine.startSync({ objects: ['Lead'], mode: 'full', direction: 'in' }));
      if (inbound.run.stats.inserted !== INBOUND) throw new Error(`inbound applied ${inbound.run.stats.inserted} of ${INBOUND}: ${JSON.stringify(inbound.run)}`);

      await store.query(`update leads set city = 'Pushed', phone = '+49 40 ' || substr(id, 1, 6) where id in (select id from leads order by id limit ${OUTBOUND})`);
      const outbound = await timed(engine, () => engine.startSync({ objects: ['Lead'], direction: 'out' }));
      if (outbound.run.stats.pushedUpdated !== OUTBOUND) throw new Error(`pushed ${outbound.run.stats.pushedUpdated} of ${OUTBOUND}`);

      await engine.close();
      engine = engineWith(true);
      await engine.start();
      for (let i = 0; i < 100 && engine.cdcState !== 'live'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const targets = await store.query<{ sf_id: string }>(`select sf_id from sync_links where mapping = 'Lead' order by sf_id desc limit ${INCREMENTAL}`);
      const before = new Set((await engine.listRuns({ mapping: 'Lead', limit: 500 })).map((r) => r.id));
      const changedAt = performance.now();
      for (let i = 0; i < targets.length; i += 200) await client.update('Lead', targets.slice(i, i + 200).map((t) => ({ Id: t.sf_id, City: 'Changed in the org' })));
      const written = performance.now();
      for (;;) {
        const [row] = await store.query<{ n: number }>("select count(*)::int as n from leads where city = 'Changed in the org'");
        if (row!.n >= INCREMENTAL) break;
        if (performance.now() - changedAt > 60_000) throw new Error(`only ${row!.n} of ${INCREMENTAL} changes arrived in 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const visible = performance.now();
      await engine.idle();
      const incrementalRuns = (await engine.listRuns({ mapping: 'Lead', limit: 500 })).filter((r) => !before.has(r.id));
      const incrementalCalls = incrementalRuns.reduce((n, r) => n + r.apiCalls, 0);

      return [
        { metric: `inbound full load: ${INBOUND} leads`, value: inbound.seconds, unit: 's', note: 'target ≤ 60 s' },
        { metric: 'inbound throughput', value: INBOUND / inbound.seconds, unit: 'rec/s' },
        { metric: 'inbound API calls', value: inbound.run.apiCalls, unit: 'calls', note: 'target ≤ 60' },
        { metric: `outbound push: ${OUTBOUND} changed leads`, value: outbound.seconds, unit: 's', note: 'target ≤ 30 s' },
        { metric: 'outbound throughput', value: OUTBOUND / outbound.seconds, unit: 'rec/s' },
        { metric: 'outbound API calls', value: outbound.run.apiCalls, unit: 'calls', note: 'target ≤ 60' },
        { metric: `incremental: ${INCREMENTAL} org changes visible after the last write`, value: (visible - written) / 1000, unit: 's', note: 'target ≤ 5 s' },
        { metric: 'incremental: from the first write', value: (visible - changedAt) / 1000, unit: 's', note: `the org took ${((written - changedAt) / 1000).toFixed(2)} s to take the writes` },
        { metric: 'incremental throughput', value: INCREMENTAL / ((visible - changedAt) / 1000), unit: 'rec/s' },
        { metric: 'incremental API calls', value: incrementalCalls, unit: 'calls', note: `${incrementalRuns.length} CDC-triggered job(s)` },
      ];
    } finally {
      await disposeEngine(engine, redisUrl, prefix);
    }
  },
};

async function timed(engine: SyncEngine, start: () => Promise<SyncRun>): Promise<{ seconds: number; run: SyncRun }> {
  const started = performance.now();
  const { id } = await start();
  for (;;) {
    const run = await engine.getRun(id);
    if (run && ['completed', 'failed', 'cancelled'].includes(run.status)) {
      if (run.status !== 'completed') throw new Error(`sync ${run.status}: ${JSON.stringify(run.error)}`);
      return { seconds: (performance.now() - started) / 1000, run };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
