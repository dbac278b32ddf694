/**
 * One Bulk API 2.0 query job: UploadComplete on creation → InProgress → JobComplete (or Failed, or Aborted). The
 * rows are kept as the query engine returned them and serialized to CSV page by page when results are read.
 */
import type { PreparedQuery } from '../../soql/engine.ts';
import type { JobCommon, QueryJobInfo, QueryJobSpec } from '../types.ts';
import { sfDateTime } from '../time.ts';
import type { ResultColumn } from './columns.ts';

/** The query's answer: columns in SELECT order and the engine's evaluated query, which shapes records on demand. */
export interface QueryResultSet {
  columns: readonly ResultColumn[];
  rows: PreparedQuery;
}

export type QueryPhase =
  | { state: 'UploadComplete' }
  | { state: 'InProgress'; startedAt: number }
  | { state: 'JobComplete'; result: QueryResultSet; startedAt: number; finishedAt: number }
  | { state: 'Failed'; errorMessage: string; startedAt: number; finishedAt: number }
  | { state: 'Aborted'; startedAt: number | null; finishedAt: number };

export class QueryJob {
  readonly kind = 'query' as const;
  phase: QueryPhase = { state: 'UploadComplete' };

  constructor(
    readonly common: JobCommon,
    readonly spec: QueryJobSpec,
    /** The SELECT list, resolved when the job was created. */
    readonly columns: readonly ResultColumn[],
  ) {}

  get id(): string {
    return this.common.id;
  }

  enter(phase: QueryPhase, now: number): void {
    this.phase = phase;
    this.common.systemModstamp = now;
  }

  /** `JobInfo` as Create and Abort answer it. */
  briefInfo(): QueryJobInfo {
    const { common, spec } = this;
    return {
      id: common.id,
      operation: spec.operation,
      object: spec.object,
      createdById: common.createdById,
      createdDate: sfDateTime(common.createdDate),
      systemModstamp: sfDateTime(common.systemModstamp),
      state: this.phase.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(common.apiVersion),
      lineEnding: spec.lineEnding,
      columnDelimiter: spec.columnDelimiter,
    };
  }

  /** `JobInfo` as `GET /jobs/query/{id}` answers it. */
  fullInfo(now: number): QueryJobInfo {
    const { lineEnding, columnDelimiter, ...head } = this.briefInfo();
    const phase = this.phase;
    const started = 'startedAt' in phase ? phase.startedAt : null;
    const finished = 'finishedAt' in phase ? phase.finishedAt : now;
    const info: QueryJobInfo = {
      ...head,
      jobType: 'V2Query',
      lineEnding,
      columnDelimiter,
      numberRecordsProcessed: phase.state === 'JobComplete' ? phase.result.rows.totalSize : 0,
      retries: 0,
      totalProcessingTime: started === null ? 0 : Math.max(0, finished - started),
      isPkChunkingSupported: true,
    };
    if (phase.state === 'Failed') info.errorMessage = phase.errorMessage;
    return info;
  }
}
