import { badInput, conflict, dateValue, decimalValue, fromCents, mustCents, notFound, optionalText, SqlParams, type Queryable } from '@l2c/shared';
import { checkAllocations, type AllocationRequest } from '../domain/allocation.ts';
import { BillingEventType, entity, recordBillingEvents, type BillingEvent } from '../events.ts';
import { adjustInvoiceAmount, INVOICE_COLUMNS, orderIdsByInvoiceIds } from '../store/invoices.ts';
import { adjustPaymentAllocated, allocationsByIds, insertAllocations, insertPayment, paymentsByIds } from '../store/payments.ts';
import type { AllocationRow, InvoiceRow, PaymentMethod, PaymentRow } from '../store/rows.ts';
import { and, dealerOwned, nextNumber } from '../store/scope.ts';
import { assertFinance, clock, idSource, today, type CommandContext } from './context.ts';

/**
 * Payments and their allocation to invoices. A payment belongs to a customer account and to the dealer whose business
 * it pays (the dealer of the invoices it is allocated to, or the one named); it may be spread over several invoices
 * of that account, in part or in full, and what is not allocated stays on it as credit for later allocations. An
 * unallocation reverses one allocation exactly, and the invoice owes that amount again.
 */

export interface RecordPaymentInput {
  accountId: string;
  amount: string;
  /** Default today. */
  paymentDate?: string | null;
  method: PaymentMethod;
  reference?: string | null;
  /** The dealer whose business the payment settles, when it is not allocated at once. */
  dealerId?: string | null;
  allocations?: readonly AllocationRequest[] | null;
}

