/**
 * What starts syncs without a person: the schedule (an incremental per object every N minutes, BullMQ job
 * schedulers), local changes (a push shortly after they commit) and Change Data Capture (the changed records read
 * by Id as soon as Salesforce reports them, debounced; gaps fall back to an incremental). Automatic jobs are deduplicated per object and trigger
 * (`keepLastIfActive`: at most one running and one waiting), and the object lease keeps them from overlapping any
 * other job of the same object.
 */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from '../logger.ts';
import { subscribeChanges, type CdcSubscription } from '../salesforce/cdc.ts';
import type { SalesforceClient } from '../salesforce/client.ts';
import type { Store } from '../store/store.ts';
import type { CompiledMapping } from './compile.ts';
import { OBJECT_JOB, type ObjectJobData, type SyncJobData } from './jobs/types.ts';
import { tablesWithChanges } from './store/changes.ts';
import { pruneRuns, type RunDirection, type RunTrigger } from './store/runs.ts';

export interface ScheduleSettings {
  /** Minutes between scheduled incrementals (both directions) of each object; 0: none. Default 10 (Heroku Connect's default poll). */
  defaultMinutes?: number;
  /** Per mapping name, overriding the default; 0 turns an object's schedule off. */
  perObject?: Record<string, number>;
}

export interface TriggerSettings {
  schedules?: ScheduleSettings;
  /** How often committed local changes are looked for, ms; 0: never (pushes run on schedule only). Default 2,000. */
  pushIntervalMs?: number;
  /** Subscribe to Change Data Capture. Default true. */
  cdc?: boolean;
  /** Wait this long after a change event for more before starting the incremental, ms. Default 200. */
  cdcDebounceMs?: number;
  /** Sforce-Call-Options client name of our own calls. Default `l2c-sync`. */
  clientName?: string;
}

export interface Triggers {
  /** The CDC subscription's state, for health and the surfaces. */
  readonly cdcState: CdcSubscription['state'] | 'off';
  stop(): Promise<void>;
}

export interface TriggerContext {
  store: Store;
  client: SalesforceClient;
  queue: Queue<SyncJobData>;
  mappings: readonly CompiledMapping[];
  logger: Logger;
  jobOptions: { attempts: number; backoffMs: number };
}

/** Records one CDC-triggered job reads by Id at most (a collections retrieve takes 2,000). */
const MAX_IDS_PER_JOB = 2_000;

/** Adds a job reading the given records again (change events); not deduplicated: each carries its own records. */
async function enqueueRecords(ctx: Pick<TriggerContext, 'queue' | 'jobOptions'>, mapping: string, sfIds: string[]): Promise<void> {
  const data: ObjectJobData = { mapping, mode: 'records', direction: 'in', trigger: 'cdc', requestedBy: null, sfIds };
  await ctx.queue.add(OBJECT_JOB, data, {
    jobId: randomUUID(),
    attempts: ctx.jobOptions.attempts,
    backoff: { type: 'exponential', delay: ctx.jobOptions.backoffMs },
    removeOnComplete: { count: 1_000 },
    removeOnFail: { count: 5_000 },
  });
}

/** Adds an automatic job for one object, deduplicated per object and trigger. */
export async function enqueueAuto(ctx: Pick<TriggerContext, 'queue' | 'jobOptions'>, mapping: string, direction: RunDirection, trigger: RunTrigger): Promise<void> {
  const data: ObjectJobData = { mapping, mode: 'incremental', direction, trigger, requestedBy: null };
  await ctx.queue.add(OBJECT_JOB, data, {
    jobId: randomUUID(),
    deduplication: { id: `${trigger}.${mapping}`, keepLastIfActive: true },
    attempts: ctx.jobOptions.attempts,
    backoff: { type: 'exponential', delay: ctx.jobOptions.backoffMs },
    removeOnComplete: { count: 1_000 },
    removeOnFail: { count: 5_000 },
  });
}

