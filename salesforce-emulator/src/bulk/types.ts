/**
 * Bulk API 2.0 vocabulary: the enums of the job resources and the JobInfo shapes Salesforce returns, field for field
 * and in Salesforce's order (Bulk API 2.0 and Bulk API Developer Guide: Create a Job, Get Information About an Ingest
 * Job, Create a Query Job, Get Information About a Query Job).
 */

/** `columnDelimiter`: the six characters Bulk API 2.0 accepts. */
export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

/** `lineEnding`: how rows end in job data and in results. */
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type LineEnding = keyof typeof LINE_ENDINGS;

export const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
export type IngestOperation = (typeof INGEST_OPERATIONS)[number];

export const QUERY_OPERATIONS = ['query', 'queryAll'] as const;
export type QueryOperation = (typeof QUERY_OPERATIONS)[number];

/** Job states (Bulk API 2.0 "Job States"). Query jobs are never `Open`. */
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** What an ingest job is created with (the parsed `POST /jobs/ingest` body). */
export interface IngestJobSpec {
  object: string;
  operation: IngestOperation;
  externalIdFieldName: string | null;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  assignmentRuleId: string | null;
}

/** What a query job is created with (the parsed `POST /jobs/query` body). */
export interface QueryJobSpec {
  operation: QueryOperation;
  query: string;
  /** The object of the FROM clause with Salesforce's spelling. */
  object: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

/** Fields every job has, whatever its kind. */
export interface JobCommon {
  id: string;
  createdById: string;
  /** Epoch milliseconds. */
  createdDate: number;
  /** Epoch milliseconds of the last change of the job's state or counters. */
  systemModstamp: number;
  /** The API version of the URL the job was created with, e.g. `60.0`; results must be read with the same. */
  apiVersion: string;
}

/** `JobInfo` of an ingest job as `GET /jobs/ingest/{id}` returns it. */
export interface IngestJobInfo {
  id: string;
  operation: IngestOperation;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  externalIdFieldName?: string;
  assignmentRuleId?: string;
  concurrencyMode: 'Parallel';
  contentType: 'CSV';
  apiVersion: number;
  jobType?: 'V2Ingest';
  contentUrl: string;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  retries?: number;
  totalProcessingTime?: number;
  apiActiveProcessingTime?: number;
  apexProcessingTime?: number;
  errorMessage?: string;
}

/** `JobInfo` of a query job as `GET /jobs/query/{id}` returns it. */
export interface QueryJobInfo {
  id: string;
  operation: QueryOperation;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  concurrencyMode: 'Parallel';
  contentType: 'CSV';
  apiVersion: number;
  jobType?: 'V2Query';
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
  numberRecordsProcessed?: number;
  retries?: number;
  totalProcessingTime?: number;
  isPkChunkingSupported?: boolean;
  errorMessage?: string;
}
