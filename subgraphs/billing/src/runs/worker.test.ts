import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { bill, logger, openBillingStore, order, subscription } from '../testing/fixtures.ts';
import { createInvoiceRunQueue, SCHEDULED_RUN_JOB, type InvoiceRunQueue } from './queue.ts';
import { startInvoiceRunWorker, type InvoiceRunWorker } from './worker.ts';

/** The worker on a real Redis queue (random prefix): scheduled runs are one per day however often the scheduler fires. */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let store: DisposableStore;
let queue: InvoiceRunQueue;
let worker: InvoiceRunWorker;
let prefix: string;

beforeEach(async () => {
  store = await openBillingStore();
  prefix = `t${randomBytes(4).toString('hex')}`;
  queue = createInvoiceRunQueue({ redisUrl, prefix });
  worker = startInvoiceRunWorker({ store, redisUrl, prefix, paymentTermDays: 30, logger });
});
afterEach(async () => {
  await worker.close();
  await queue.queue.obliterate({ force: true });
  await queue.close();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await store.close();
});

async function completed(jobId: string): Promise<unknown> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const job = await queue.queue.getJob(jobId);
    if (job && (await job.isCompleted())) return (await queue.queue.getJob(jobId))!.returnvalue;
    if (job && (await job.isFailed())) throw new Error(`job ${jobId} failed: ${job.failedReason}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not complete`);
}

describe('scheduled invoice runs', () => {
  it('bill today’s due periods once, however often the scheduler fires that day', async () => {
    const today = isoDate(new Date());
    await bill(store, order([subscription(today, isoDate(new Date(), 364), '1200.00')]));
    const first = await queue.queue.add(SCHEDULED_RUN_JOB, {}, { jobId: 'fire-1' });
    const firstResult = (await completed(first.id!)) as { runId: string; status: string };
    const second = await queue.queue.add(SCHEDULED_RUN_JOB, {}, { jobId: 'fire-2' });
    const secondResult = (await completed(second.id!)) as { runId: string; status: string };
    expect(secondResult).toEqual(firstResult);
    expect(firstResult.status).toBe('COMPLETED');
    // Bull Board shows the job's progress as the run reported it.
    expect((await queue.queue.getJob(first.id!))!.progress).toMatchObject({ runId: firstResult.runId, status: 'COMPLETED', phase: 'DONE', linesDue: 1, linesInvoiced: 1, invoicesPosted: 1, percent: 100 });
    const runs = await store.query<{ trigger: string; target_date: string; lines_invoiced: number; invoices_posted: number }>('select trigger, target_date, lines_invoiced, invoices_posted from invoice_runs');
    expect(runs).toEqual([{ trigger: 'SCHEDULE', target_date: today, lines_invoiced: 1, invoices_posted: 1 }]);
  });

  it('installs the daily scheduler with its cron pattern, and removes it when turned off', async () => {
    await queue.schedule('0 2 * * *', 'Europe/Berlin');
    expect((await queue.queue.getJobSchedulers()).map((s) => [s.key, s.pattern, s.tz])).toEqual([['daily-invoice-run', '0 2 * * *', 'Europe/Berlin']]);
    await queue.schedule(null);
    expect(await queue.queue.getJobSchedulers()).toEqual([]);
  });
});