export async function startTriggers(ctx: TriggerContext, settings: TriggerSettings): Promise<Triggers> {
  await registerSchedules(ctx, settings.schedules ?? {});
  const stops: (() => Promise<void>)[] = [];

  const pushMs = settings.pushIntervalMs ?? 2_000;
  if (pushMs > 0) {
    const byTable = new Map(ctx.mappings.filter((m) => m.outbound).map((m) => [m.table, m.name]));
    let lastId = 0;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      tablesWithChanges(ctx.store, lastId)
        .then(async (tables) => {
          for (const { table_name: table, last_id: id } of tables) {
            const mapping = byTable.get(table);
            if (mapping) await enqueueAuto(ctx, mapping, 'out', 'push');
            lastId = Math.max(lastId, id);
          }
        })
        .catch((error: unknown) => ctx.logger.warn({ err: error }, 'looking for local changes to push failed'))
        .finally(() => (running = false));
    }, pushMs);
    timer.unref();
    stops.push(async () => clearInterval(timer));
  }

  let cdc: CdcSubscription | null = null;
  if (settings.cdc ?? true) {
    const inbound = new Map<string, string[]>();
    for (const m of ctx.mappings.filter((m) => m.inbound)) inbound.set(m.sObject, [...(inbound.get(m.sObject) ?? []), m.name]);
    // Change events name the records: they are read by Id (one call per 2,000), not by a watermark window. Gaps and
    // bursts too large to read by Id fall back to an incremental by SystemModstamp.
    const pendingIds = new Map<string, Set<string>>();
    const pendingWindow = new Set<string>();
    let timer: NodeJS.Timeout | null = null;
    let lastFlush = 0;
    const flush = () => {
      timer = null;
      lastFlush = Date.now();
      for (const [name, ids] of pendingIds) {
        if (ids.size > MAX_IDS_PER_JOB) pendingWindow.add(name);
        else enqueueRecords(ctx, name, [...ids]).catch((error: unknown) => ctx.logger.warn({ err: error, mapping: name }, 'could not start a CDC-triggered sync'));
      }
      pendingIds.clear();
      for (const name of pendingWindow) enqueueAuto(ctx, name, 'in', 'cdc').catch((error: unknown) => ctx.logger.warn({ err: error, mapping: name }, 'could not start a CDC-triggered sync'));
      pendingWindow.clear();
    };
    cdc = subscribeChanges({
      client: ctx.client,
      ...(settings.clientName ? { clientName: settings.clientName } : {}),
      logger: ctx.logger,
      onEvent(event) {
        if (event.ours) return;
        for (const name of inbound.get(event.entityName) ?? []) {
          if (event.changeType.startsWith('GAP_') || event.recordIds.length === 0) pendingWindow.add(name);
          else {
            const ids = pendingIds.get(name) ?? new Set<string>();
            for (const id of event.recordIds) ids.add(id);
            pendingIds.set(name, ids);
          }
        }
        // at most one flush a second: a stream of changes becomes a job per second, not a job per change
        timer ??= setTimeout(flush, Math.max(settings.cdcDebounceMs ?? 200, lastFlush + 1_000 - Date.now()));
      },
      onState(state, reason) {
        if (state === 'live') ctx.logger.info('change data capture subscribed: inbound changes are read as soon as they happen');
        else ctx.logger.warn({ reason }, 'change data capture unavailable: inbound relies on the polling schedule');
      },
    });
    const subscription = cdc;
    stops.push(() => subscription.close());
  }

  // history housekeeping, hourly
  const prune = () => pruneRuns(ctx.store).catch((error: unknown) => ctx.logger.warn({ err: error }, 'pruning sync history failed'));
  void prune();
  const pruneTimer = setInterval(prune, 3_600_000);
  pruneTimer.unref();
  stops.push(async () => clearInterval(pruneTimer));

  return {
    get cdcState() {
      return cdc?.state ?? 'off';
    },
    async stop() {
      for (const stop of stops) await stop();
    },
  };
}

/** One BullMQ job scheduler per object with a schedule; schedulers of objects that no longer have one are removed. */
async function registerSchedules(ctx: TriggerContext, settings: ScheduleSettings): Promise<void> {
  const wanted = new Map<string, number>();
  for (const mapping of ctx.mappings) {
    const minutes = settings.perObject?.[mapping.name] ?? settings.defaultMinutes ?? 10;
    if (minutes > 0) wanted.set(`schedule.${mapping.name}`, minutes);
  }
  for (const existing of await ctx.queue.getJobSchedulers()) {
    const key = existing.key ?? existing.name;
    if (key.startsWith('schedule.') && !wanted.has(key)) await ctx.queue.removeJobScheduler(key);
  }
  for (const [key, minutes] of wanted) {
    const mapping = key.slice('schedule.'.length);
    const data: ObjectJobData = { mapping, mode: 'incremental', direction: 'both', trigger: 'schedule', requestedBy: null };
    await ctx.queue.upsertJobScheduler(key, { every: minutes * 60_000 }, { name: OBJECT_JOB, data, opts: { attempts: ctx.jobOptions.attempts, backoff: { type: 'exponential', delay: ctx.jobOptions.backoffMs }, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } } });
  }
}
