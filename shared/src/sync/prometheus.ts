/**
 * Prometheus metrics of the Salesforce sync: the engine's `SyncMetrics` hooks written into a prom-client registry,
 * served at `/metrics` on the HTTP server of each subgraph that syncs. Labels stay low-cardinality (mapping names, directions,
 * outcomes, HTTP methods, status codes, Salesforce error codes): never record ids.
 */
import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SyncMetrics } from './events.ts';

export interface SyncPrometheus {
  /** What `createSyncEngine({ metrics })` calls. */
  readonly hooks: SyncMetrics;
  readonly registry: Registry;
  /** Answers a scrape: the registry in Prometheus' text format. */
  serve(res: ServerResponse): Promise<void>;
}

export interface SyncPrometheusOptions {
  /** Also export the process's default metrics (CPU, memory, event loop lag). Default true. */
  processMetrics?: boolean;
  /** The process metrics' name prefix, naming the subgraph. Default `l2c_crm_`. */
  processMetricsPrefix?: string;
}

export function createSyncPrometheus(options: SyncPrometheusOptions = {}): SyncPrometheus {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: options.processMetricsPrefix ?? 'l2c_crm_' });
  const records = new Counter({
    name: 'l2c_sync_records_total',
    help: 'Records the Salesforce sync handled, by mapping, direction and outcome (inserted, updated, pushedCreated, failed, …).',
    labelNames: ['mapping', 'direction', 'outcome'] as const,
    registers: [registry],
  });
  const apiCalls = new Counter({
    name: 'l2c_sync_api_calls_total',
    help: 'Salesforce API calls, by HTTP method, status and Salesforce error code (empty when none).',
    labelNames: ['method', 'status', 'error_code'] as const,
    registers: [registry],
  });
  const apiDuration = new Histogram({
    name: 'l2c_sync_api_call_duration_seconds',
    help: 'Duration of Salesforce API calls, by HTTP method.',
    labelNames: ['method'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const jobs = new Histogram({
    name: 'l2c_sync_job_duration_seconds',
    help: 'Duration of finished sync jobs (runs and per-object jobs), by kind, mode, direction, status and mapping.',
    labelNames: ['kind', 'mode', 'direction', 'status', 'mapping'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  const apiUsed = new Gauge({ name: 'l2c_sync_api_usage_used', help: 'Salesforce API calls used in the last 24 h, as the newest response reported.', registers: [registry] });
  const apiLimit = new Gauge({ name: 'l2c_sync_api_usage_limit', help: "The org's daily API allowance, as the newest response reported.", registers: [registry] });

  const hooks: SyncMetrics = {
    recordsSynced: (labels, count) => records.inc(labels, count),
    apiCall: (labels, seconds) => {
      apiCalls.inc({ method: labels.method, status: String(labels.status), error_code: labels.errorCode ?? '' });
      apiDuration.observe({ method: labels.method }, seconds);
    },
    jobFinished: (labels, seconds) => jobs.observe(labels, seconds),
    apiUsage: (used, limit) => {
      apiUsed.set(used);
      apiLimit.set(limit);
    },
  };
  return {
    hooks,
    registry,
    async serve(res) {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
      res.end(body);
    },
  };
}
