import type { StoredEvent } from '@l2c/shared';
import type { Activity } from './activities.ts';
import { allocations, changedFrom, changedTo, decimal, instant, integer, text, texts, type Changes } from './eventFacts.ts';
import { naturalKey, type EventAttributes, type LogEntry, type ObjectLink, type ObjectRef, type ObjectType } from './logEntry.ts';

/**
 * Turns one domain event from the stream into the log entry it stands for, or null when it is not a lead-to-cash
 * activity (a price change, a webhook's own event). Pure: the same event always gives the same entry, with the
 * domain event's id, so reading an event twice logs it once. Objects and the links between them come from the event
 * itself (an order's quote, a payment's invoices); attributes are what the event says, never looked up.
 */
export function mapEvent(event: StoredEvent): LogEntry | null {
  const handler = HANDLERS[event.type];
  if (!handler) return null;
  const draft = handler(event.changes ?? {}, event.entity.id);
  if (!draft) return null;
  const at = draft.at ?? Date.parse(event.occurredAt);
  if (Number.isNaN(at)) return null;
  return {
    id: event.eventId,
    activity: draft.activity,
    at,
    qualifier: draft.qualifier ?? null,
    dealerId: event.dealerIds?.find((id) => typeof id === 'string' && id !== '') ?? null,
    attributes: withoutNulls(draft.attributes ?? {}),
    objects: dedupeObjects(draft.objects),
    links: draft.links ?? [],
    naturalKey: draft.key === undefined ? null : draft.key,
    origin: 'stream',
    streamId: event.id,
    source: event.source,
  };
}

/** The event types mapping reads, for documentation and tests. */
export function mappedEventTypes(): string[] {
  return Object.keys(HANDLERS).sort();
}

interface Draft {
  activity: Activity;
  /** A business time the event carries (when an invoice was posted); default: when the change was committed. */
  at?: number | null;
  qualifier?: string | null;
  attributes?: Record<string, string | number | boolean | null>;
  objects: ObjectRef[];
  links?: ObjectLink[];
  key?: string | null;
}

type Handler = (changes: Changes, id: string) => Draft | null;

const ref = (type: ObjectType, id: string, qualifier: string): ObjectRef => ({ id, type, qualifier });
const link = (childType: ObjectType, childId: string, parentType: ObjectType, parentId: string, qualifier: string): ObjectLink => ({ childId, childType, parentId, parentType, qualifier });

const LEAD_STATUS_ACTIVITIES: Record<string, Activity> = { QUALIFIED: 'Lead Qualified', UNQUALIFIED: 'Lead Disqualified', NURTURE: 'Lead Nurtured' };
const CLAIM_STATUS_ACTIVITIES: Record<string, Activity> = {
  SUBMITTED: 'Claim Submitted',
  APPROVED: 'Claim Approved',
  ACCEPTED: 'Claim Approved',
  REJECTED: 'Claim Rejected',
  DENIED: 'Claim Rejected',
  PAID: 'Claim Paid',
};

