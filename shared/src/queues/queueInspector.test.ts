import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createQueueInspector, type QueueInspector } from './queueInspector.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const connection = { url: redisUrl };
let inspector: QueueInspector;
let work: Queue;
let dead: Queue;
let events: QueueEvents;
let worker: Worker;
/** Jobs whose data says `fail` fail until this is false. */
let failing = true;

beforeAll(async () => {
  work = new Queue('work', { connection, prefix });
  dead = new Queue('work-dead', { connection, prefix });
  events = new QueueEvents('work', { connection, prefix });
  await events.waitUntilReady();
  worker = new Worker(
    'work',
    async (job) => {
      if (job.data.fail && failing) throw new Error(`refused ${job.data.label}`);
      return 'done';
    },
    { connection, prefix, concurrency: 4 },
  );
  worker.on('failed', (job) => void (job && dead.add('dead', { jobId: job.id }, { jobId: job.id! })));
  inspector = createQueueInspector({
    redisUrl,
    prefix,
    queues: [
      { name: 'work', owner: 'tests', description: 'work that fails on demand', deadLetters: 'work-dead' },
      { name: 'idle', owner: 'tests', description: 'a queue nobody uses' },
    ],
  });
});

afterAll(async () => {
  await inspector?.close();
  await worker?.close();
  await events?.close();
  for (const queue of [work, dead, new Queue('idle', { connection, prefix })]) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('queue inspector', () => {
  it('counts jobs by state, lists failed jobs with their reason, and retries them', async () => {
    const finished = (id: string, kind: 'completed' | 'failed') =>
      new Promise<void>((resolve) => {
        const listener = (args: { jobId: string }) => {
          if (args.jobId !== id) return;
          events.off(kind, listener);
          resolve();
        };
        events.on(kind, listener);
      });
    const okJob = await work.add('ok', { label: 'fine' }, { jobId: 'ok-1' });
    const bad = await work.add('bad', { label: 'broken', fail: true }, { jobId: 'bad-1', attempts: 1 });
    await Promise.all([finished(okJob.id!, 'completed'), finished(bad.id!, 'failed')]);
    await work.add('later', { label: 'later' }, { jobId: 'later-1', delay: 3_600_000 });

    const [state, idle] = await inspector.states();
    expect(state).toMatchObject({ name: 'work', owner: 'tests', paused: false, deadLetterCount: 1, counts: { completed: 1, failed: 1, delayed: 1, active: 0 } });
    expect(idle).toMatchObject({ name: 'idle', deadLetterCount: null, counts: { waiting: 0, failed: 0 } });

    const { jobs, total } = await inspector.failedJobs('work', 0, 10);
    expect(total).toBe(1);
    expect(jobs[0]).toMatchObject({ id: 'bad-1', queue: 'work', name: 'bad', failedReason: 'refused broken', attemptsMade: 1, maxAttempts: 1, data: JSON.stringify({ label: 'broken', fail: true }) });
    expect(jobs[0]!.stacktrace[0]).toContain('refused broken');

    failing = false;
    const done = finished('bad-1', 'completed');
    const outcomes = await inspector.retry('work', ['bad-1', 'ok-1', 'missing']);
    expect(outcomes).toEqual([
      { id: 'bad-1', retried: true },
      { id: 'ok-1', retried: false, reason: 'job ok-1 is completed, not failed' },
      { id: 'missing', retried: false, reason: 'no job missing in queue work' },
    ]);
    await done;
    expect(await inspector.state('work')).toMatchObject({ deadLetterCount: 0, counts: { completed: 2, failed: 0 } });
  });

  it('refuses queues it does not list, naming them', async () => {
    await expect(inspector.failedJobs('elsewhere', 0, 10)).rejects.toThrow(DomainError);
    await expect(inspector.retry('elsewhere', ['1'])).rejects.toThrow(/JobQueue "elsewhere" was not found/);
    expect(await inspector.state('elsewhere')).toBeNull();
  });
});
