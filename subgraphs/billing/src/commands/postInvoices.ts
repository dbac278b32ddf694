import type { Queryable } from '@l2c/shared';
import { BillingEventType, entity, recordBillingEvents } from '../events.ts';
import { INVOICE_COLUMNS, orderIdsByInvoiceIds } from '../store/invoices.ts';
import type { InvoiceRow } from '../store/rows.ts';

/**
 * Posts draft invoices: Draft → Posted, with an `InvoicePosted` event each, in the caller's transaction. Only drafts
 * change (a second call for the same invoices posts nothing and announces nothing), so posting is safe to repeat.
 */
export async function postDrafts(tx: Queryable, ids: readonly string[], now: Date): Promise<InvoiceRow[]> {
  if (ids.length === 0) return [];
  const posted = await tx.query<InvoiceRow>(
    `update invoices i set status = 'POSTED', posted_at = $2, updated_at = now() where i.id = any($1) and i.status = 'DRAFT' returning ${INVOICE_COLUMNS}`,
    [ids, now],
  );
  const orders = await orderIdsByInvoiceIds(tx, posted.map((i) => i.id));
  await recordBillingEvents(
    tx,
    posted.map((invoice) => ({
      type: BillingEventType.InvoicePosted,
      entity: entity('Invoice', invoice.id),
      dealerIds: [invoice.dealer_id],
      changes: {
        invoiceNumber: invoice.number,
        accountId: invoice.account_id,
        orderIds: orders.get(invoice.id) ?? [],
        totalAmount: invoice.total_amount,
        currency: invoice.currency,
        invoiceDate: invoice.invoice_date,
        dueDate: invoice.due_date,
        postedAt: now.toISOString(),
        runId: invoice.run_id,
      },
    })),
  );
  return posted;
}
