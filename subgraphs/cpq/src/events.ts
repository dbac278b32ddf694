import { recordEvents, type EventInput, type Queryable } from '@l2c/shared';

/**
 * The domain events CPQ emits, recorded in the shared outbox in the same transaction as the change (so nothing is
 * published that did not commit). Each names the dealers whose partner apps may hear of it: the quote's or order's
 * dealer. Notification services key on these types: an `ApprovalRequested` names the approver or group asked.
 */
export const CpqEventType = {
  ProductChanged: 'ProductChanged',
  PriceChanged: 'PriceChanged',
  InventoryChanged: 'InventoryChanged',
  QuoteCreated: 'QuoteCreated',
  QuoteChanged: 'QuoteChanged',
  QuotePrimaryChanged: 'QuotePrimaryChanged',
  QuoteSubmitted: 'QuoteSubmitted',
  ApprovalRequested: 'ApprovalRequested',
  ApprovalApproved: 'ApprovalApproved',
  ApprovalRejected: 'ApprovalRejected',
  ApprovalReassigned: 'ApprovalReassigned',
  QuoteApproved: 'QuoteApproved',
  QuoteRejected: 'QuoteRejected',
  QuoteRecalled: 'QuoteRecalled',
  QuotePresented: 'QuotePresented',
  QuoteAccepted: 'QuoteAccepted',
  QuoteDenied: 'QuoteDenied',
  OrderCreated: 'OrderCreated',
  OrderAmended: 'OrderAmended',
  OrderActivated: 'OrderActivated',
  OrderStatusChanged: 'OrderStatusChanged',
  ContractActivated: 'ContractActivated',
  ContractExtended: 'ContractExtended',
  ApproverDelegationChanged: 'ApproverDelegationChanged',
  ApproverReplaced: 'ApproverReplaced',
  ApprovalRuleChanged: 'ApprovalRuleChanged',
} as const;
export type CpqEventType = (typeof CpqEventType)[keyof typeof CpqEventType];

export interface CpqEvent extends EventInput {
  type: CpqEventType;
}

/** The one way CPQ records events: every command calls this inside its transaction. */
export async function recordCpqEvents(tx: Queryable, events: readonly CpqEvent[]): Promise<void> {
  await recordEvents(tx, events);
}

/** The entity an event is about, as the graph knows it. */
export const entity = (typename: 'Quote' | 'Approval' | 'Order' | 'Contract' | 'Product' | 'PriceBookEntry' | 'InventoryItem' | 'Approver' | 'ApprovalRule', id: string) => ({ typename, id });
