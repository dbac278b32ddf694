/** The data BullMQ jobs of the sync carry. Two job names: `object` (one mapping) and `run` (several, by level). */
import type { RunDirection, RunMode, RunTrigger } from '../store/runs.ts';

export const OBJECT_JOB = 'object';
export const RUN_JOB = 'run';

export interface ObjectJobData {
  mapping: string;
  mode: RunMode;
  direction: RunDirection;
  trigger: RunTrigger;
  requestedBy: string | null;
  /** The run that started this job, for jobs a `run` job adds. */
  parentRunId?: string | null;
  /** Salesforce Ids to read again (mode `records`, retrying inbound failures). */
  sfIds?: string[];
}

export interface RunJobData {
  /** Mapping names, any order: the run orders them by level (parents first). */
  mappings: string[];
  mode: RunMode;
  direction: RunDirection;
  trigger: RunTrigger;
  requestedBy: string | null;
  /** The next level to start (kept in the job's data so a restarted run continues where it was). */
  step?: number;
}

export type SyncJobData = ObjectJobData | RunJobData;