const HANDLERS: Record<string, Handler> = {
  // CRM
  LeadCreated: (c, id) => ({
    activity: 'Lead Created',
    attributes: { segment: text(c, 'sourceChannel'), leadStatus: text(c, 'status') },
    objects: [ref('Lead', id, 'lead')],
    key: naturalKey('Lead Created', id),
  }),
  LeadStatusChanged: (c, id) => {
    const activity = LEAD_STATUS_ACTIVITIES[changedTo(c, 'statusKind') ?? ''];
    if (!activity) return null;
    return { activity, qualifier: changedTo(c, 'status'), attributes: { leadStatus: changedTo(c, 'status') }, objects: [ref('Lead', id, 'lead')] };
  },
  LeadArchived: (_c, id) => ({ activity: 'Lead Archived', objects: [ref('Lead', id, 'lead')], key: naturalKey('Lead Archived', id) }),
  LeadConverted: (c, id) => {
    const opportunityId = text(c, 'opportunityId');
    return {
      activity: 'Lead Converted',
      objects: [ref('Lead', id, 'lead'), ...(opportunityId ? [ref('Opportunity', opportunityId, 'opportunity created')] : [])],
      links: opportunityId ? [link('Lead', id, 'Opportunity', opportunityId, 'converted to')] : [],
      key: naturalKey('Lead Converted', id),
    };
  },
  OpportunityCreated: (c, id) => {
    const leadId = text(c, 'leadId');
    return {
      activity: 'Opportunity Created',
      qualifier: text(c, 'stage'),
      attributes: { stage: text(c, 'stage'), amount: decimal(c, 'amount'), discountPercent: decimal(c, 'discountPercent'), salesRep: text(c, 'owner'), segment: text(c, 'sourceChannel') },
      objects: [ref('Opportunity', id, 'opportunity'), ...(leadId ? [ref('Lead', leadId, 'converted lead')] : [])],
      links: leadId ? [link('Lead', leadId, 'Opportunity', id, 'converted to')] : [],
      key: naturalKey('Opportunity Created', id),
    };
  },
  OpportunityStageChanged: (c, id) => ({
    activity: 'Stage Changed',
    qualifier: changedTo(c, 'stage'),
    attributes: { stage: changedTo(c, 'stage'), fromStage: changedFrom(c, 'stage'), probability: integer(c, 'probability') },
    objects: [ref('Opportunity', id, 'opportunity')],
  }),
  OpportunityWon: (c, id) => ({
    activity: 'Closed Won',
    attributes: { isWon: true, amount: decimal(c, 'amount'), discountPercent: decimal(c, 'discountPercent'), salesRep: text(c, 'owner') },
    objects: [ref('Opportunity', id, 'opportunity')],
    key: naturalKey('Closed Won', id),
  }),
  OpportunityLost: (c, id) => ({
    activity: 'Closed Lost',
    attributes: { isWon: false, lossReason: text(c, 'lossReason'), amount: decimal(c, 'amount'), discountPercent: decimal(c, 'discountPercent'), salesRep: text(c, 'owner') },
    objects: [ref('Opportunity', id, 'opportunity')],
    key: naturalKey('Closed Lost', id),
  }),
  // CPQ
  QuoteCreated: (c, id) => {
    const opportunityId = text(c, 'opportunityId');
    return {
      activity: 'Quote Created',
      attributes: { quoteNumber: text(c, 'number'), amount: decimal(c, 'netAmount'), productFamily: texts(c, 'productFamilies')[0] ?? null },
      objects: [ref('Quote', id, 'quote'), ...(opportunityId ? [ref('Opportunity', opportunityId, 'opportunity')] : [])],
      links: opportunityId ? [link('Quote', id, 'Opportunity', opportunityId, 'quote for')] : [],
      key: naturalKey('Quote Created', id),
    };
  },
  QuoteSubmitted: (c, id) => {
    const submission = integer(c, 'submission');
    return {
      activity: 'Quote Submitted for Approval',
      attributes: { submission, approvals: integer(c, 'approvals') },
      objects: [ref('Quote', id, 'quote')],
      key: submission === null ? null : naturalKey('Quote Submitted for Approval', id, submission),
    };
  },
  // Approved on submission (no approval needed, or all carried by smart approval) or by the last approver's decision.
  QuoteApproved: (c, id) => {
    const submission = integer(c, 'submission');
    return {
      activity: 'Quote Approved',
      qualifier: c['status'] ? 'APPROVERS' : 'AUTOMATIC',
      attributes: { submission },
      objects: [ref('Quote', id, 'quote')],
      key: submission === null ? null : naturalKey('Quote Approved', id, submission),
    };
  },
  QuoteRejected: (c, id) => {
    const submission = integer(c, 'submission');
    return { activity: 'Quote Rejected', attributes: { submission }, objects: [ref('Quote', id, 'quote')], key: submission === null ? null : naturalKey('Quote Rejected', id, submission) };
  },
  QuoteRecalled: (_c, id) => ({ activity: 'Quote Recalled', objects: [ref('Quote', id, 'quote')] }),
  QuotePresented: (_c, id) => ({ activity: 'Quote Presented', objects: [ref('Quote', id, 'quote')] }),
  QuoteAccepted: (c, id) => {
    const opportunityId = text(c, 'opportunityId');
    const orderIds = texts(c, 'orderIds');
    return {
      activity: 'Quote Accepted',
      attributes: {
        amount: decimal(c, 'netAmount'),
        listAmount: decimal(c, 'listAmount'),
        discountPercent: decimal(c, 'customerDiscountPercent'),
        productFamily: texts(c, 'productFamilies')[0] ?? null,
      },
      objects: [ref('Quote', id, 'quote'), ...(opportunityId ? [ref('Opportunity', opportunityId, 'opportunity')] : []), ...orderIds.map((order) => ref('Order', order, 'order created'))],
      links: [...(opportunityId ? [link('Quote', id, 'Opportunity', opportunityId, 'quote for')] : []), ...orderIds.map((order) => link('Order', order, 'Quote', id, 'ordered from'))],
      key: naturalKey('Quote Accepted', id),
    };
  },
  QuoteDenied: (_c, id) => ({ activity: 'Quote Denied', objects: [ref('Quote', id, 'quote')], key: naturalKey('Quote Denied', id) }),
  OrderCreated: (c, id) => {
    const quoteId = text(c, 'quoteId');
    return {
      activity: 'Order Created',
      attributes: { orderNumber: text(c, 'number'), amount: decimal(c, 'totalAmount') },
      objects: [ref('Order', id, 'order'), ...(quoteId ? [ref('Quote', quoteId, 'quote')] : [])],
      links: quoteId ? [link('Order', id, 'Quote', quoteId, 'ordered from')] : [],
      key: naturalKey('Order Created', id),
    };
  },
  OrderActivated: (c, id) => {
    const quoteId = text(c, 'quoteId');
    const contractId = text(c, 'contractId');
    const assetIds = texts(c, 'assetIds');
    return {
      activity: 'Order Activated',
      attributes: { amount: decimal(c, 'totalAmount') },
      objects: [ref('Order', id, 'order'), ...(quoteId ? [ref('Quote', quoteId, 'quote')] : []), ...(contractId ? [ref('Contract', contractId, 'contract')] : []), ...assetIds.map((asset) => ref('Asset', asset, 'asset delivered'))],
      links: [
        ...(quoteId ? [link('Order', id, 'Quote', quoteId, 'ordered from')] : []),
        ...(contractId && quoteId ? [link('Contract', contractId, 'Quote', quoteId, 'contract of')] : []),
        ...assetIds.map((asset) => link('Asset', asset, 'Order', id, 'delivered by')),
      ],
      key: naturalKey('Order Activated', id),
    };
  },
  ContractActivated: (c, id) => {
    const quoteId = text(c, 'quoteId');
    return {
      activity: 'Contract Activated',
      objects: [ref('Contract', id, 'contract'), ...(quoteId ? [ref('Quote', quoteId, 'quote')] : [])],
      links: quoteId ? [link('Contract', id, 'Quote', quoteId, 'contract of')] : [],
      key: naturalKey('Contract Activated', id),
    };
  },
  // Billing (contracts in the brief: InvoicePosted, PaymentReceived, PaymentAllocated, InvoiceOverdue)
  InvoicePosted: (c, id) => {
    const orderIds = texts(c, 'orderIds');
    return {
      activity: 'Invoice Posted',
      at: instant(c, 'postedAt'),
      attributes: { invoiceNumber: text(c, 'invoiceNumber'), amount: decimal(c, 'totalAmount'), currency: text(c, 'currency'), dueDate: text(c, 'dueDate') },
      objects: [ref('Invoice', id, 'invoice'), ...orderIds.map((order) => ref('Order', order, 'order billed'))],
      links: orderIds.map((order) => link('Invoice', id, 'Order', order, 'bills')),
      key: naturalKey('Invoice Posted', id),
    };
  },
  InvoiceOverdue: (c, id) => {
    const orderIds = texts(c, 'orderIds');
    return {
      activity: 'Invoice Overdue',
      attributes: { invoiceNumber: text(c, 'invoiceNumber'), balance: decimal(c, 'balance'), dueDate: text(c, 'dueDate'), daysOverdue: integer(c, 'daysOverdue') },
      objects: [ref('Invoice', id, 'invoice'), ...orderIds.map((order) => ref('Order', order, 'order billed'))],
      links: orderIds.map((order) => link('Invoice', id, 'Order', order, 'bills')),
    };
  },
  PaymentReceived: (c, id) => paymentDraft('Payment Received', id, c, allocations(c), instant(c, 'receivedAt'), naturalKey('Payment Received', id)),
  PaymentAllocated: (c, id) => paymentDraft('Payment Allocated', id, c, [{ invoiceId: text(c, 'invoiceId'), orderIds: texts(c, 'orderIds') }], null, null),
  // Warranty
  ClaimStatusChanged: (c, id) => {
    const status = changedTo(c, 'status');
    const assetId = text(c, 'assetId');
    return {
      activity: CLAIM_STATUS_ACTIVITIES[(status ?? '').toUpperCase().replace(/[\s-]+/g, '_')] ?? 'Claim Status Changed',
      qualifier: status,
      attributes: { claimNumber: text(c, 'claimNumber'), claimStatus: status, approvedAmount: decimal(c, 'approvedAmount') },
      objects: [ref('Claim', id, 'claim'), ...(assetId ? [ref('Asset', assetId, 'asset')] : [])],
      links: assetId ? [link('Claim', id, 'Asset', assetId, 'claim on')] : [],
    };
  },
};

