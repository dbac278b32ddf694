/** How the engine moves records: thresholds, batch sizes, windows. Every option has a default that suits a real org. */
export interface SyncTuning {
  /** A full load (or an incremental that finds this many changes) of this many records or more uses Bulk API 2.0 query; fewer use REST query. Default 10,000. */
  bulkQueryThreshold: number;
  /** Records per Bulk API 2.0 results page (`maxRecords`); one page is applied and checkpointed at a time. Default 10,000. */
  bulkPageSize: number;
  /** REST query batch size asked for (`Sforce-Query-Options`, 200–2,000; Salesforce may send fewer). Default 2,000. */
  queryBatchSize: number;
  /** An outbound batch with this many creates and updates or more goes through Bulk API 2.0 ingest instead of sObject Collections. Default 2,000. */
  bulkIngestThreshold: number;
  /** Records per outbound batch when the queue is below the ingest threshold (sent as collections of 200). Default 400. */
  pushBatchSize: number;
  /** Records per Bulk API 2.0 ingest job. Default 10,000. */
  bulkIngestBatchSize: number;
  /** Collection calls in flight at once per job. Default 2. */
  pushConcurrency: number;
  /** How far before the watermark an incremental starts reading, ms: catches records whose SystemModstamp was stamped before a slow commit. Default 300,000 (5 minutes). */
  overlapMs: number;
  /** How long a job's hold on an object lasts without renewal, ms (it is renewed after each page). Default 120,000. */
  leaseTtlMs: number;
  /** How long a job waits before asking again for an object another job holds, ms. Default 1,000. */
  leaseRetryMs: number;
  /**
   * API calls to leave unused of the org's daily allowance: at `limit - used <= reserve` jobs pause (not fail) and try
   * again after `pauseMs`. A number below 1 is a fraction of the allowance. Default 0.1 (10%).
   */
  apiReserve: number;
  /** How long a paused job waits (API reserve reached, REQUEST_LIMIT_EXCEEDED), ms. Default 900,000 (15 minutes). */
  pauseMs: number;
  /** Bulk API 2.0 job polling: first interval (growing to 2 s) and give-up time, ms. Defaults 200 and 600,000. */
  bulkPollMs: number;
  bulkTimeoutMs: number;
}

export const defaultTuning: SyncTuning = {
  bulkQueryThreshold: 10_000,
  bulkPageSize: 10_000,
  queryBatchSize: 2_000,
  bulkIngestThreshold: 2_000,
  pushBatchSize: 400,
  bulkIngestBatchSize: 10_000,
  pushConcurrency: 2,
  overlapMs: 300_000,
  leaseTtlMs: 120_000,
  leaseRetryMs: 1_000,
  apiReserve: 0.1,
  pauseMs: 900_000,
  bulkPollMs: 200,
  bulkTimeoutMs: 600_000,
};

/** API calls that must stay unused for an allowance of `limit`. */
export function reserveOf(tuning: Pick<SyncTuning, 'apiReserve'>, limit: number): number {
  return tuning.apiReserve < 1 ? Math.ceil(limit * tuning.apiReserve) : tuning.apiReserve;
}
