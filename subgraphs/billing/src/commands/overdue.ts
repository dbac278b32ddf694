import { isoDate, type Queryable, type Store } from '@l2c/shared';
import { daysBetween } from '../domain/calendar.ts';
import { BillingEventType, entity, recordBillingEvents } from '../events.ts';
import { INVOICE_COLUMNS, orderIdsByInvoiceIds } from '../store/invoices.ts';
import type { InvoiceRow } from '../store/rows.ts';

/**
 * Announces posted invoices that are past their due date with something still owed: one `InvoiceOverdue` per
 * invoice, ever (the invoice remembers it was announced, in the same transaction as the event). Returns how many.
 */
export async function flagOverdue(store: Store, now: Date, asOf = isoDate(now)): Promise<number> {
  return store.transaction(async (tx) => (await flagOverdueIn(tx, asOf, now)).length);
}

export async function flagOverdueIn(tx: Queryable, asOf: string, now: Date): Promise<InvoiceRow[]> {
  const overdue = await tx.query<InvoiceRow>(
    `update invoices i set overdue_notified_at = $2, updated_at = now()
     where i.kind = 'INVOICE' and i.status = 'POSTED' and i.due_date < $1::date and i.overdue_notified_at is null and i.total_amount - i.allocated_amount - i.credited_amount > 0
     returning ${INVOICE_COLUMNS}`,
    [asOf, now],
  );
  const orders = await orderIdsByInvoiceIds(tx, overdue.map((i) => i.id));
  await recordBillingEvents(
    tx,
    overdue.map((invoice) => ({
      type: BillingEventType.InvoiceOverdue,
      entity: entity('Invoice', invoice.id),
      dealerIds: [invoice.dealer_id],
      changes: { invoiceNumber: invoice.number, accountId: invoice.account_id, orderIds: orders.get(invoice.id) ?? [], balance: invoice.balance, currency: invoice.currency, dueDate: invoice.due_date, daysOverdue: daysBetween(invoice.due_date, asOf) },
    })),
  );
  return overdue;
}
