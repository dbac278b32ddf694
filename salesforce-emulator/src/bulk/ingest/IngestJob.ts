/**
 * One Bulk API 2.0 ingest job: its definition, its lifecycle (Open → UploadComplete → InProgress → JobComplete |
 * Failed, or Aborted) and, once processing starts, its per-row results. The lifecycle is a discriminated union so
 * each state carries exactly what exists in it: uploaded data before processing, results from InProgress on.
 */
import type { IngestJobInfo, IngestJobSpec, JobCommon } from '../types.ts';
import { sfDateTime } from '../time.ts';

/** A row that was saved: the record ID, whether it was created, and the row as uploaded. */
export interface SuccessfulRow {
  id: string;
  created: boolean;
  values: readonly string[];
}

/** A row that was refused: the record ID when known, Salesforce's `CODE:message:fields --` text, the row as uploaded. */
export interface FailedRow {
  id: string;
  error: string;
  values: readonly string[];
}

/** What processing has produced so far. Rows appear here in upload order. */
export interface IngestResults {
  /** The uploaded header line's column names; null when there was no data. */
  header: readonly string[] | null;
  successful: SuccessfulRow[];
  failed: FailedRow[];
  /** Rows never processed (the job failed or was aborted before them). */
  unprocessed: (readonly string[])[];
}

export type IngestPhase =
  | { state: 'Open'; upload: string | null }
  | { state: 'UploadComplete'; upload: string | null }
  | { state: 'InProgress'; results: IngestResults; startedAt: number }
  | { state: 'JobComplete'; results: IngestResults; startedAt: number; finishedAt: number }
  | { state: 'Failed'; results: IngestResults; startedAt: number; finishedAt: number; errorMessage: string }
  | { state: 'Aborted'; results: IngestResults | null; startedAt: number | null; finishedAt: number };

export class IngestJob {
  readonly kind = 'ingest' as const;
  phase: IngestPhase = { state: 'Open', upload: null };
  /** `client=` of the creating request's `Sforce-Call-Options`, for CDC's `changeOrigin`. */
  readonly callOptionsClient: string | null;

  constructor(
    readonly common: JobCommon,
    readonly spec: IngestJobSpec,
    callOptionsClient: string | null,
  ) {
    this.callOptionsClient = callOptionsClient;
  }

  get id(): string {
    return this.common.id;
  }

  /** Moves to a new phase and stamps `systemModstamp`. */
  enter(phase: IngestPhase, now: number): void {
    this.phase = phase;
    this.common.systemModstamp = now;
  }

  /** Rows processed so far (saved or failed). */
  recordCount(): number {
    const phase = this.phase;
    return 'results' in phase && phase.results ? phase.results.successful.length + phase.results.failed.length : 0;
  }

  /** `JobInfo` as Create, Upload Complete and Abort answer it (no counters). */
  briefInfo(): IngestJobInfo {
    const { common, spec } = this;
    const info: IngestJobInfo = {
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
      contentUrl: `services/data/v${common.apiVersion}/jobs/ingest/${common.id}/batches`,
      lineEnding: spec.lineEnding,
      columnDelimiter: spec.columnDelimiter,
    };
    return withOptional(info, spec);
  }

  /** `JobInfo` as `GET /jobs/ingest/{id}` answers it. */
  fullInfo(now: number): IngestJobInfo {
    const info: IngestJobInfo = { ...this.briefInfo(), jobType: 'V2Ingest', ...this.counters(now) };
    if (this.phase.state === 'Failed') info.errorMessage = this.phase.errorMessage;
    return info;
  }

  private counters(now: number): Pick<IngestJobInfo, 'numberRecordsProcessed' | 'numberRecordsFailed' | 'retries' | 'totalProcessingTime' | 'apiActiveProcessingTime' | 'apexProcessingTime'> {
    const phase = this.phase;
    const results = 'results' in phase ? phase.results : null;
    const failed = results?.failed.length ?? 0;
    // Salesforce counts failed rows as processed: numberRecordsProcessed ≥ numberRecordsFailed.
    const processed = (results?.successful.length ?? 0) + failed;
    const started = 'startedAt' in phase ? phase.startedAt : null;
    const finished = 'finishedAt' in phase ? phase.finishedAt : now;
    const elapsed = started === null ? 0 : Math.max(0, finished - started);
    return {
      numberRecordsProcessed: processed,
      numberRecordsFailed: failed,
      retries: 0,
      totalProcessingTime: elapsed,
      apiActiveProcessingTime: elapsed,
      apexProcessingTime: 0,
    };
  }
}

function withOptional(info: IngestJobInfo, spec: IngestJobSpec): IngestJobInfo {
  // Salesforce lists these right after `state`, and only when the job has them.
  const { id, operation, object, createdById, createdDate, systemModstamp, state, ...rest } = info;
  return {
    id,
    operation,
    object,
    createdById,
    createdDate,
    systemModstamp,
    state,
    ...(spec.externalIdFieldName ? { externalIdFieldName: spec.externalIdFieldName } : {}),
    ...(spec.assignmentRuleId ? { assignmentRuleId: spec.assignmentRuleId } : {}),
    ...rest,
  };
}
