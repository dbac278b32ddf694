import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@l2c/shared';

/**
 * Domain events in exactly the shapes the subgraphs publish (CRM's and CPQ's commands, billing's and warranty's
 * contracts in the brief), at chosen times: tests script a case's life with them and feed them to the log.
 */
export class EventScript {
  readonly events: StoredEvent[] = [];
  #seq = 0;

  constructor(private readonly origin: Date) {}

  /** `hours` after the script's origin. */
  at(hours: number): string {
    return new Date(this.origin.getTime() + hours * 3_600_000).toISOString();
  }

  emit(type: string, entity: [typename: string, id: string], hours: number, changes: Record<string, unknown>, dealerIds: (string | null)[], source = 'test'): StoredEvent {
    const event: StoredEvent = {
      id: `${this.origin.getTime() + hours * 3_600_000}-${this.#seq++}`,
      eventId: randomUUID(),
      type,
      entity: { typename: entity[0], id: entity[1] },
      dealerIds: dealerIds.filter((d): d is string => !!d),
      changes,
      occurredAt: this.at(hours),
      source,
    };
    this.events.push(event);
    return event;
  }

  /** Events in stream order (by the time they were committed, then as emitted), with stream ids in that order. */
  inStreamOrder(): StoredEvent[] {
    const order = new Map(this.events.map((event, i) => [event, i]));
    return [...this.events]
      .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || order.get(a)! - order.get(b)!)
      .map((event, i) => ({ ...event, id: `${Date.parse(event.occurredAt)}-${i}` }));
  }
}

export interface CaseScript {
  dealer: string;
  lead?: string;
  opportunity: string;
  quote?: string;
  orders?: string[];
  contract?: string;
  invoice?: string;
  payment?: string;
}

/** The events of CRM, CPQ and billing for one case, by the commands that record them. */
export function crm(script: EventScript, c: CaseScript) {
  const dealer = [c.dealer];
  return {
    leadCreated: (h: number, sourceChannel: string) => script.emit('LeadCreated', ['Lead', c.lead!], h, { status: 'Open', sourceChannel }, dealer, 'crm'),
    leadQualified: (h: number) => script.emit('LeadStatusChanged', ['Lead', c.lead!], h, { status: { from: 'Contacted', to: 'Qualified' }, statusKind: { from: 'WORKING', to: 'QUALIFIED' } }, dealer, 'crm'),
    /** convertLead records the opportunity first, then the lead's conversion, in one transaction. */
    convert: (h: number, opportunity: { stage: string; amount: string | null; discountPercent: string | null; owner: string; sourceChannel: string }) => {
      script.emit('OpportunityCreated', ['Opportunity', c.opportunity], h, { ...opportunity, leadId: c.lead, accountId: 'acc' }, dealer, 'crm');
      script.emit('LeadConverted', ['Lead', c.lead!], h, { accountId: 'acc', contactId: 'con', opportunityId: c.opportunity }, dealer, 'crm');
    },
    opportunityCreated: (h: number, opportunity: { stage: string; amount: string | null; discountPercent: string | null; owner: string; sourceChannel: string }) =>
      script.emit('OpportunityCreated', ['Opportunity', c.opportunity], h, { ...opportunity, leadId: null, accountId: 'acc' }, dealer, 'crm'),
    stage: (h: number, from: string, to: string) => script.emit('OpportunityStageChanged', ['Opportunity', c.opportunity], h, { stage: { from, to }, probability: 50 }, dealer, 'crm'),
    /** Closing: the stage change and the win (or loss) in one transaction. */
    won: (h: number, from: string, amount: string, discountPercent: string | null, owner: string) => {
      script.emit('OpportunityStageChanged', ['Opportunity', c.opportunity], h, { stage: { from, to: 'Closed Won' }, probability: 100 }, dealer, 'crm');
      script.emit('OpportunityWon', ['Opportunity', c.opportunity], h, { amount, discountPercent, owner }, dealer, 'crm');
    },
    lost: (h: number, from: string, owner: string) => {
      script.emit('OpportunityStageChanged', ['Opportunity', c.opportunity], h, { stage: { from, to: 'Closed Lost' }, probability: 0 }, dealer, 'crm');
      script.emit('OpportunityLost', ['Opportunity', c.opportunity], h, { lossReason: 'Price', amount: null, discountPercent: null, owner }, dealer, 'crm');
    },
  };
}

