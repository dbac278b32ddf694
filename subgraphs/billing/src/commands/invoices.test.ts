import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { bill, billedPeriods, commandContext, openBillingStore, order, recordedEvents, runInvoices, subscription } from '../testing/fixtures.ts';
import { invoicesByIds } from '../store/invoices.ts';
import { cancelInvoice, postInvoice, rebillInvoice } from './invoices.ts';
import { flagOverdue } from './overdue.ts';
import { recordPayment } from './payments.ts';
import { recordUsage } from './schedules.ts';

let store: DisposableStore;
beforeEach(async () => {
  store = await openBillingStore();
});
afterEach(async () => {
  await store.close();
});

const invoiceOn = async (day: string) => (await store.query<{ id: string }>(`select id from invoices where kind = 'INVOICE' and invoice_date = $1 order by created_at`, [day])).map((r) => r.id);

describe('an invoice’s life', () => {
  it('a cancelled draft gives its periods back: the next run bills them again, once', async () => {
    const [schedule] = await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00')]));
    await runInvoices(store, '2026-02-01', { autoPost: false });
    const [draft] = await invoiceOn('2026-02-01');
    await cancelInvoice(commandContext(store), draft!, 'wrong billing address');
    expect(await billedPeriods(store, schedule!.id)).toEqual([]);
    await runInvoices(store, '2026-02-01');
    expect(await billedPeriods(store, schedule!.id)).toEqual([['2026-01-01', '100.00'], ['2026-02-01', '100.00']]);
    expect((await invoicesByIds(store, { kind: 'all' }, [draft!]))[0]).toMatchObject({ status: 'CANCELLED', cancel_reason: 'wrong billing address' });
  });

  it('rebilling a posted invoice credits it in full and bills its periods anew; cancelling one credits it and bills them never again', async () => {
    const [schedule] = await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00')]));
    await runInvoices(store, '2026-01-01');
    const [first] = await invoiceOn('2026-01-01');
    const ctx = commandContext(store, undefined, new Date('2026-01-05T10:00:00Z'));
    const rebilled = await rebillInvoice(ctx, first!, 'price changed');
    expect(rebilled).toMatchObject({ status: 'REBILLED', credited_amount: '100.00', balance: '0.00' });
    const [note] = await store.query<{ number: string; total_amount: string; status: string; credits_invoice_id: string; balance: string }>(
      `select number, total_amount, status, credits_invoice_id, (total_amount - allocated_amount - credited_amount)::text as balance from invoices where kind = 'CREDIT_NOTE'`,
    );
    expect(note).toMatchObject({ number: expect.stringMatching(/^CN-\d{6}$/), total_amount: '-100.00', status: 'POSTED', credits_invoice_id: first, balance: '0.00' });
    await runInvoices(store, '2026-01-06');
    const [second] = await invoiceOn('2026-01-06');
    expect(await billedPeriods(store, schedule!.id)).toEqual([['2026-01-01', '100.00']]);

    const cancelled = await cancelInvoice(ctx, second!, 'customer withdrew');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', balance: '0.00' });
    await runInvoices(store, '2026-01-31');
    expect(await billedPeriods(store, schedule!.id)).toEqual([]);
    expect((await recordedEvents(store)).map((e) => e.type).filter((t) => ['InvoiceRebilled', 'InvoiceCancelled', 'CreditNoteIssued'].includes(t))).toEqual(['InvoiceRebilled', 'CreditNoteIssued', 'InvoiceCancelled', 'CreditNoteIssued']);
  });

  it.each([
    { name: 'posting a posted invoice', act: (id: string) => postInvoice(commandContext(store), id), rule: 'INVOICE_NOT_DRAFT' },
    { name: 'rebilling a draft', act: (id: string) => rebillInvoice(commandContext(store), id, 'x'), rule: 'INVOICE_STATUS', draft: true },
  ])('refuses $name', async ({ act, rule, draft }) => {
    await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00')]));
    await runInvoices(store, '2026-01-01', { autoPost: !draft });
    const [id] = await invoiceOn('2026-01-01');
    await expect(act(id!)).rejects.toMatchObject({ code: 'CONFLICT', details: expect.objectContaining({ rule }) });
  });
});

describe('overdue invoices', () => {
  it('are announced once, with what is still owed and how late; paid ones are not', async () => {
    await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00')]));
    await runInvoices(store, '2026-01-01');
    const [january] = await invoiceOn('2026-01-01');
    await recordPayment(commandContext(store), { accountId: 'acct-anna', amount: '40.00', method: 'CASH', allocations: [{ invoiceId: january!, amount: '40.00' }] });
    expect(await flagOverdue(store, new Date('2026-01-31T12:00:00Z'))).toBe(0); // due today is not late yet
    // Each run ends by announcing what is overdue on its day: January, a day late, 60.00 still owed.
    await runInvoices(store, '2026-02-01');
    const [february] = await invoiceOn('2026-02-01');
    await recordPayment(commandContext(store), { accountId: 'acct-anna', amount: '100.00', method: 'CASH', allocations: [{ invoiceId: february!, amount: '100.00' }] });
    expect(await flagOverdue(store, new Date('2026-03-10T12:00:00Z'))).toBe(0); // January told already, February paid
    const events = await recordedEvents(store, 'InvoiceOverdue');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entity_id: january, dealer_ids: ['dealer-north'] });
    expect(events[0]!.changes).toMatchObject({ balance: '60.00', dueDate: '2026-01-31', daysOverdue: 1, orderIds: [expect.any(String)], accountId: 'acct-anna' });
  });
});

describe('usage charges', () => {
  it('bill in arrears what was used in each period, at the unit price, half-up to the cent', async () => {
    const [schedule] = await bill(store, order([subscription('2026-01-01', '2026-03-31', '0.00', { chargeType: 'USAGE', unitPrice: '0.015', productCode: 'DATA-GB', productName: 'Fleet data (per MB)' })]));
    expect(schedule).toMatchObject({ timing: 'ARREARS', frequency: 'MONTHLY' });
    const ctx = commandContext(store);
    await recordUsage(ctx, schedule!.id, { usageDate: '2026-01-10', quantity: '1000.5' });
    await recordUsage(ctx, schedule!.id, { usageDate: '2026-01-31', quantity: '0.5' });
    await recordUsage(ctx, schedule!.id, { usageDate: '2026-02-03', quantity: '7' });
    await runInvoices(store, '2026-01-31');
    expect(await billedPeriods(store, schedule!.id)).toEqual([]);
    await runInvoices(store, '2026-02-01');
    // 1,001 units × 0.015 = 15.015 → 15.02
    expect(await billedPeriods(store, schedule!.id)).toEqual([['2026-01-01', '15.02']]);
    await expect(recordUsage(ctx, schedule!.id, { usageDate: '2026-01-20', quantity: '1' })).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'PERIOD_INVOICED', field: 'usageDate' } });
    await expect(recordUsage(ctx, schedule!.id, { usageDate: '2026-04-01', quantity: '1' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'usageDate' } });
    await runInvoices(store, '2026-03-01');
    expect((await billedPeriods(store, schedule!.id)).at(-1)).toEqual(['2026-02-01', '0.11']);
  });
});
