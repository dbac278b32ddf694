/**
 * The BullMQ side: the queue, the dead-letter queue, and workers running the two processors. Workers run in the
 * subgraph process by default and in separate processes by configuration, from the same code (`createSyncEngine`
 * with `workers` on and `triggers` off). Redis connections are owned here and closed with the engine.
 */
import { Queue, UnrecoverableError, Worker, type Job, type RateLimiterOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../../logger.ts';
import { processObjectJob } from './processObject.ts';
import { processRunJob } from './processRun.ts';
import type { SyncRuntime } from './runtime.ts';
import { OBJECT_JOB, RUN_JOB, type ObjectJobData, type RunJobData, type SyncJobData } from './types.ts';

export interface QueueSettings {
  /** Redis, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /** BullMQ key prefix; tests use a random one so they never collide. Default `l2c`. */
  prefix?: string;
  /** Queue name. Default `sync`. The dead letters go to `<name>-dead`. */
  name?: string;
}

export interface WorkerSettings {
  /** Jobs one process runs at once (different objects; one object never runs twice at once). Default 2. */
  concurrency?: number;
  /** At most `max` jobs started per `duration` ms across all workers. Default: no limit. */
  limiter?: RateLimiterOptions;
  /** How long a worker's hold on a job lasts without renewal, ms: a worker that died loses its jobs after this. Default 30,000. */
  lockDuration?: number;
  /** How often workers look for jobs whose worker died, ms. Default 30,000. */
  stalledInterval?: number;
  /** How many times a job may be found stalled before it fails. Default 5 (a SIGKILL mid-sync is survivable). */
  maxStalledCount?: number;
}

export interface DeadLetter {
  /** The failed job's id (its run id). */
  jobId: string;
  name: string;
  data: SyncJobData;
  error: { name: string; message: string };
  attemptsMade: number;
  failedAt: string;
}

export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function createQueues(settings: QueueSettings): { queue: Queue<SyncJobData>; dead: Queue<DeadLetter>; connections: Redis[] } {
  const name = settings.name ?? 'sync';
  const prefix = settings.prefix ?? 'l2c';
  const queueConnection = redisConnection(settings.redisUrl);
  const deadConnection = redisConnection(settings.redisUrl);
  const queue = new Queue<SyncJobData>(name, { connection: queueConnection, prefix });
  const dead = new Queue<DeadLetter>(`${name}-dead`, { connection: deadConnection, prefix });
  return { queue, dead, connections: [queueConnection, deadConnection] };
}

/** Starts a worker for the sync queue; failed jobs that will not be retried are copied to the dead-letter queue. */
export function startWorker(rt: SyncRuntime, settings: QueueSettings, workerSettings: WorkerSettings, dead: Queue<DeadLetter>, logger: Logger): { worker: Worker<SyncJobData>; connection: Redis } {
  const connection = redisConnection(settings.redisUrl);
  const worker = new Worker<SyncJobData>(
    settings.name ?? 'sync',
    async (job, token, signal) => {
      const abort = signal ?? new AbortController().signal;
      if (job.name === OBJECT_JOB) return processObjectJob(rt, job as Job<ObjectJobData>, token, abort);
      if (job.name === RUN_JOB) return processRunJob(rt, job as Job<RunJobData>, token);
      throw new UnrecoverableError(`unknown sync job ${job.name}`);
    },
    {
      connection,
      prefix: settings.prefix ?? 'l2c',
      concurrency: workerSettings.concurrency ?? 2,
      ...(workerSettings.limiter ? { limiter: workerSettings.limiter } : {}),
      lockDuration: workerSettings.lockDuration ?? 30_000,
      stalledInterval: workerSettings.stalledInterval ?? 30_000,
      maxStalledCount: workerSettings.maxStalledCount ?? 5,
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const letter: DeadLetter = { jobId: job.id!, name: job.name, data: job.data, error: { name: error.name, message: error.message }, attemptsMade: job.attemptsMade, failedAt: new Date().toISOString() };
    dead.add('dead', letter, { jobId: job.id!, removeOnComplete: true }).catch((e: unknown) => logger.warn({ err: e, jobId: job.id }, 'could not record a dead letter'));
  });
  worker.on('error', (error) => logger.error({ err: error }, 'sync worker error'));
  return { worker, connection };
}
