/**
 * An invoice run whose worker is killed with SIGKILL mid-way, once while invoicing and once while posting; each time
 * another worker process takes the job over (BullMQ finds it stalled) and the run continues from what the store says
 * is done. Every period due is invoiced exactly once, every group has exactly one invoice, and all are posted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@l2c/shared';
import { storeDrivers, testDatabaseUrl, type DisposableStore } from '@l2c/shared/testing';
import { createInvoiceRunQueue, type InvoiceRunQueue } from '@l2c/billing/runs';
import { migrationsDir } from '@l2c/billing';
import { bill, insertRun, order, runsByIds, subscription, type InvoiceRunRow } from '@l2c/billing/testing';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const ACCOUNTS = 120;
let store: DisposableStore;
let queue: InvoiceRunQueue;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  store = await storeDrivers.find((d) => d.name === 'postgres')!.open(migrationsDir);
  // 120 accounts, each with two items on one order (one invoice per account), three months due by 1 March.
  for (let i = 0; i < ACCOUNTS; i++) {
    await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00'), subscription('2026-01-01', '2026-12-31', '600.00')], { accountId: `acct-${String(i).padStart(3, '0')}` }));
  }
  queue = createInvoiceRunQueue({ redisUrl, prefix });
}, 120_000);

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await queue?.queue.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await store?.close();
});

async function startWorker(): Promise<ChildProcess> {
  const [current] = await store.query<{ schema: string }>('select current_schema() as schema');
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'subgraphs/billing/src/testing/killableRunWorker.ts')], {
    env: { ...process.env, KILL_DB_URL: testDatabaseUrl, KILL_SCHEMA: current!.schema, KILL_REDIS_URL: redisUrl, KILL_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function until(runId: string, test: (run: InvoiceRunRow) => boolean, what: string): Promise<InvoiceRunRow> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const [run] = await runsByIds(store, [runId]);
    if (run && test(run)) return run;
    if (run && (run.status === 'FAILED' || run.status === 'CANCELLED')) throw new Error(`run ended (${run.status}) before ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('an invoice run whose worker is killed with SIGKILL', () => {
  it('is taken over by another worker and invoices no period twice and none not at all', async () => {
    const run = await insertRun(store, { id: randomUUID(), number: 'RUN-KILL', target_date: '2026-03-01', invoice_date: '2026-03-01', auto_post: true, trigger: 'MANUAL', requested_by: 'test' });
    await queue.enqueue(run.id);

    let worker = await startWorker();
    const midInvoicing = await until(run.id, (r) => r.phase === 'INVOICING' && r.lines_invoiced > 0, 'some lines invoiced');
    await kill(worker);
    const [afterFirstKill] = await runsByIds(store, [run.id]);
    expect(afterFirstKill!.status).toBe('RUNNING');
    expect(afterFirstKill!.lines_invoiced).toBeLessThan(ACCOUNTS * 2 * 3);
    expect(midInvoicing.lines_due).toBe(ACCOUNTS * 2 * 3);

    worker = await startWorker();
    await until(run.id, (r) => r.phase === 'POSTING' && r.invoices_posted > 0, 'some invoices posted');
    await kill(worker);
    const [afterSecondKill] = await runsByIds(store, [run.id]);
    expect(afterSecondKill!.status).toBe('RUNNING');
    expect(afterSecondKill!.invoices_posted).toBeLessThan(ACCOUNTS);

    worker = await startWorker();
    const done = await until(run.id, (r) => r.status === 'COMPLETED', 'the run completed');
    await kill(worker);

    expect(done).toMatchObject({ lines_due: ACCOUNTS * 6, lines_invoiced: ACCOUNTS * 6, invoices_created: ACCOUNTS, invoices_posted: ACCOUNTS, total_amount: (ACCOUNTS * 450).toFixed(2) });
    expect(done.attempts).toBeGreaterThanOrEqual(3);
    const [lines] = await store.query<{ lines: number; periods: number; total: string }>(
      `select count(*)::int as lines, count(distinct period_id)::int as periods, sum(amount)::text as total from invoice_lines where is_active`,
    );
    expect(lines).toEqual({ lines: ACCOUNTS * 6, periods: ACCOUNTS * 6, total: (ACCOUNTS * 450).toFixed(2) });
    const [pending] = await store.query<{ n: number }>(`select count(*)::int as n from billing_periods where status = 'PENDING' and billing_date <= '2026-03-01'`);
    expect(pending!.n).toBe(0);
    const perAccount = await store.query<{ account_id: string; invoices: number; total: string }>(`select account_id, count(*)::int as invoices, sum(total_amount)::text as total from invoices group by account_id`);
    expect(perAccount).toHaveLength(ACCOUNTS);
    expect(perAccount.every((a) => a.invoices === 1 && a.total === '450.00')).toBe(true);
    const posted = await store.query<{ status: string; n: number }>(`select status, count(*)::int as n from invoices group by status`);
    expect(posted).toEqual([{ status: 'POSTED', n: ACCOUNTS }]);
    const announced = await store.query<{ n: number; distinct_invoices: number }>(`select count(*)::int as n, count(distinct entity_id)::int as distinct_invoices from outbox where type = 'InvoicePosted'`);
    expect(announced[0]).toEqual({ n: ACCOUNTS, distinct_invoices: ACCOUNTS });
  }, 180_000);
});
