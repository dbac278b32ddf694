/**
 * `createSyncEngine`: the Salesforce sync of one subgraph. It knows the subgraph only through its mapping
 * declarations. The surfaces (graph, CLI, dashboards, metrics) use this API and nothing else.
 *
 *   const engine = createSyncEngine({ store, mappings, salesforce, queue: { redisUrl, prefix }, source: 'crm', logger });
 *   await engine.start();                     // refuses mappings the org's describe does not fit
 *   const run = await engine.startSync({ objects: 'all', mode: 'full', direction: 'both', requestedBy: 'ana' });
 *   engine.onEvent((e) => …);                 // SyncJobStarted / Progress / Paused / Completed / Failed / Cancelled
 */
import { randomUUID } from 'node:crypto';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { badInput } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import { SalesforceClient, type SalesforceClientOptions } from '../salesforce/client.ts';
import type { Store } from '../store/store.ts';
import { compileMappings, type CompiledMapping } from './compile.ts';
import { SyncEvents, type SyncJobEvent, type SyncMetrics } from './events.ts';
import type { DeadLetter, QueueSettings, WorkerSettings } from './jobs/queue.ts';
import type { SyncRuntime } from './jobs/runtime.ts';
import { OBJECT_JOB, RUN_JOB, type ObjectJobData, type RunJobData, type SyncJobData } from './jobs/types.ts';
import type { SyncDirection, SyncMapping } from './mapping.ts';
import { defaultTuning, reserveOf, type SyncTuning } from './options.ts';
import { resolveConflict } from './resolve.ts';
import { clearChanges, enqueueRecords, installCapture, latestChangeId } from './store/changes.ts';
import { listConflicts, openConflictCounts, type ConflictFilter, type ConflictResolution, type SyncConflict } from './store/conflicts.ts';
import { getFailure, listFailures, openFailureCounts, setFailureStatus, type FailureFilter, type SyncFailure } from './store/failures.ts';
import { ensureObjects, readObjects } from './store/objects.ts';
import { childRuns, getRun, insertRun, listRuns, requestCancel, type RunDirection, type RunFilter, type RunMode, type RunTrigger, type SyncRun } from './store/runs.ts';
import { enqueueAuto, startTriggers, type TriggerSettings, type Triggers } from './triggers.ts';

export interface SyncEngineOptions {
  store: Store;
  mappings: readonly SyncMapping[];
  /** How to reach the org (login flow and client tuning). */
  salesforce: SalesforceClientOptions;
  queue: QueueSettings;
  /** The subgraph (the `source` of published events). */
  source: string;
  logger: Logger;
  /** Where job events are published as `SyncJob` domain events. Default: none. */
  bus?: EventBus | null;
  metrics?: SyncMetrics;
  tuning?: Partial<SyncTuning>;
  /** Run workers in this process (`false`: another process does). Default: on, with the defaults of `WorkerSettings`. */
  workers?: WorkerSettings | false;
  /** Schedules, push polling and CDC in this process (`false`: another process does). Default: on. */
  triggers?: TriggerSettings | false;
  /** BullMQ job attempts and first backoff delay (exponential). Defaults 5 and 5,000 ms. */
  jobs?: { attempts?: number; backoffMs?: number };
  /** Local ids for records born in Salesforce. Default: random UUIDs. */
  newLocalId?: () => string;
}

/** What a person (or the CLI) asks for. */
export interface SyncRequest {
  /** Mapping names, or `all`. */
  objects: 'all' | readonly string[];
  /** Default `incremental` (a full load when an object has never been synced). */
  mode?: 'full' | 'incremental';
  /** Default `both`. */
  direction?: RunDirection;
  requestedBy?: string | null;
}

