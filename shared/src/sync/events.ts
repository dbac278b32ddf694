/**
 * What the engine tells the outside while it works: job events (to in-process listeners and, as domain events of
 * typename `SyncJob`, to the event bus, where the gateway's subscriptions deliver them to sf_admin and engineer
 * subscribers) and metrics (a hook the Prometheus surface implements).
 */
import { randomUUID } from 'node:crypto';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import type { RunStats, RunStatus } from './store/runs.ts';

export type SyncJobEventType = 'SyncJobQueued' | 'SyncJobStarted' | 'SyncJobProgress' | 'SyncJobPaused' | 'SyncJobCompleted' | 'SyncJobFailed' | 'SyncJobCancelled';

export interface SyncJobEvent {
  type: SyncJobEventType;
  runId: string;
  parentId: string | null;
  mappings: string[];
  status: RunStatus;
  phase: string | null;
  done: number;
  total: number | null;
  apiCalls: number;
  stats?: RunStats;
  error?: { errorCode: string; message: string } | null;
  /** ISO 8601. */
  at: string;
}

/**
 * Metrics hooks; every member optional. Labels are low-cardinality (mapping names, directions, outcomes, codes),
 * ready to become Prometheus labels.
 */
export interface SyncMetrics {
  /** Records handled, by outcome: `inserted`, `updated`, `deleted`, `unchanged`, `pushedCreated`, `pushedUpdated`, `pushedDeleted`, `conflicts`, `merged`, `failed`, … */
  recordsSynced?(labels: { mapping: string; direction: 'inbound' | 'outbound'; outcome: string }, count: number): void;
  /** Every Salesforce HTTP call, with its duration. */
  apiCall?(labels: { method: string; status: number; errorCode: string | null }, durationSeconds: number): void;
  /** A job that finished (completed, failed, cancelled), with its duration. */
  jobFinished?(labels: { kind: 'object' | 'run'; mode: string; direction: string; status: RunStatus; mapping: string }, durationSeconds: number): void;
  /** API usage as the newest response reported it. */
  apiUsage?(used: number, limit: number): void;
}

export interface SyncEventsOptions {
  bus?: EventBus | null;
  /** The subgraph publishing (the events' `source`). */
  source: string;
  logger: Logger;
  metrics?: SyncMetrics;
  /** Least time between two progress events of one run, ms. Default 1,000. */
  progressIntervalMs?: number;
}

export class SyncEvents {
  readonly metrics: SyncMetrics;
  readonly #options: SyncEventsOptions;
  readonly #listeners = new Set<(event: SyncJobEvent) => void>();
  readonly #lastProgress = new Map<string, number>();

  constructor(options: SyncEventsOptions) {
    this.#options = options;
    this.metrics = options.metrics ?? {};
  }

  /** Listens to every job event in this process; returns the unsubscribe function. */
  on(listener: (event: SyncJobEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Emits an event; progress events are thinned to one per interval and run. Never throws. */
  emit(event: Omit<SyncJobEvent, 'at'>): void {
    if (event.type === 'SyncJobProgress') {
      const now = Date.now();
      if (now - (this.#lastProgress.get(event.runId) ?? 0) < (this.#options.progressIntervalMs ?? 1_000)) return;
      this.#lastProgress.set(event.runId, now);
    } else if (event.type !== 'SyncJobStarted' && event.type !== 'SyncJobQueued') this.#lastProgress.delete(event.runId);
    const full: SyncJobEvent = { ...event, at: new Date().toISOString() };
    if (event.parentId === null && (event.type === 'SyncJobCompleted' || event.type === 'SyncJobFailed' || event.type === 'SyncJobCancelled')) {
      this.#options.logger.info({ runId: event.runId, mappings: event.mappings, status: event.status, done: event.done, apiCalls: event.apiCalls }, `sync run ${event.status}`);
    }
    for (const listener of this.#listeners) {
      try {
        listener(full);
      } catch (error) {
        this.#options.logger.warn({ err: error }, 'sync event listener failed');
      }
    }
    const bus = this.#options.bus;
    if (!bus) return;
    const { type, runId, at, ...changes } = full;
    bus
      .publish({ eventId: randomUUID(), type, entity: { typename: 'SyncJob', id: runId }, dealerIds: [], changes: { ...changes }, occurredAt: at, source: this.#options.source })
      .catch((error: unknown) => this.#options.logger.warn({ err: error, runId, type }, 'could not publish a sync job event'));
  }
}
