import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '@l2c/shared';
import { storeDrivers } from '@l2c/shared/testing';
import { billActivatedOrder, createInvoiceRunQueue, startInvoiceRunWorker, type ActivatedItem } from '@l2c/billing/runs';
import { migrationsDir } from '@l2c/billing';
import { insertRun, runsByIds } from '@l2c/billing/testing';
import type { Benchmark, Measurement } from '../benchmark.ts';

const ITEMS = Number(process.env.BENCH_INVOICE_ITEMS ?? 10_000);
const ITEMS_PER_ORDER = 5;
const DRIVER = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'pglite';

/**
 * An invoice run over 10,000 activated order items (2,000 orders of five: three monthly subscriptions and two one-time
 * charges, for 1,000 customers of 20 dealers, half billing on the 1st and half on the 15th), all due on the target
 * date. Timed from queueing the run to its completion through the BullMQ worker: every period invoiced, grouped by
 * account and billing day, and every invoice posted with its event. The seeding is not timed.
 */
export const invoiceRun: Benchmark = {
  name: 'invoice-run',
  description: `invoice run of ${ITEMS} order items through the BullMQ worker (${DRIVER} store)`,
  async run(): Promise<Measurement[]> {
    await using store = await storeDrivers.find((d) => d.name === DRIVER)!.open(migrationsDir);
    const settings = { currency: 'EUR', paymentTermDays: 30, alignAmendments: true };
    const seedStarted = performance.now();
    for (let o = 0; o < ITEMS / ITEMS_PER_ORDER; o++) {
      const start = o % 2 === 0 ? '2026-01-01' : '2026-01-15';
      const items: ActivatedItem[] = Array.from({ length: ITEMS_PER_ORDER }, (_, i) => {
        const recurring = i < 3;
        return { orderItemId: randomUUID(), productId: null, productCode: recurring ? `SVC-${i}` : `PART-${i}`, productName: recurring ? `Service ${i}` : `Part ${i}`, chargeType: recurring ? 'RECURRING' : 'ONE_TIME', quantity: 1, unitPrice: recurring ? '359.00' : '119.00', totalPrice: recurring ? '359.00' : '119.00', startDate: start, endDate: recurring ? (start === '2026-01-01' ? '2026-12-31' : '2027-01-14') : null };
      });
      await billActivatedOrder({ store, settings }, randomUUID(), {
        orderId: randomUUID(), orderNumber: `O-${o}`, accountId: `acct-${Math.floor(o / 2) % 1000}`, dealerId: `dealer-${o % 20}`, opportunityId: null, quoteId: null, contractId: null, effectiveDate: start, totalAmount: '1315.00', activatedAt: new Date().toISOString(), items,
      });
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const prefix = `bench${randomBytes(4).toString('hex')}`;
    const logger = createLogger('bench-invoice-run', 'warn');
    const queue = createInvoiceRunQueue({ redisUrl, prefix });
    const worker = startInvoiceRunWorker({ store, redisUrl, prefix, paymentTermDays: 30, logger });
    let statements = 0;
    const bySql = new Map<string, { count: number; ms: number }>();
    const stop = store.onStatement((event) => {
      statements++;
      const key = event.sql.replace(/\s+/g, ' ').slice(0, 100);
      const entry = bySql.get(key) ?? { count: 0, ms: 0 };
      bySql.set(key, { count: entry.count + 1, ms: entry.ms + event.durationMs });
    });
    try {
      const run = await insertRun(store, { id: randomUUID(), number: 'RUN-BENCH', target_date: '2026-01-15', invoice_date: '2026-01-15', auto_post: true, trigger: 'MANUAL', requested_by: 'bench' });
      const started = performance.now();
      await queue.enqueue(run.id);
      let done;
      for (;;) {
        [done] = await runsByIds(store, [run.id]);
        if (done?.status === 'COMPLETED') break;
        if (done?.status === 'FAILED') throw new Error(`run failed: ${done.error}`);
        if (performance.now() - started > 600_000) throw new Error(`run not finished after 600 s: ${JSON.stringify(done)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const seconds = (performance.now() - started) / 1000;
      stop();
      const [check] = await store.query<{ lines: number; periods: number; posted: number }>(
        `select (select count(*)::int from invoice_lines where is_active) as lines, (select count(distinct period_id)::int from invoice_lines where is_active) as periods, (select count(*)::int from invoices where status = 'POSTED') as posted`,
      );
      if (check!.lines !== ITEMS || check!.periods !== ITEMS || check!.posted !== done!.invoices_created) throw new Error(`run billed ${JSON.stringify(check)} of ${ITEMS} items`);
      // BENCH_STATEMENTS=1 prints the statements that took the most time in all.
      if (process.env.BENCH_STATEMENTS) console.error([...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8).map(([sql, t]) => `${Math.round(t.ms)} ms ×${t.count} ${sql}`).join('\n'));
      return [
        { metric: `invoice run: ${ITEMS} order items due`, value: seconds, unit: 's', note: 'target < 60 s' },
        { metric: 'lines invoiced per second', value: ITEMS / seconds, unit: 'lines/s' },
        { metric: 'invoices written and posted', value: done!.invoices_created, unit: 'invoices', note: 'one per account and billing day' },
        { metric: 'invoiced total', value: Number(done!.total_amount), unit: 'EUR', note: `exact: ${done!.total_amount}` },
        { metric: 'SQL statements during the run (incl. polling)', value: statements, unit: 'stmts' },
        { metric: `seeding: ${ITEMS / ITEMS_PER_ORDER} orders activated (not timed)`, value: seedSeconds, unit: 's' },
      ];
    } finally {
      stop();
      await worker.close();
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  },
};
