import { conflict, fromCents, mustCents, notFound, requiredText, type Queryable } from '@l2c/shared';
import { BillingEventType, entity, recordBillingEvents, type BillingEvent } from '../events.ts';
import { insertInvoices, insertLines, invoicesByIds, linesByInvoiceIds, orderIdsByInvoiceIds, setInvoiceStatus, adjustInvoiceAmount } from '../store/invoices.ts';
import type { InvoiceRow } from '../store/rows.ts';
import { nextNumber } from '../store/scope.ts';
import { assertFinance, clock, idSource, today, type CommandContext } from './context.ts';
import { postDrafts } from './postInvoices.ts';

/**
 * An invoice's life: Draft → Posted → Cancelled or Rebilled (a draft may also be cancelled). Cancelling a draft
 * gives its periods back to billing; cancelling a posted invoice issues a credit note for all of it and its periods
 * are not billed again; rebilling issues the credit note and gives the periods back, so the next run bills them anew.
 * A posted invoice with payments allocated to it is not cancelled until they are unallocated.
 */

export async function postInvoice(ctx: CommandContext, id: string): Promise<InvoiceRow> {
  assertFinance(ctx, 'postInvoice');
  return ctx.store.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, ctx, id);
    if (invoice.status !== 'DRAFT') throw conflict(`invoice ${invoice.number} is ${invoice.status}; only a draft is posted`, { rule: 'INVOICE_NOT_DRAFT', status: invoice.status });
    await postDrafts(tx, [id], clock(ctx));
    return (await invoicesByIds(tx, ctx.scope, [id]))[0]!;
  });
}

export async function cancelInvoice(ctx: CommandContext, id: string, reason: string): Promise<InvoiceRow> {
  return endInvoice(ctx, id, reason, 'CANCELLED');
}

export async function rebillInvoice(ctx: CommandContext, id: string, reason: string): Promise<InvoiceRow> {
  return endInvoice(ctx, id, reason, 'REBILLED');
}

async function endInvoice(ctx: CommandContext, id: string, reason: string, outcome: 'CANCELLED' | 'REBILLED'): Promise<InvoiceRow> {
  const action = outcome === 'CANCELLED' ? 'cancelInvoice' : 'rebillInvoice';
  assertFinance(ctx, action);
  const why = requiredText('reason', reason, 500);
  return ctx.store.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, ctx, id);
    if (invoice.kind !== 'INVOICE') throw conflict(`${invoice.number} is a credit note; credit notes are not cancelled`, { rule: 'CREDIT_NOTE' });
    const posted = invoice.status === 'POSTED';
    if (!posted && !(invoice.status === 'DRAFT' && outcome === 'CANCELLED')) {
      throw conflict(`invoice ${invoice.number} is ${invoice.status}; ${outcome === 'CANCELLED' ? 'a draft or posted' : 'only a posted'} invoice is ${outcome === 'CANCELLED' ? 'cancelled' : 'rebilled'}`, { rule: 'INVOICE_STATUS', status: invoice.status });
    }
    if (mustCents(invoice.allocated_amount) !== 0n) {
      throw conflict(`invoice ${invoice.number} has ${invoice.allocated_amount} of payments allocated; unallocate them first`, { rule: 'INVOICE_HAS_PAYMENTS', allocated: invoice.allocated_amount });
    }
    const now = clock(ctx);
    const lines = await linesByInvoiceIds(tx, [id]);
    const periodIds = lines.flatMap((l) => (l.period_id && l.is_active ? [l.period_id] : []));
    await tx.query('update invoice_lines set is_active = false, updated_at = now() where invoice_id = $1', [id]);
    const periodsBack = !posted || outcome === 'REBILLED';
    await tx.query(`update billing_periods set status = $2, updated_at = now() where id = any($1)`, [periodIds, periodsBack ? 'PENDING' : 'CANCELLED']);
    if (periodsBack) await tx.query(`update billing_schedules set status = 'ACTIVE', updated_at = now() where status = 'COMPLETED' and id in (select schedule_id from billing_periods where id = any($1))`, [periodIds]);
    await setInvoiceStatus(tx, id, { status: outcome, cancelled_at: now, cancel_reason: why });
    const orderIds = (await orderIdsByInvoiceIds(tx, [id])).get(id) ?? [];
    const events: BillingEvent[] = [
      { type: outcome === 'CANCELLED' ? BillingEventType.InvoiceCancelled : BillingEventType.InvoiceRebilled, entity: entity('Invoice', id), dealerIds: [invoice.dealer_id], changes: { invoiceNumber: invoice.number, accountId: invoice.account_id, orderIds, status: { from: invoice.status, to: outcome }, reason: why } },
    ];
    if (posted) {
      const note = await issueCreditNote(tx, ctx, invoice, lines, why);
      events.push({ type: BillingEventType.CreditNoteIssued, entity: entity('Invoice', note.id), dealerIds: [invoice.dealer_id], changes: { invoiceNumber: note.number, creditsInvoiceId: id, accountId: invoice.account_id, orderIds, totalAmount: note.total_amount, currency: note.currency, invoiceDate: note.invoice_date } });
    }
    await recordBillingEvents(tx, events);
    return (await invoicesByIds(tx, ctx.scope, [id]))[0]!;
  });
}

/**
 * A posted credit note for the whole invoice, line by line, dated today. It is applied to the invoice at once: the
 * invoice owes nothing more, and the note has nothing left to apply (balance 0 on both).
 */
async function issueCreditNote(tx: Queryable, ctx: CommandContext, invoice: InvoiceRow, lines: Awaited<ReturnType<typeof linesByInvoiceIds>>, reason: string) {
  const newId = idSource(ctx);
  const id = newId();
  const day = today(ctx);
  const total = fromCents(-mustCents(invoice.total_amount));
  await insertInvoices(tx, [
    { id, number: await nextNumber(tx, 'credit_note_numbers', 'CN'), kind: 'CREDIT_NOTE', account_id: invoice.account_id, dealer_id: invoice.dealer_id, billing_day: invoice.billing_day, status: 'POSTED', invoice_date: day, due_date: day, currency: invoice.currency, total_amount: total, credited_amount: total, credits_invoice_id: invoice.id, posted_at: clock(ctx), cancel_reason: reason },
  ]);
  await insertLines(
    tx,
    // The note's lines carry no period: the periods stay with the invoice's lines (given back or cancelled above).
    lines.map(({ created_at: _created, updated_at: _updated, is_active: _active, ...line }) => ({ ...line, id: newId(), invoice_id: id, period_id: null, amount: fromCents(-mustCents(line.amount)) })),
  );
  await adjustInvoiceAmount(tx, invoice.id, 'credited_amount', invoice.total_amount);
  return (await invoicesByIds(tx, { kind: 'all' }, [id]))[0]!;
}

async function lockInvoice(tx: Queryable, ctx: CommandContext, id: string): Promise<InvoiceRow> {
  const [invoice] = await invoicesByIds(tx, ctx.scope, [id], true);
  if (!invoice) throw notFound('Invoice', id, 'id');
  return invoice;
}