export function cpq(script: EventScript, c: CaseScript) {
  const dealer = [c.dealer];
  const quote: [string, string] = ['Quote', c.quote!];
  return {
    quoteCreated: (h: number, netAmount: string, family: string) =>
      script.emit('QuoteCreated', quote, h, { number: `Q-${c.quote}`, opportunityId: c.opportunity, isPrimary: true, netAmount, productFamilies: [family] }, dealer, 'cpq'),
    /** submitQuote: approved at once when no approval is needed. */
    submitted: (h: number, approvals: number) => {
      script.emit('QuoteSubmitted', quote, h, { status: { from: 'DRAFT', to: approvals ? 'IN_REVIEW' : 'APPROVED' }, submission: 1, approvals, carriedBySmartApproval: 0 }, dealer, 'cpq');
      if (!approvals) script.emit('QuoteApproved', quote, h, { submission: 1 }, dealer, 'cpq');
    },
    /** The last approver's decision. */
    approved: (h: number) => {
      script.emit('ApprovalApproved', ['Approval', `${c.quote}-a1`], h, { quoteId: c.quote, level: 1, decidedBy: 'approver', asDelegate: false, comment: null }, dealer, 'cpq');
      script.emit('QuoteApproved', quote, h, { status: { from: 'IN_REVIEW', to: 'APPROVED' }, submission: 1 }, dealer, 'cpq');
    },
    /** acceptQuote: the orders first (createOrdersForQuote), then the acceptance, in one transaction. */
    accepted: (h: number, totals: { netAmount: string; listAmount: string; customerDiscountPercent: string; family: string }) => {
      for (const [i, order] of c.orders!.entries()) {
        script.emit('OrderCreated', ['Order', order], h, { quoteId: c.quote, number: `O-${order}`, status: 'DRAFT', shipTo: null, effectiveDate: '2026-01-10', totalAmount: totals.netAmount, part: `${i + 1} of ${c.orders!.length}` }, dealer, 'cpq');
      }
      script.emit('QuoteAccepted', quote, h, {
        status: { from: 'PRESENTED', to: 'ACCEPTED' },
        opportunityId: c.opportunity,
        netAmount: totals.netAmount,
        listAmount: totals.listAmount,
        customerDiscountPercent: totals.customerDiscountPercent,
        productFamilies: [totals.family],
        orderIds: c.orders,
      }, dealer, 'cpq');
    },
    /** activateOrder: status change, activation, and the contract when it is the quote's first. */
    activated: (h: number, order: string, assetIds: string[] = []) => {
      script.emit('OrderStatusChanged', ['Order', order], h, { status: { from: 'DRAFT', to: 'ACTIVATED' } }, dealer, 'cpq');
      script.emit('OrderActivated', ['Order', order], h, { quoteId: c.quote, contractId: c.contract, totalAmount: '1.00', effectiveDate: '2026-01-10', subscriptions: 0, assets: assetIds.length, assetIds }, dealer, 'cpq');
      script.emit('ContractActivated', ['Contract', c.contract!], h, { quoteId: c.quote, accountId: 'acc', startDate: '2026-01-10', endDate: '2027-01-09', termMonths: 12 }, dealer, 'cpq');
    },
  };
}

/** Billing's events as the brief's contracts define them. */
export function billing(script: EventScript, c: CaseScript) {
  const dealer = [c.dealer];
  return {
    invoicePosted: (h: number, totalAmount: string) =>
      script.emit('InvoicePosted', ['Invoice', c.invoice!], h, { invoiceNumber: `INV-${c.invoice}`, accountId: 'acc', orderIds: c.orders, totalAmount, currency: 'EUR', invoiceDate: script.at(h).slice(0, 10), dueDate: '2026-03-01', postedAt: script.at(h) }, dealer, 'billing'),
    paymentReceived: (h: number, amount: string) =>
      script.emit('PaymentReceived', ['Payment', c.payment!], h, { accountId: 'acc', amount, currency: 'EUR', receivedAt: script.at(h), allocations: [{ invoiceId: c.invoice, orderIds: c.orders, amount }] }, dealer, 'billing'),
  };
}