function paymentDraft(activity: Activity, id: string, c: Changes, allocated: { invoiceId: string | null; orderIds: string[] }[], at: number | null, key: string | null): Draft {
  const objects: ObjectRef[] = [ref('Payment', id, 'payment')];
  const links: ObjectLink[] = [];
  for (const allocation of allocated) {
    if (allocation.invoiceId) {
      objects.push(ref('Invoice', allocation.invoiceId, 'invoice paid'));
      links.push(link('Payment', id, 'Invoice', allocation.invoiceId, 'pays'));
    }
    for (const order of allocation.orderIds) {
      objects.push(ref('Order', order, 'order paid'));
      links.push(link('Payment', id, 'Order', order, 'pays for'));
    }
  }
  return { activity, at, attributes: { amount: decimal(c, 'amount'), currency: text(c, 'currency') }, objects, links: dedupeLinks(links), key };
}

function dedupeObjects(objects: ObjectRef[]): ObjectRef[] {
  const seen = new Set<string>();
  return objects.filter((object) => !seen.has(object.id) && seen.add(object.id));
}

function dedupeLinks(links: ObjectLink[]): ObjectLink[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.childId}\n${l.parentId}`;
    return !seen.has(key) && seen.add(key);
  });
}

function withoutNulls(attributes: Record<string, string | number | boolean | null>): EventAttributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null)) as EventAttributes;
}