/** A mapped object's state, for the surfaces. */
export interface ObjectState {
  mapping: string;
  sObject: string;
  table: string;
  direction: SyncDirection;
  /** Parents first: 0 for objects without parents. */
  level: number;
  /** SystemModstamp of the newest Salesforce change applied. */
  watermark: Date | null;
  /** Seconds since the last successful inbound sync; null before the first. */
  lagSeconds: number | null;
  lastSuccessAt: Date | null;
  lastFullAt: Date | null;
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  lastError: { errorCode: string; message: string } | null;
  lastRunId: string | null;
  /** The job holding the object now, if any. */
  runningJob: string | null;
  /** Local records waiting to be pushed. */
  pendingChanges: number;
  /** Records linked to Salesforce. */
  linked: number;
  openFailures: number;
  openConflicts: number;
  /** When the schedule next starts an incremental of this object; null without a schedule (or before `start`). */
  nextScheduledAt: Date | null;
  /** Minutes between scheduled incrementals; null without a schedule. */
  scheduleMinutes: number | null;
}

/** The org's daily API allowance as last seen, and the part the sync leaves to people and other integrations. */
export interface SyncApiUsage {
  used: number;
  limit: number;
  /** Calls the sync leaves unused (`SYNC_API_RESERVE`): jobs pause when `limit - used` reaches it. */
  reserve: number;
}

export interface SyncRunDetail extends SyncRun {
  children: SyncRun[];
}

