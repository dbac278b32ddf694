import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { bill, billedPeriods, commandContext, openBillingStore, order, runInvoices, subscription } from '../testing/fixtures.ts';
import { overrideNextBillingDate, placeBillingHold, releaseBillingHold } from './schedules.ts';

/**
 * The time rules against a real store and real invoice runs: what each run bills, period by period. A twelve-month
 * subscription of 1,200.00 from 1 January bills 100.00 on the first of every month.
 */
let store: DisposableStore;
beforeEach(async () => {
  store = await openBillingStore();
});
afterEach(async () => {
  await store.close();
});

type Step = { hold: string } | { release: true } | { override: string | null } | { run: string; bills: string[] };

describe('billing holds and next-billing-date overrides', () => {
  it.each<{ name: string; steps: Step[] }>([
    {
      name: 'held periods are not invoiced, then invoiced once when released (nothing lost, nothing doubled)',
      steps: [
        { run: '2026-01-05', bills: ['2026-01-01'] },
        { hold: 'credit check pending' },
        { run: '2026-02-05', bills: [] },
        { run: '2026-03-05', bills: [] },
        { release: true },
        { run: '2026-03-05', bills: ['2026-02-01', '2026-03-01'] },
        { run: '2026-03-05', bills: [] },
        { run: '2026-04-01', bills: ['2026-04-01'] },
      ],
    },
    {
      name: 'a hold placed before anything is billed holds the first period too',
      steps: [{ hold: 'awaiting purchase order' }, { run: '2026-01-31', bills: [] }, { release: true }, { run: '2026-01-31', bills: ['2026-01-01'] }],
    },
    {
      name: 'an override moves the next period later; the periods after it keep their dates',
      steps: [
        { run: '2026-01-01', bills: ['2026-01-01'] },
        { override: '2026-02-20' },
        { run: '2026-02-01', bills: [] },
        { run: '2026-02-19', bills: [] },
        { run: '2026-02-20', bills: ['2026-02-01'] },
        { run: '2026-03-01', bills: ['2026-03-01'] },
      ],
    },
    {
      name: 'an override moves the next period earlier',
      steps: [{ run: '2026-01-01', bills: ['2026-01-01'] }, { override: '2026-01-15' }, { run: '2026-01-15', bills: ['2026-02-01'] }, { run: '2026-02-01', bills: [] }, { run: '2026-03-01', bills: ['2026-03-01'] }],
    },
    {
      name: 'clearing the override puts the period back on its planned date',
      steps: [{ override: '2026-01-25' }, { override: null }, { run: '2026-01-01', bills: ['2026-01-01'] }],
    },
    {
      name: 'an override on a held schedule waits for the release',
      steps: [{ hold: 'dispute' }, { override: '2026-01-10' }, { run: '2026-01-10', bills: [] }, { release: true }, { run: '2026-01-10', bills: ['2026-01-01'] }],
    },
  ])('$name', async ({ steps }) => {
    const [schedule] = await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00')]));
    const ctx = commandContext(store);
    let billed = 0;
    for (const step of steps) {
      if ('hold' in step) await placeBillingHold(ctx, schedule!.id, step.hold);
      else if ('release' in step) await releaseBillingHold(ctx, schedule!.id);
      else if ('override' in step) await overrideNextBillingDate(ctx, schedule!.id, step.override);
      else {
        await runInvoices(store, step.run);
        const periods = await billedPeriods(store, schedule!.id);
        expect(periods.slice(billed).map(([start]) => start), `run on ${step.run}`).toEqual(step.bills);
        expect(periods.slice(billed).every(([, amount]) => amount === '100.00')).toBe(true);
        billed = periods.length;
      }
    }
    const [counts] = await store.query<{ lines: number; periods: number }>(
      'select count(*)::int as lines, count(distinct period_id)::int as periods from invoice_lines where schedule_id = $1 and is_active',
      [schedule!.id],
    );
    expect(counts!.lines).toBe(counts!.periods);
  });

  it.each([
    { name: 'past the following period’s billing date', date: '2026-03-02', code: 'BAD_USER_INPUT', message: /following period's billing date 2026-03-01/ },
    { name: 'not a date', date: '2026-02-30', code: 'BAD_USER_INPUT', message: /date: must be a calendar date/ },
  ])('refuses an override $name', async ({ date, code, message }) => {
    const [schedule] = await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00')]));
    await runInvoices(store, '2026-01-01');
    const attempt = overrideNextBillingDate(commandContext(store), schedule!.id, date);
    await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('refuses a second hold and a release without one, naming the rule', async () => {
    const [schedule] = await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00')]));
    const ctx = commandContext(store);
    await expect(releaseBillingHold(ctx, schedule!.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'NOT_ON_HOLD' } });
    await placeBillingHold(ctx, schedule!.id, 'dispute');
    await expect(placeBillingHold(ctx, schedule!.id, 'again')).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'ALREADY_ON_HOLD' } });
  });
});

describe('alignment of amendments', () => {
  it('an order amending a billed contract bills on the original’s cycle, on the same invoice', async () => {
    const first = order([subscription('2026-01-10', '2027-01-09', '1200.00')]);
    await bill(store, first);
    await runInvoices(store, '2026-01-10');
    const amendment = order([subscription('2026-03-25', '2027-01-09', '48.00')], { contractId: first.contractId, accountId: first.accountId });
    const [aligned] = await bill(store, amendment);
    expect(aligned).toMatchObject({ billing_day: 10, anchor_date: '2026-01-10' });
    expect(aligned!.aligned_to_id).not.toBeNull();
    await runInvoices(store, '2026-04-10');
    const invoices = await store.query<{ number: string; orders: string[]; total_amount: string }>(
      `select i.number, array_agg(distinct l.order_id order by l.order_id) as orders, i.total_amount from invoices i join invoice_lines l on l.invoice_id = i.id where i.invoice_date = '2026-04-10' group by i.id`,
    );
    // Feb, Mar and Apr of the original (100.00 each; Feb and Mar were due since) and the amendment's 16/31 of a month plus April.
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.orders.sort()).toEqual([first.orderId, amendment.orderId].sort());
    expect(await billedPeriods(store, aligned!.id)).toEqual([
      ['2026-03-25', '2.60'],
      ['2026-04-10', '5.05'], // running total 48 × 47/295 = 7.65
    ]);
    expect(invoices[0]!.total_amount).toBe('307.65');
  });

  it('with alignment off the amendment bills on its own start day', async () => {
    const first = order([subscription('2026-01-10', '2027-01-09', '1200.00')]);
    await bill(store, first);
    const { billActivatedOrder } = await import('./billOrder.ts');
    const outcome = await billActivatedOrder({ store, settings: { currency: 'EUR', paymentTermDays: 30, alignAmendments: false } }, 'event-x', order([subscription('2026-03-25', '2027-01-09', '48.00')], { contractId: first.contractId }));
    expect(outcome.applied && outcome.schedules[0]).toMatchObject({ billing_day: 25, aligned_to_id: null });
  });
});