export async function recordPayment(ctx: CommandContext, input: RecordPaymentInput): Promise<PaymentRow> {
  assertFinance(ctx, 'recordPayment');
  const amount = decimalValue('amount', input.amount, { scale: 2, min: 0.01 });
  const paymentDate = input.paymentDate ? dateValue('paymentDate', input.paymentDate) : today(ctx);
  const reference = optionalText('reference', input.reference, 200) ?? null;
  const requests = input.allocations ?? [];
  return ctx.store.transaction(async (tx) => {
    const invoices = await lockAccountInvoices(tx, ctx, input.accountId, requests, 'allocations');
    const dealers = new Set([...invoices.values()].map((i) => i.dealer_id));
    if (dealers.size > 1) throw badInput('allocations', requests.map((r) => r.invoiceId), 'must be invoices of one dealer (a payment settles one dealer’s business)');
    const invoiceDealer = dealers.size === 1 ? [...dealers][0]! : undefined;
    if (invoiceDealer !== undefined && input.dealerId && input.dealerId !== invoiceDealer) throw badInput('dealerId', input.dealerId, `must be the dealer of the invoices allocated to (${invoiceDealer ?? 'none'})`);
    const dealerId = invoiceDealer !== undefined ? invoiceDealer : (input.dealerId ?? null);
    const cents = checkAllocations(requests, amount, new Map([...invoices].map(([id, i]) => [id, { id, invoiceNumber: i.number, status: i.status, balance: i.balance }])));
    const id = idSource(ctx)();
    const allocated = fromCents([...cents.values()].reduce((sum, c) => sum + c, 0n));
    await insertPayment(tx, { id, number: await nextNumber(tx, 'payment_numbers', 'PAY'), account_id: input.accountId, dealer_id: dealerId, amount, currency: ctx.settings.currency, payment_date: paymentDate, method: input.method, reference, allocated_amount: allocated, received_at: clock(ctx), recorded_by: ctx.identity.subject });
    const rows = await allocate(tx, ctx, id, cents, paymentDate);
    const orders = await orderIdsByInvoiceIds(tx, [...cents.keys()]);
    await recordBillingEvents(tx, [
      {
        type: BillingEventType.PaymentReceived,
        entity: entity('Payment', id),
        dealerIds: [dealerId],
        changes: {
          accountId: input.accountId,
          amount: fromCents(mustCents(amount)),
          currency: ctx.settings.currency,
          receivedAt: clock(ctx).toISOString(),
          paymentDate,
          method: input.method,
          allocations: rows.map((a) => ({ invoiceId: a.invoice_id, orderIds: orders.get(a.invoice_id) ?? [], amount: a.amount })),
          unallocated: fromCents(mustCents(amount) - mustCents(allocated)),
        },
      },
    ]);
    return (await paymentsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

/** Allocates more of a payment's unallocated amount to invoices of its account (and dealer). */
export async function allocatePayment(ctx: CommandContext, paymentId: string, requests: readonly AllocationRequest[]): Promise<PaymentRow> {
  assertFinance(ctx, 'allocatePayment');
  if (requests.length === 0) throw badInput('allocations', requests, 'must name at least one invoice');
  return ctx.store.transaction(async (tx) => {
    const payment = await lockPayment(tx, ctx, paymentId);
    const invoices = await lockAccountInvoices(tx, ctx, payment.account_id, requests, 'allocations');
    for (const [i, request] of requests.entries()) {
      const invoice = invoices.get(request.invoiceId);
      if (invoice && payment.dealer_id !== null && invoice.dealer_id !== payment.dealer_id) throw badInput(`allocations[${i}].invoiceId`, request.invoiceId, `must be an invoice of the payment's dealer ${payment.dealer_id}`);
    }
    const cents = checkAllocations(requests, payment.unallocated_amount, new Map([...invoices].map(([id, i]) => [id, { id, invoiceNumber: i.number, status: i.status, balance: i.balance }])));
    if (payment.dealer_id === null) {
      const dealer = [...invoices.values()][0]?.dealer_id ?? null;
      await tx.query('update payments set dealer_id = $2 where id = $1', [paymentId, dealer]);
    }
    const rows = await allocate(tx, ctx, paymentId, cents, today(ctx));
    await adjustPaymentAllocated(tx, paymentId, fromCents([...cents.values()].reduce((s, c) => s + c, 0n)));
    const orders = await orderIdsByInvoiceIds(tx, [...cents.keys()]);
    const dealerIds = [payment.dealer_id ?? [...invoices.values()][0]?.dealer_id ?? null];
    await recordBillingEvents(tx, rows.map((a): BillingEvent => ({ type: BillingEventType.PaymentAllocated, entity: entity('Payment', paymentId), dealerIds, changes: { allocationId: a.id, invoiceId: a.invoice_id, orderIds: orders.get(a.invoice_id) ?? [], amount: a.amount } })));
    return (await paymentsByIds(tx, ctx.scope, [paymentId]))[0]!;
  });
}

/** Reverses one allocation: the payment gets the amount back as unallocated credit, the invoice owes it again. */
export async function unallocatePayment(ctx: CommandContext, allocationId: string): Promise<PaymentRow> {
  assertFinance(ctx, 'unallocatePayment');
  return ctx.store.transaction(async (tx) => {
    const [allocation] = await allocationsByIds(tx, [allocationId], true);
    if (!allocation) throw notFound('PaymentAllocation', allocationId, 'allocationId');
    const payment = await lockPayment(tx, ctx, allocation.payment_id);
    if (allocation.type !== 'ALLOCATION') throw conflict(`allocation ${allocationId} is itself an unallocation`, { rule: 'NOT_AN_ALLOCATION' });
    if (allocation.reversed) throw conflict(`allocation ${allocationId} has already been unallocated`, { rule: 'ALREADY_UNALLOCATED' });
    const id = idSource(ctx)();
    await insertAllocations(tx, [{ id, payment_id: payment.id, invoice_id: allocation.invoice_id, type: 'UNALLOCATION', amount: allocation.amount, reverses_id: allocation.id, allocation_date: today(ctx), created_by: ctx.identity.subject }]);
    await adjustInvoiceAmount(tx, allocation.invoice_id, 'allocated_amount', `-${allocation.amount}`);
    await adjustPaymentAllocated(tx, payment.id, `-${allocation.amount}`);
    const orders = await orderIdsByInvoiceIds(tx, [allocation.invoice_id]);
    await recordBillingEvents(tx, [{ type: BillingEventType.PaymentUnallocated, entity: entity('Payment', payment.id), dealerIds: [payment.dealer_id], changes: { allocationId, invoiceId: allocation.invoice_id, orderIds: orders.get(allocation.invoice_id) ?? [], amount: allocation.amount } }]);
    return (await paymentsByIds(tx, ctx.scope, [payment.id]))[0]!;
  });
}

async function allocate(tx: Queryable, ctx: CommandContext, paymentId: string, cents: ReadonlyMap<string, bigint>, day: string): Promise<AllocationRow[]> {
  const newId = idSource(ctx);
  const rows = [...cents].map(([invoiceId, amount]) => ({ id: newId(), payment_id: paymentId, invoice_id: invoiceId, type: 'ALLOCATION' as const, amount: fromCents(amount), reverses_id: null, allocation_date: day, created_by: ctx.identity.subject }));
  if (rows.length === 0) return [];
  await insertAllocations(tx, rows);
  for (const row of rows) await adjustInvoiceAmount(tx, row.invoice_id, 'allocated_amount', row.amount);
  return allocationsByIds(tx, rows.map((r) => r.id));
}

async function lockPayment(tx: Queryable, ctx: CommandContext, id: string): Promise<PaymentRow> {
  const [payment] = await paymentsByIds(tx, ctx.scope, [id], true);
  if (!payment) throw notFound('Payment', id, 'paymentId');
  if (payment.status !== 'PROCESSED') throw conflict(`payment ${payment.number} is ${payment.status}`, { rule: 'PAYMENT_NOT_PROCESSED' });
  return payment;
}

/** The named invoices of the account that the caller may see, locked; others are left out (and refused by the allocation check). */
async function lockAccountInvoices(tx: Queryable, ctx: CommandContext, accountId: string, requests: readonly AllocationRequest[], field: string): Promise<Map<string, InvoiceRow>> {
  if (requests.length === 0) return new Map();
  const p = new SqlParams();
  const where = and([`i.id = any(${p.add(requests.map((r) => r.invoiceId))})`, `i.account_id = ${p.add(accountId)}`, `i.kind = 'INVOICE'`, dealerOwned(ctx.scope, 'i.dealer_id', p.add)]);
  const rows = await tx.query<InvoiceRow>(`select ${INVOICE_COLUMNS} from invoices i where ${where.join(' and ')} order by i.id for update`, p.values);
  if (rows.some((r) => r.currency !== ctx.settings.currency)) throw badInput(field, requests, `must be invoices in ${ctx.settings.currency}`);
  return new Map(rows.map((r) => [r.id, r]));
}