export interface SyncEngine {
  /** Connects, checks the mappings against the org (throws `MappingError`), installs change capture, starts workers and triggers. */
  start(): Promise<void>;
  /** Queues a sync: one `object` job for one mapping, a `run` job (parents before children) for several. */
  startSync(request: SyncRequest): Promise<SyncRun>;
  /** Asks a run (and its children) to stop; running jobs stop at their next page. Null when unknown. */
  cancel(runId: string): Promise<SyncRun | null>;
  listRuns(filter?: RunFilter): Promise<SyncRun[]>;
  getRun(runId: string): Promise<SyncRunDetail | null>;
  objectStates(): Promise<ObjectState[]>;
  listFailures(filter?: FailureFilter): Promise<SyncFailure[]>;
  /** Queues the failed records again and starts a job per object; returns the runs started. */
  retryFailures(ids: readonly number[], requestedBy?: string | null): Promise<SyncRun[]>;
  /** Leaves the failed records alone until they change again. */
  skipFailures(ids: readonly number[]): Promise<SyncFailure[]>;
  listConflicts(filter?: ConflictFilter): Promise<SyncConflict[]>;
  /**
   * Resolves a held conflict keeping one side; keeping `local` starts a push. `edits` (Salesforce field name → value
   * as text, only with `local`) are written to the local record first and go out with it.
   */
  resolveConflict(id: number, keep: ConflictResolution, resolvedBy: string, edits?: Readonly<Record<string, string | null>>): Promise<SyncConflict>;
  /** The org's API usage, read from `/limits` when what the client saw is older than a minute; null when the org does not say. */
  apiUsage(): Promise<SyncApiUsage | null>;
  listDeadLetters(): Promise<DeadLetter[]>;
  /** Starts the dead job again (a new run with the same request); returns it. */
  retryDeadLetter(jobId: string): Promise<SyncRun>;
  /** Listens to job events in this process; returns the unsubscribe function. */
  onEvent(listener: (event: SyncJobEvent) => void): () => void;
  /** The compiled mappings, parents first (after `start`). */
  readonly mappings: readonly CompiledMapping[];
  /** The BullMQ queues (for Bull Board). */
  readonly queues: { sync: Queue<SyncJobData>; dead: Queue<DeadLetter> };
  /** The Salesforce client (after `start`): API usage, calls made. */
  readonly client: SalesforceClient;
  /** Change Data Capture: `live`, `unavailable`, `starting`, or `off`. */
  readonly cdcState: string;
  /** Waits until no job of this engine's queue is waiting, delayed or running (tests, CLI). */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, logger } = options;
  const tuning: SyncTuning = { ...defaultTuning, ...options.tuning };
  const jobOptions = { attempts: options.jobs?.attempts ?? 5, backoffMs: options.jobs?.backoffMs ?? 5_000 };
  const events = new SyncEvents({ bus: options.bus ?? null, source: options.source, logger, ...(options.metrics ? { metrics: options.metrics } : {}) });
  // BullMQ (and jsforce) load at start, so processes that import the shared package without syncing do not pay for them
  let queue: Queue<SyncJobData> | null = null;
  let dead: Queue<DeadLetter> | null = null;
  let connections: Redis[] = [];
  const workers: { worker: Worker<SyncJobData>; connection: Redis }[] = [];
  let client: SalesforceClient | null = null;
  let compiled: CompiledMapping[] = [];
  let byName = new Map<string, CompiledMapping>();
  let triggers: Triggers | null = null;
  let started = false;
  const stopping = { value: false };

  const requireStarted = () => {
    if (!started || !client || !queue || !dead) throw new Error('the sync engine is not started: call start() first');
    return { client, queue, dead };
  };

  const addJob = async (id: string, names: string[], mode: RunMode, direction: RunDirection, trigger: RunTrigger, requestedBy: string | null, extra: Partial<ObjectJobData> = {}): Promise<SyncRun> => {
    const { queue } = requireStarted();
    const jobOpts = { jobId: id, attempts: jobOptions.attempts, backoff: { type: 'exponential' as const, delay: jobOptions.backoffMs }, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } };
    if (names.length === 1) {
      await insertRun(store, { id, kind: 'object', mappings: names, mode, direction, trigger, requestedBy });
      const data: ObjectJobData = { mapping: names[0]!, mode, direction, trigger, requestedBy, ...extra };
      await queue.add(OBJECT_JOB, data, jobOpts);
    } else {
      await insertRun(store, { id, kind: 'run', mappings: names, mode, direction, trigger, requestedBy });
      const data: RunJobData = { mappings: names, mode, direction, trigger, requestedBy };
      await queue.add(RUN_JOB, data, jobOpts);
    }
    events.emit({ type: 'SyncJobQueued', runId: id, parentId: null, mappings: names, status: 'queued', phase: 'queued', done: 0, total: null, apiCalls: 0 });
    return (await getRun(store, id))!;
  };

  const engine: SyncEngine = {
    async start() {
      if (started) return;
      stopping.value = false;
      client = await SalesforceClient.connect({
        ...options.salesforce,
        onCall: (call) => {
          options.salesforce.onCall?.(call);
          events.metrics.apiCall?.({ method: call.method, status: call.status, errorCode: call.error?.errorCode ?? null }, call.durationMs / 1000);
          const usage = client?.apiUsage;
          if (usage) events.metrics.apiUsage?.(usage.used, usage.limit);
        },
      });
      compiled = await compileMappings(options.mappings, (sObject) => client!.describe(sObject), store);
      byName = new Map(compiled.map((m) => [m.name, m]));
      await installCapture(store, compiled.filter((m) => m.outbound).map((m) => ({ table: m.table, key: m.key })));
      await ensureObjects(store, compiled.map((m) => m.name));
      const jobs = await import('./jobs/queue.ts');
      ({ queue, dead, connections } = jobs.createQueues(options.queue));
      const rt: SyncRuntime = { store, client, mappings: byName, tuning, logger, events, queue, newLocalId: options.newLocalId ?? randomUUID, jobOptions, stopping };
      if (options.workers !== false) workers.push(jobs.startWorker(rt, options.queue, options.workers ?? {}, dead, logger));
      if (options.triggers !== false) triggers = await startTriggers({ store, client, queue, mappings: compiled, logger, jobOptions }, options.triggers ?? {});
      started = true;
      logger.info({ objects: compiled.map((m) => `${m.name}:${m.mapping.direction}`), workers: options.workers !== false, triggers: options.triggers !== false }, 'salesforce sync started');
    },

    async startSync(request) {
      requireStarted();
      const names = request.objects === 'all' ? compiled.map((m) => m.name) : [...new Set(request.objects)];
      if (names.length === 0) throw badInput('objects', request.objects, 'name at least one object');
      for (const name of names) if (!byName.has(name)) throw badInput('objects', name, `must be one of ${compiled.map((m) => m.name).join(', ')} or all`);
      const direction = request.direction ?? 'both';
      if (!['in', 'out', 'both'].includes(direction)) throw badInput('direction', direction, 'must be in, out or both');
      const mode = request.mode ?? 'incremental';
      if (!['full', 'incremental'].includes(mode)) throw badInput('mode', mode, 'must be full or incremental');
      return addJob(randomUUID(), names, mode, direction, 'manual', request.requestedBy ?? null);
    },

    async cancel(runId) {
      const { queue } = requireStarted();
      const ids = await requestCancel(store, runId);
      for (const id of ids) {
        const job = await queue.getJob(id);
        if (!job) continue;
        const state = await job.getState();
        if (state === 'delayed') await job.promote().catch(() => undefined);
        for (const { worker } of workers) worker.cancelJob(id, 'cancelled');
      }
      return engine.getRun(runId);
    },

    listRuns: (filter) => listRuns(store, filter),

    async getRun(runId) {
      const run = await getRun(store, runId);
      return run ? { ...run, children: await childRuns(store, runId) } : null;
    },

    async objectStates() {
      const [objects, failures, conflicts, pending, linked, schedulers] = await Promise.all([
        readObjects(store),
        openFailureCounts(store),
        openConflictCounts(store),
        store.query<{ table_name: string; n: number }>('select table_name, count(distinct local_id)::int as n from sync_changes group by table_name'),
        store.query<{ mapping: string; n: number }>('select mapping, count(*)::int as n from sync_links group by mapping'),
        queue ? queue.getJobSchedulers() : Promise.resolve([]),
      ]);
      const schedules = new Map(schedulers.filter((s) => s.key.startsWith('schedule.')).map((s) => [s.key.slice('schedule.'.length), s]));
      const byMapping = new Map(objects.map((o) => [o.mapping, o]));
      const pendingByTable = new Map(pending.map((p) => [p.table_name, p.n]));
      const linkedBy = new Map(linked.map((l) => [l.mapping, l.n]));
      const now = Date.now();
      return compiled.map((m): ObjectState => {
        const o = byMapping.get(m.name);
        const leased = o?.lease_job && o.lease_expires && o.lease_expires.getTime() > now ? o.lease_job : null;
        return {
          mapping: m.name,
          sObject: m.sObject,
          table: m.table,
          direction: m.mapping.direction,
          level: m.level,
          watermark: o?.watermark ?? null,
          lagSeconds: o?.last_inbound_at ? Math.round((now - o.last_inbound_at.getTime()) / 1000) : null,
          lastSuccessAt: o?.last_success_at ?? null,
          lastFullAt: o?.last_full_at ?? null,
          lastInboundAt: o?.last_inbound_at ?? null,
          lastOutboundAt: o?.last_outbound_at ?? null,
          lastError: o?.last_error ?? null,
          lastRunId: o?.last_run_id ?? null,
          runningJob: leased,
          pendingChanges: m.outbound ? (pendingByTable.get(m.table) ?? 0) : 0,
          linked: linkedBy.get(m.name) ?? 0,
          openFailures: failures.get(m.name) ?? 0,
          openConflicts: conflicts.get(m.name) ?? 0,
          nextScheduledAt: schedules.get(m.name)?.next ? new Date(schedules.get(m.name)!.next!) : null,
          scheduleMinutes: schedules.get(m.name)?.every ? Number(schedules.get(m.name)!.every) / 60_000 : null,
        };
      });
    },

    listFailures: (filter) => listFailures(store, filter),

    async retryFailures(ids, requestedBy = null) {
      requireStarted();
      const failures = (await Promise.all(ids.map((id) => getFailure(store, id)))).filter((f): f is SyncFailure => !!f && (f.status === 'open' || f.status === 'retrying'));
      const runs: SyncRun[] = [];
      const groups = new Map<string, SyncFailure[]>();
      for (const f of failures) groups.set(`${f.mapping}\u0000${f.direction}`, [...(groups.get(`${f.mapping}\u0000${f.direction}`) ?? []), f]);
      for (const group of groups.values()) {
        const { mapping: name, direction } = group[0]!;
        const mapping = byName.get(name);
        if (!mapping) continue;
        for (const f of group) await setFailureStatus(store, f.id, 'retrying');
        if (direction === 'outbound') {
          await enqueueRecords(store, mapping.table, group.flatMap((f) => (f.localId ? [f.localId] : [])));
          runs.push(await addJob(randomUUID(), [name], 'incremental', 'out', 'retry', requestedBy));
        } else {
          const sfIds = group.flatMap((f) => (f.sfId ? [f.sfId] : []));
          runs.push(await addJob(randomUUID(), [name], 'records', 'in', 'retry', requestedBy, { sfIds }));
        }
      }
      return runs;
    },

    async skipFailures(ids) {
      const skipped: SyncFailure[] = [];
      for (const id of ids) {
        const failure = await getFailure(store, id);
        if (!failure || (failure.status !== 'open' && failure.status !== 'retrying')) continue;
        const mapping = byName.get(failure.mapping);
        await store.transaction(async (tx) => {
          if (mapping && failure.direction === 'outbound' && failure.localId) await clearChanges(tx, mapping.table, [{ localId: failure.localId, upTo: await latestChangeId(tx, mapping.table) }]);
          await setFailureStatus(tx, id, 'skipped');
        });
        skipped.push((await getFailure(store, id))!);
      }
      return skipped;
    },

    listConflicts: (filter) => listConflicts(store, filter),

    async resolveConflict(id, keep, resolvedBy, edits = {}) {
      const { queue } = requireStarted();
      const resolved = await resolveConflict(store, byName, id, keep, resolvedBy, edits);
      if (keep === 'local') await enqueueAuto({ queue, jobOptions }, resolved.mapping, 'out', 'push');
      return resolved;
    },

    async listDeadLetters() {
      const { dead } = requireStarted();
      const jobs = await dead.getJobs(['waiting', 'paused', 'delayed', 'prioritized'], 0, 500);
      return jobs.map((job) => job.data);
    },

    async retryDeadLetter(jobId) {
      const { dead } = requireStarted();
      const job = await dead.getJob(jobId);
      if (!job) throw badInput('jobId', jobId, 'is not a dead letter');
      const data = job.data.data;
      const names = 'mappings' in data ? data.mappings : [data.mapping];
      const extra = 'sfIds' in data && data.sfIds ? { sfIds: data.sfIds } : {};
      const run = await addJob(randomUUID(), names, data.mode, data.direction, 'retry', data.requestedBy, extra);
      await job.remove();
      return run;
    },

    async apiUsage() {
      const usage = await requireStarted().client.refreshUsage({ maxAgeMs: 60_000 });
      return usage && { ...usage, reserve: reserveOf(tuning, usage.limit) };
    },

    onEvent: (listener) => events.on(listener),

    get mappings() {
      return compiled;
    },
    get queues() {
      const { queue, dead } = requireStarted();
      return { sync: queue, dead };
    },
    get client() {
      return requireStarted().client;
    },
    get cdcState() {
      return triggers?.cdcState ?? 'off';
    },

    async idle(timeoutMs = 60_000) {
      const { queue } = requireStarted();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'waiting-children', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return;
        if (Date.now() > deadline) throw new Error(`sync queue not idle after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },

    async close() {
      stopping.value = true; // running jobs stop at their next page, to be resumed from their checkpoints
      await triggers?.stop();
      for (const { worker } of workers) await worker.close();
      await queue?.close();
      await dead?.close();
      for (const connection of [...connections, ...workers.map((w) => w.connection)]) connection.disconnect();
      workers.length = 0;
      connections = [];
      queue = null;
      dead = null;
      triggers = null;
      started = false;
    },
  };
  return engine;
}
