/**
 * Reads the graph's BullMQ queues by name (counts by state, failed jobs with their reason) and retries failed jobs,
 * for the operations view in the graph. It never runs jobs: the owners' workers do. BullMQ loads on first use, so a
 * process that imports the shared package without looking at queues does not pay for it.
 */
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { badInput, notFound } from '../errors.ts';
import type { JobQueueEntry } from './jobQueues.ts';

/** Jobs of a queue by state, as BullMQ counts them. */
export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  waitingChildren: number;
  paused: number;
  completed: number;
  failed: number;
}

export interface QueueState extends JobQueueEntry {
  counts: JobCounts;
  /** The queue is paused: workers take no new jobs. */
  paused: boolean;
  /** Jobs in its dead-letter queue; null when it has none. */
  deadLetterCount: number | null;
}

/** A failed job, as an operator needs to see it. */
export interface FailedJob {
  id: string;
  queue: string;
  name: string;
  failedReason: string;
  /** The top of the last error's stack trace. */
  stacktrace: string[];
  attemptsMade: number;
  maxAttempts: number;
  createdAt: Date;
  failedAt: Date | null;
  /** The job's data as JSON, cut at 2,000 characters. */
  data: string;
}

export type RetryOutcome = { id: string; retried: true } | { id: string; retried: false; reason: string };

export interface QueueInspector {
  readonly queues: readonly JobQueueEntry[];
  /** Every queue's counts, in catalogue order. */
  states(): Promise<QueueState[]>;
  state(name: string): Promise<QueueState | null>;
  /** Failed jobs, most recently failed first, from `offset`; with the number failed in all. */
  failedJobs(name: string, offset: number, limit: number): Promise<{ jobs: FailedJob[]; total: number }>;
  /** The failed job with this id, or null. */
  failedJob(name: string, id: string): Promise<Job | null>;
  /**
   * Moves failed jobs back to waiting, for their queue's workers to run again (the job keeps its id, so a sync job
   * resumes from its checkpoint), and removes their dead letters. Ids that are not failed jobs are refused, each
   * with its reason; the others are retried.
   */
  retry(name: string, ids: readonly string[]): Promise<RetryOutcome[]>;
  close(): Promise<void>;
}

export interface QueueInspectorOptions {
  redisUrl: string;
  /** BullMQ key prefix (`QUEUE_PREFIX`). */
  prefix: string;
  /** The queues it may read. Default `JOB_QUEUES`. */
  queues: readonly JobQueueEntry[];
}

const DATA_LIMIT = 2_000;
const STACK_LINES = 8;

export function createQueueInspector(options: QueueInspectorOptions): QueueInspector {
  let opened: Promise<{ connection: Redis; queues: Map<string, Queue> }> | null = null;
  const open = () =>
    (opened ??= (async () => {
      const [{ Queue }, { Redis }] = await Promise.all([import('bullmq'), import('ioredis')]);
      const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
      const queues = new Map<string, Queue>();
      for (const entry of options.queues) {
        for (const name of [entry.name, entry.deadLetters]) if (name) queues.set(name, new Queue(name, { connection, prefix: options.prefix }));
      }
      return { connection, queues };
    })());
  const entryOf = (name: string): JobQueueEntry => {
    const entry = options.queues.find((q) => q.name === name);
    if (!entry) throw notFound('JobQueue', name, 'queue');
    return entry;
  };
  const queueOf = async (name: string): Promise<Queue> => (await open()).queues.get(name)!;

  const state = async (entry: JobQueueEntry): Promise<QueueState> => {
    const queue = await queueOf(entry.name);
    const [counts, paused, dead] = await Promise.all([
      queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused', 'completed', 'failed'),
      queue.isPaused(),
      entry.deadLetters ? queueOf(entry.deadLetters).then((q) => q.getJobCountByTypes('waiting', 'paused', 'delayed', 'prioritized', 'failed')) : Promise.resolve(null),
    ]);
    const n = (key: string) => counts[key] ?? 0;
    return {
      ...entry,
      counts: { waiting: n('waiting'), active: n('active'), delayed: n('delayed'), prioritized: n('prioritized'), waitingChildren: n('waiting-children'), paused: n('paused'), completed: n('completed'), failed: n('failed') },
      paused,
      deadLetterCount: dead,
    };
  };

  return {
    queues: options.queues,
    states: () => Promise.all(options.queues.map(state)),
    async state(name) {
      const entry = options.queues.find((q) => q.name === name);
      return entry ? state(entry) : null;
    },
    async failedJobs(name, offset, limit) {
      const queue = await queueOf(entryOf(name).name);
      const [jobs, total] = await Promise.all([queue.getFailed(offset, offset + limit - 1), queue.getFailedCount()]);
      return { jobs: jobs.filter((job): job is Job => !!job).map((job) => failedJobOf(name, job)), total };
    },
    async failedJob(name, id) {
      const job = await (await queueOf(entryOf(name).name)).getJob(id);
      return job && (await job.isFailed()) ? job : null;
    },
    async retry(name, ids) {
      const entry = entryOf(name);
      if (ids.length === 0) throw badInput('ids', ids, 'name at least one failed job');
      const queue = await queueOf(entry.name);
      const dead = entry.deadLetters ? await queueOf(entry.deadLetters) : null;
      const outcomes: RetryOutcome[] = [];
      for (const id of ids) {
        const job = await queue.getJob(id);
        if (!job) {
          outcomes.push({ id, retried: false, reason: `no job ${id} in queue ${name}` });
          continue;
        }
        const jobState = await job.getState();
        if (jobState !== 'failed') {
          outcomes.push({ id, retried: false, reason: `job ${id} is ${jobState}, not failed` });
          continue;
        }
        await job.retry('failed');
        await (await dead?.getJob(id))?.remove();
        outcomes.push({ id, retried: true });
      }
      return outcomes;
    },
    async close() {
      if (!opened) return;
      const { connection, queues } = await opened;
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await connection.quit().catch(() => undefined);
    },
  };
}

function failedJobOf(queue: string, job: Job): FailedJob {
  const data = JSON.stringify(job.data ?? null);
  return {
    id: job.id ?? '',
    queue,
    name: job.name,
    failedReason: job.failedReason || 'no reason recorded',
    stacktrace: (job.stacktrace?.[job.stacktrace.length - 1] ?? '').split('\n').slice(0, STACK_LINES).filter(Boolean),
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    createdAt: new Date(job.timestamp),
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    data: data.length > DATA_LIMIT ? `${data.slice(0, DATA_LIMIT - 1)}…` : data,
  };
}
