import { recordEvents, type EventInput, type Queryable } from '@l2c/shared';

/**
 * The domain events billing emits, recorded in the shared outbox in the same transaction as the change. Each names
 * the dealer of the business billed, so a partner's subscriptions and webhooks hear of its own invoices and payments
 * only. Amounts are exact decimal strings. The contract every consumer relies on (at least these `changes` keys):
 *
 * - `InvoicePosted` (Invoice): invoiceNumber, accountId, orderIds, totalAmount, currency, invoiceDate, dueDate, postedAt
 * - `PaymentReceived` (Payment): accountId, amount, currency, receivedAt, allocations [{ invoiceId, orderIds, amount }]
 * - `PaymentAllocated` (Payment): invoiceId, orderIds, amount (allocations made after receipt)
 * - `InvoiceOverdue` (Invoice): invoiceNumber, accountId, orderIds, balance, dueDate, daysOverdue
 */
export const BillingEventType = {
  BillingScheduleCreated: 'BillingScheduleCreated',
  BillingScheduleChanged: 'BillingScheduleChanged',
  BillingHoldPlaced: 'BillingHoldPlaced',
  BillingHoldReleased: 'BillingHoldReleased',
  InvoiceRunStarted: 'InvoiceRunStarted',
  InvoiceRunCompleted: 'InvoiceRunCompleted',
  InvoiceRunFailed: 'InvoiceRunFailed',
  InvoicePosted: 'InvoicePosted',
  InvoiceCancelled: 'InvoiceCancelled',
  InvoiceRebilled: 'InvoiceRebilled',
  CreditNoteIssued: 'CreditNoteIssued',
  InvoiceOverdue: 'InvoiceOverdue',
  PaymentReceived: 'PaymentReceived',
  PaymentAllocated: 'PaymentAllocated',
  PaymentUnallocated: 'PaymentUnallocated',
} as const;
export type BillingEventType = (typeof BillingEventType)[keyof typeof BillingEventType];

/** The events a partner's subscriptions and webhooks may receive: its invoices' and payments'. */
export const PARTNER_EVENT_TYPES: readonly BillingEventType[] = [
  BillingEventType.InvoicePosted,
  BillingEventType.InvoiceOverdue,
  BillingEventType.InvoiceCancelled,
  BillingEventType.InvoiceRebilled,
  BillingEventType.CreditNoteIssued,
  BillingEventType.PaymentReceived,
  BillingEventType.PaymentAllocated,
  BillingEventType.PaymentUnallocated,
];

export interface BillingEvent extends EventInput {
  type: BillingEventType;
}

/** The one way billing records events: every command calls this inside its transaction. */
export async function recordBillingEvents(tx: Queryable, events: readonly BillingEvent[]): Promise<void> {
  await recordEvents(tx, events);
}

export const entity = (typename: 'Invoice' | 'Payment' | 'BillingSchedule' | 'InvoiceRun', id: string) => ({ typename, id });
