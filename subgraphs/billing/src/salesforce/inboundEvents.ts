import type { InboundWrites, Queryable } from '@l2c/shared';
import { BillingEventType, entity, recordBillingEvents } from '../events.ts';
import { PAYMENT_COLUMNS } from '../store/payments.ts';
import type { PaymentRow } from '../store/rows.ts';

/**
 * A payment recorded in Salesforce is money received like one recorded here: its `PaymentReceived` is recorded in the
 * transaction that writes it, unallocated (allocation happens here). Its dealer is not known yet, so only internal
 * subscribers hear of it until it is allocated.
 */
export async function recordInboundPayments(tx: Queryable, written: InboundWrites): Promise<void> {
  if (written.inserted.length === 0) return;
  const payments = await tx.query<PaymentRow>(`select ${PAYMENT_COLUMNS} from payments p where p.id = any($1) and p.status = 'PROCESSED'`, [written.inserted]);
  await recordBillingEvents(
    tx,
    payments.map((p) => ({
      type: BillingEventType.PaymentReceived,
      entity: entity('Payment', p.id),
      dealerIds: [p.dealer_id],
      changes: { accountId: p.account_id, amount: p.amount, currency: p.currency, receivedAt: p.received_at.toISOString(), paymentDate: p.payment_date, method: p.method, allocations: [], unallocated: p.unallocated_amount, source: 'salesforce' },
    })),
  );
}
