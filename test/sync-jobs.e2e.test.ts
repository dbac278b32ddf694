/**
 * The job side of the sync, as the surfaces will use it: two syncs of one object never run at once, cancellation,
 * progress in BullMQ and in the store, `SyncJob` events on the bus, metrics hooks, per-object state, schedules, and
 * requests refused with the value named.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, DomainError, MemoryEventBus, repoRoot, type SyncEngine, type SyncJobEvent, type SyncMetrics, type SyncRun } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { startTestOrg, type TestOrg, disposeEngine, runFinished } from '@l2c/test-support/sync';
import { crmMappings } from '@l2c/crm/salesforce';

const crmMigrations = join(repoRoot, 'subgraphs/crm/src/store/migrations');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;
const bus = new MemoryEventBus();
const events: SyncJobEvent[] = [];
const metrics = { records: new Map<string, number>(), calls: 0, jobs: [] as string[] };
const hooks: SyncMetrics = {
  recordsSynced: (labels, count) => metrics.records.set(`${labels.mapping}:${labels.direction}:${labels.outcome}`, (metrics.records.get(`${labels.mapping}:${labels.direction}:${labels.outcome}`) ?? 0) + count),
  apiCall: () => void (metrics.calls += 1),
  jobFinished: (labels) => void metrics.jobs.push(`${labels.kind}:${labels.mapping}:${labels.status}`),
};

beforeAll(async () => {
  org = await startTestOrg();
  store = await storeDrivers.find((d) => d.name === 'pglite')!.open(crmMigrations);
  engine = createSyncEngine({
    store,
    mappings: crmMappings,
    salesforce: org.clientOptions(),
    queue: { redisUrl, prefix },
    source: 'crm',
    logger: createLogger('sync-test', 'warn'),
    bus,
    metrics: hooks,
    workers: { concurrency: 3 },
    triggers: { schedules: { defaultMinutes: 0, perObject: { Lead: 5 } }, pushIntervalMs: 0, cdc: false },
    tuning: { bulkPollMs: 20, queryBatchSize: 200, bulkQueryThreshold: 1_000_000, pushBatchSize: 200, bulkIngestThreshold: 1_000_000 },
  });
  engine.onEvent((event) => events.push(event));
  await engine.start();
  const ids = Array.from({ length: 3_000 }, () => randomUUID());
  await store.query("insert into leads (id, last_name, status, source_channel) select unnest($1::text[]), 'Job ' || unnest($1::text[]), 'Open', 'WEB'", [ids]);
}, 60_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

const finished = (runId: string): Promise<SyncRun> => runFinished(engine, runId, { pollMs: 20 });

describe('sync jobs', () => {
  it('never runs two syncs of one object at once: the second waits for the first', async () => {
    const first = await engine.startSync({ objects: ['Lead'], mode: 'full', direction: 'both', requestedBy: 'ana' });
    const second = await engine.startSync({ objects: ['Lead'], mode: 'incremental', direction: 'both', requestedBy: 'ben' });
    const a = await finished(first.id);
    const b = await finished(second.id);
    expect([a.status, b.status]).toEqual(['completed', 'completed']);
    // every Lead job so far (the schedule's first incremental included) ran alone
    const runs = (await engine.listRuns({ mapping: 'Lead', limit: 100 })).filter((r) => r.startedAt && r.finishedAt).sort((x, y) => x.startedAt!.getTime() - y.startedAt!.getTime());
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.startedAt!.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
    expect(runs.reduce((n, r) => n + ((r.stats.pushedCreated as number | undefined) ?? 0), 0)).toBe(3_000); // pushed once, by whichever got there first
  });

  it('reports progress (phase, done, total, API calls) in the store, in BullMQ and as SyncJob events on the bus', async () => {
    const run = await engine.startSync({ objects: ['Lead'], mode: 'full', direction: 'in', requestedBy: 'ana' });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'completed', phase: 'done', done: 3_000, total: 3_000, requestedBy: 'ana', trigger: 'manual', kind: 'object' });
    expect(done.apiCalls).toBeGreaterThanOrEqual(17); // limits, count and 15 pages of 200, at least
    const job = await engine.queues.sync.getJob(run.id);
    expect(job?.progress).toMatchObject({ done: 3_000, total: 3_000 });

    const mine = events.filter((e) => e.runId === run.id).map((e) => e.type);
    expect(mine[0]).toBe('SyncJobQueued');
    expect(mine).toContain('SyncJobStarted');
    expect(mine.at(-1)).toBe('SyncJobCompleted');
    const published = (await bus.range('0', 1_000)).filter((e) => e.entity.id === run.id);
    expect(published.map((e) => e.type)).toEqual(mine);
    expect(published.every((e) => e.entity.typename === 'SyncJob' && e.dealerIds.length === 0 && e.source === 'crm')).toBe(true);
    expect(published.at(-1)!.changes).toMatchObject({ status: 'completed', done: 3_000, mappings: ['Lead'] });

    expect(metrics.calls).toBeGreaterThan(0);
    expect(metrics.records.get('Lead:inbound:unchanged')).toBeGreaterThanOrEqual(3_000);
    expect(metrics.jobs).toContain('object:Lead:completed');
  });

  it('cancels a running job at its next page; the object is free again and nothing is half-applied', async () => {
    const run = await engine.startSync({ objects: ['Lead'], mode: 'full', direction: 'in' });
    for (let r = await engine.getRun(run.id); r && !(r.status === 'running' && r.done > 0); r = await engine.getRun(run.id)) await new Promise((resolve) => setTimeout(resolve, 5));
    await engine.cancel(run.id);
    const cancelled = await finished(run.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(3_000);
    expect((await engine.objectStates()).find((s) => s.mapping === 'Lead')!.runningJob).toBeNull();
    const next = await finished((await engine.startSync({ objects: ['Lead'], direction: 'in' })).id);
    expect(next.status).toBe('completed');
  });

  it('cancels a multi-object run and its children', async () => {
    const run = await engine.startSync({ objects: 'all', mode: 'full' });
    await engine.cancel(run.id);
    const cancelled = await finished(run.id);
    expect(cancelled.status).toBe('cancelled');
    const detail = await engine.getRun(run.id);
    expect(detail!.children.every((c) => c.status === 'cancelled' || c.status === 'completed')).toBe(true);
  });

  it('shows each object’s state: watermark, lag, last success, pending changes, links, failures, conflicts', async () => {
    await store.query("update leads set city = 'Pending' where id in (select id from leads limit 7)");
    const states = await engine.objectStates();
    expect(states.map((s) => s.mapping)).toEqual(engine.mappings.map((m) => m.name));
    const lead = states.find((s) => s.mapping === 'Lead')!;
    expect(lead).toMatchObject({ sObject: 'Lead', table: 'leads', direction: 'both', level: 0, pendingChanges: 7, linked: 3_000, openFailures: 0, openConflicts: 0, runningJob: null, lastError: null });
    expect(lead.watermark).toBeInstanceOf(Date);
    expect(lead.lastSuccessAt).toBeInstanceOf(Date);
    expect(lead.lagSeconds).toBeGreaterThanOrEqual(0);
  });

  it('schedules an incremental per object every N minutes, as configured', async () => {
    const schedulers = await engine.queues.sync.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([['schedule.Lead', 5 * 60_000]]);
  });

  it('a closing process leaves its running job to the next worker, which resumes it from the checkpoint', async () => {
    const isolated = `t${randomBytes(4).toString('hex')}`;
    const make = () =>
      createSyncEngine({
        store,
        mappings: crmMappings,
        salesforce: org.clientOptions(),
        queue: { redisUrl, prefix: isolated },
        source: 'crm',
        logger: createLogger('sync-test', 'warn'),
        triggers: false,
        tuning: { queryBatchSize: 200, bulkQueryThreshold: 1_000_000 },
      });
    const first = make();
    await first.start();
    const run = await first.startSync({ objects: ['Lead'], mode: 'full', direction: 'in' });
    for (let r = await first.getRun(run.id); r && !(r.status === 'running' && r.done >= 400); r = await first.getRun(run.id)) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.close();
    const interrupted = (await engine.getRun(run.id))!;
    expect(interrupted.status).toBe('paused');
    expect(interrupted.phase).toMatch(/shutting down/);
    const second = make();
    await second.start();
    try {
      for (let r = await second.getRun(run.id); r && r.status !== 'completed'; r = await second.getRun(run.id)) await new Promise((resolve) => setTimeout(resolve, 20));
      const done = (await second.getRun(run.id))!;
      expect(done).toMatchObject({ status: 'completed', done: 3_000, total: 3_000 });
      expect(done.stats.unchanged).toBe(3_000); // every page counted once across the two processes
    } finally {
      await disposeEngine(second, redisUrl, isolated);
    }
  });

  it('refuses requests it cannot run, naming the value', async () => {
    await expect(engine.startSync({ objects: ['Leads'] })).rejects.toThrow(DomainError);
    await expect(engine.startSync({ objects: ['Leads'] })).rejects.toThrow(/objects: must be one of Account, Lead, .* or all \(got "Leads"\)/);
    await expect(engine.startSync({ objects: 'all', direction: 'sideways' as never })).rejects.toThrow(/direction: must be in, out or both/);
  });
});
