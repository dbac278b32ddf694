import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { bill, commandContext, openBillingStore, order, partner, OTHER_DEALER, recordedEvents, runInvoices, subscription } from '../testing/fixtures.ts';
import { receivablesAgeing } from './ageing.ts';
import { cancelInvoice } from './invoices.ts';
import { allocatePayment, recordPayment, unallocatePayment } from './payments.ts';
import { invoicesByIds } from '../store/invoices.ts';
import { allocationsByPaymentIds } from '../store/payments.ts';

/** Three posted invoices of 100.00 (January, February, March of a monthly subscription), due 30 days after their date. */
let store: DisposableStore;
let invoices: string[];
let orderId: string;
beforeEach(async () => {
  store = await openBillingStore();
  const activated = order([subscription('2026-01-01', '2026-12-31', '1200.00')]);
  orderId = activated.orderId;
  await bill(store, activated);
  invoices = [];
  for (const day of ['2026-01-01', '2026-02-01', '2026-03-01']) {
    await runInvoices(store, day);
    const [row] = await store.query<{ id: string }>('select id from invoices where invoice_date = $1', [day]);
    invoices.push(row!.id);
  }
});
afterEach(async () => {
  await store.close();
});

const balances = async () => (await invoicesByIds(store, { kind: 'all' }, invoices)).map((i) => i.balance);

describe('payments allocated to invoices', () => {
  it('spreads one payment over three invoices, keeps the over-payment as credit, and unallocates exactly', async () => {
    const ctx = commandContext(store, undefined, new Date('2026-03-15T10:00:00Z'));
    const payment = await recordPayment(ctx, {
      accountId: 'acct-anna',
      amount: '400.00',
      method: 'BANK_TRANSFER',
      reference: 'SEPA 8812',
      allocations: [
        { invoiceId: invoices[0]!, amount: '100.00' },
        { invoiceId: invoices[1]!, amount: '100.00' },
        { invoiceId: invoices[2]!, amount: '50.00' },
      ],
    });
    expect(payment).toMatchObject({ amount: '400.00', allocated_amount: '250.00', unallocated_amount: '150.00', dealer_id: 'dealer-north', payment_date: '2026-03-15' });
    expect(await balances()).toEqual(['0.00', '0.00', '50.00']);
    const [received] = await recordedEvents(store, 'PaymentReceived');
    expect(received!.changes).toMatchObject({ accountId: 'acct-anna', amount: '400.00', currency: 'EUR', unallocated: '150.00' });
    expect(received!.changes['allocations']).toEqual(invoices.map((invoiceId, i) => ({ invoiceId, orderIds: [orderId], amount: i === 2 ? '50.00' : '100.00' })));
    expect(received!.dealer_ids).toEqual(['dealer-north']);

    const second = (await allocationsByPaymentIds(store, [payment.id])).find((a) => a.invoice_id === invoices[1]);
    const afterUnallocation = await unallocatePayment(ctx, second!.id);
    expect(afterUnallocation).toMatchObject({ allocated_amount: '150.00', unallocated_amount: '250.00' });
    expect(await balances()).toEqual(['0.00', '100.00', '50.00']);
    await expect(unallocatePayment(ctx, second!.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'ALREADY_UNALLOCATED' } });

    const settled = await allocatePayment(ctx, payment.id, [
      { invoiceId: invoices[1]!, amount: '100.00' },
      { invoiceId: invoices[2]!, amount: '50.00' },
    ]);
    expect(settled).toMatchObject({ allocated_amount: '300.00', unallocated_amount: '100.00' });
    expect(await balances()).toEqual(['0.00', '0.00', '0.00']);
    expect((await recordedEvents(store, 'PaymentAllocated')).map((e) => e.changes)).toEqual([
      expect.objectContaining({ invoiceId: invoices[1], orderIds: [orderId], amount: '100.00' }),
      expect.objectContaining({ invoiceId: invoices[2], orderIds: [orderId], amount: '50.00' }),
    ]);
    const statuses = (await invoicesByIds(store, { kind: 'all' }, invoices)).map((i) => [i.allocated_amount, i.balance]);
    expect(statuses).toEqual([['100.00', '0.00'], ['100.00', '0.00'], ['100.00', '0.00']]);
  });

  it.each([
    { name: 'more than an invoice owes', amount: '400.00', allocations: (ids: string[]) => [{ invoiceId: ids[0]!, amount: '100.01' }], code: 'CONFLICT', rule: 'ALLOCATION_EXCEEDS_BALANCE' },
    { name: 'more than the payment', amount: '150.00', allocations: (ids: string[]) => [{ invoiceId: ids[0]!, amount: '100.00' }, { invoiceId: ids[1]!, amount: '60.00' }], code: 'CONFLICT', rule: 'ALLOCATION_EXCEEDS_PAYMENT' },
    { name: 'a zero amount', amount: '100.00', allocations: (ids: string[]) => [{ invoiceId: ids[0]!, amount: '0.00' }], code: 'BAD_USER_INPUT', field: 'allocations[0].amount' },
    { name: 'an invoice of another account', amount: '100.00', allocations: () => [{ invoiceId: 'no-such-invoice', amount: '10.00' }], code: 'BAD_USER_INPUT', field: 'allocations[0].invoiceId' },
  ])('refuses allocating $name, and writes nothing', async ({ amount, allocations, code, rule, field }) => {
    const attempt = recordPayment(commandContext(store), { accountId: 'acct-anna', amount, method: 'CHECK', allocations: allocations(invoices) });
    await expect(attempt).rejects.toMatchObject({ code, ...(rule ? { details: expect.objectContaining({ rule }) } : {}), ...(field ? { details: expect.objectContaining({ field }) } : {}) });
    expect(await store.query('select id from payments')).toEqual([]);
    expect(await balances()).toEqual(['100.00', '100.00', '100.00']);
  });

  it('keeps a paid invoice from being cancelled until its payment is unallocated', async () => {
    const ctx = commandContext(store);
    await recordPayment(ctx, { accountId: 'acct-anna', amount: '100.00', method: 'CASH', allocations: [{ invoiceId: invoices[0]!, amount: '100.00' }] });
    await expect(cancelInvoice(ctx, invoices[0]!, 'wrong customer')).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'INVOICE_HAS_PAYMENTS' } });
  });

  it('lets a partner neither record payments nor see another dealer’s', async () => {
    await expect(recordPayment(commandContext(store, partner()), { accountId: 'acct-anna', amount: '10.00', method: 'CASH' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const payment = await recordPayment(commandContext(store), { accountId: 'acct-anna', amount: '10.00', method: 'CASH', allocations: [{ invoiceId: invoices[0]!, amount: '10.00' }] });
    const { paymentsByIds } = await import('../store/payments.ts');
    expect(await paymentsByIds(store, { kind: 'dealer', dealerAccountId: OTHER_DEALER }, [payment.id])).toEqual([]);
    expect(await paymentsByIds(store, { kind: 'dealer', dealerAccountId: 'dealer-north' }, [payment.id])).toHaveLength(1);
  });
});

describe('receivables ageing', () => {
  it.each([
    // January's invoice is 15 days late, February's not yet due, March's not yet issued; the payment is in the future.
    { asOf: '2026-02-15', buckets: { CURRENT: '100.00', DAYS_1_30: '100.00', DAYS_31_60: '0.00', DAYS_61_90: '0.00', DAYS_OVER_90: '0.00' }, total: '200.00', credit: '0.00' },
    // The payment of 15 March settled January; February is 17 days late, March not yet due; 50.00 of it is unapplied.
    { asOf: '2026-03-20', buckets: { CURRENT: '100.00', DAYS_1_30: '100.00', DAYS_31_60: '0.00', DAYS_61_90: '0.00', DAYS_OVER_90: '0.00' }, total: '200.00', credit: '50.00' },
    // February 104 days late, March 76 days late.
    { asOf: '2026-06-15', buckets: { CURRENT: '0.00', DAYS_1_30: '0.00', DAYS_31_60: '0.00', DAYS_61_90: '100.00', DAYS_OVER_90: '100.00' }, total: '200.00', credit: '50.00' },
  ])('on $asOf', async ({ asOf, buckets, total, credit }) => {
    const ctx = commandContext(store, undefined, new Date('2026-03-15T10:00:00Z'));
    await recordPayment(ctx, { accountId: 'acct-anna', amount: '150.00', paymentDate: '2026-03-15', method: 'ACH', allocations: [{ invoiceId: invoices[0]!, amount: '100.00' }] });
    const report = await receivablesAgeing(ctx, asOf);
    expect(report.buckets).toEqual(buckets);
    expect(report.total).toBe(total);
    expect(report.accounts).toEqual([{ accountId: 'acct-anna', buckets, total, unappliedCredit: credit }]);
    // A partner of another dealer sees none of it.
    const other = await receivablesAgeing(commandContext(store, partner(OTHER_DEALER)), asOf);
    expect(other).toMatchObject({ total: '0.00', accounts: [] });
  });
});
