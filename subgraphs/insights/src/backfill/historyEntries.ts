import type { Activity } from '../domain/activities.ts';
import { familiesOf } from '../domain/families.ts';
import { naturalKey, type EventAttributes, type LogEntry, type ObjectLink, type ObjectRef } from '../domain/logEntry.ts';

/**
 * History rebuilt from the subgraphs' current records: the entries their timestamps vouch for (created, converted,
 * submitted, decided, accepted, activated, closed), with the natural keys the stream's entries carry, so an entry the
 * stream also delivers is the same entry. What left no timestamp (stage moves, a qualification) cannot be rebuilt.
 */

export interface LeadRecord {
  id: string;
  status: string;
  sourceChannel: string | null;
  dealer: { id: string } | null;
  createdAt: string;
  convertedAt: string | null;
  convertedOpportunity: { id: string } | null;
  archivedAt: string | null;
}

export interface OpportunityRecord {
  id: string;
  stage: string;
  isClosed: boolean;
  isWon: boolean;
  amount: string | null;
  discountPercent: string | null;
  owner: string | null;
  sourceChannel: string | null;
  dealer: { id: string } | null;
  lead: { id: string } | null;
  createdAt: string;
  closedAt: string | null;
}

export interface QuoteRecord {
  id: string;
  number: string;
  status: string;
  opportunity: { id: string };
  dealer: { id: string } | null;
  netAmount: string;
  listAmount: string;
  customerDiscountPercent: string;
  lines: { category: string; product: { family: string | null } }[];
  createdAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  approvalHistory: { submission: number; status: string; decidedAt: string | null; viaSmartApproval: boolean }[];
}

export interface OrderRecord {
  id: string;
  number: string;
  quote: { id: string };
  dealer: { id: string } | null;
  totalAmount: string;
  createdAt: string;
  activatedAt: string | null;
  contract: { id: string } | null;
}

export interface ContractRecord {
  id: string;
  quote: { id: string };
  dealer: { id: string } | null;
  activatedAt: string;
}

interface Draft {
  activity: Activity;
  at: string;
  qualifier?: string | null;
  attributes?: EventAttributes;
  objects: ObjectRef[];
  links?: ObjectLink[];
  key: string;
}

function entry(draft: Draft, dealerId: string | null): LogEntry {
  return {
    id: `backfill:${draft.key}`,
    activity: draft.activity,
    at: Date.parse(draft.at),
    qualifier: draft.qualifier ?? null,
    dealerId,
    attributes: Object.fromEntries(Object.entries(draft.attributes ?? {}).filter(([, v]) => v !== null && v !== undefined)) as EventAttributes,
    objects: draft.objects,
    links: draft.links ?? [],
    naturalKey: draft.key,
    origin: 'backfill',
    streamId: null,
    source: 'backfill',
  };
}

export function leadEntries(lead: LeadRecord): LogEntry[] {
  const dealer = lead.dealer?.id ?? null;
  const self: ObjectRef = { id: lead.id, type: 'Lead', qualifier: 'lead' };
  const entries = [entry({ activity: 'Lead Created', at: lead.createdAt, attributes: { segment: lead.sourceChannel ?? undefined }, objects: [self], key: naturalKey('Lead Created', lead.id) }, dealer)];
  const opportunity = lead.convertedOpportunity?.id;
  if (lead.convertedAt && opportunity) {
    entries.push(
      entry(
        {
          activity: 'Lead Converted',
          at: lead.convertedAt,
          objects: [self, { id: opportunity, type: 'Opportunity', qualifier: 'opportunity created' }],
          links: [{ childId: lead.id, childType: 'Lead', parentId: opportunity, parentType: 'Opportunity', qualifier: 'converted to' }],
          key: naturalKey('Lead Converted', lead.id),
        },
        dealer,
      ),
    );
  }
  if (lead.archivedAt) entries.push(entry({ activity: 'Lead Archived', at: lead.archivedAt, objects: [self], key: naturalKey('Lead Archived', lead.id) }, dealer));
  return entries;
}

export function opportunityEntries(o: OpportunityRecord): LogEntry[] {
  const dealer = o.dealer?.id ?? null;
  const self: ObjectRef = { id: o.id, type: 'Opportunity', qualifier: 'opportunity' };
  const entries = [
    entry(
      {
        activity: 'Opportunity Created',
        at: o.createdAt,
        attributes: { salesRep: o.owner ?? undefined, segment: o.sourceChannel ?? undefined, amount: o.amount ?? undefined, discountPercent: o.discountPercent ?? undefined, stage: o.isClosed ? undefined : o.stage },
        objects: [self, ...(o.lead ? [{ id: o.lead.id, type: 'Lead' as const, qualifier: 'converted lead' }] : [])],
        links: o.lead ? [{ childId: o.lead.id, childType: 'Lead', parentId: o.id, parentType: 'Opportunity', qualifier: 'converted to' }] : [],
        key: naturalKey('Opportunity Created', o.id),
      },
      dealer,
    ),
  ];
  if (o.isClosed && o.closedAt) {
    const activity: Activity = o.isWon ? 'Closed Won' : 'Closed Lost';
    entries.push(
      entry(
        {
          activity,
          at: o.closedAt,
          qualifier: o.stage,
          attributes: { isWon: o.isWon, stage: o.stage, amount: o.amount ?? undefined, discountPercent: o.discountPercent ?? undefined, salesRep: o.owner ?? undefined },
          objects: [self],
          key: naturalKey(activity, o.id),
        },
        dealer,
      ),
    );
  }
  return entries;
}

export function quoteEntries(q: QuoteRecord): LogEntry[] {
  const dealer = q.dealer?.id ?? null;
  const self: ObjectRef = { id: q.id, type: 'Quote', qualifier: 'quote' };
  const family = familiesOf(q.lines.map((line) => ({ category: line.category, family: line.product.family })))[0];
  const toOpportunity: ObjectLink = { childId: q.id, childType: 'Quote', parentId: q.opportunity.id, parentType: 'Opportunity', qualifier: 'quote for' };
  const entries = [
    entry(
      {
        activity: 'Quote Created',
        at: q.createdAt,
        attributes: { quoteNumber: q.number, amount: q.netAmount, productFamily: family },
        objects: [self, { id: q.opportunity.id, type: 'Opportunity', qualifier: 'opportunity' }],
        links: [toOpportunity],
        key: naturalKey('Quote Created', q.id),
      },
      dealer,
    ),
  ];
  const submissions = new Map<number, QuoteRecord['approvalHistory']>();
  for (const approval of q.approvalHistory) submissions.set(approval.submission, [...(submissions.get(approval.submission) ?? []), approval]);
  const latest = Math.max(0, ...submissions.keys());
  if (q.submittedAt) {
    const submission = Math.max(latest, 1);
    entries.push(entry({ activity: 'Quote Submitted for Approval', at: q.submittedAt, attributes: { submission, approvals: submissions.get(submission)?.length ?? 0 }, objects: [self], key: naturalKey('Quote Submitted for Approval', q.id, submission) }, dealer));
    if (!submissions.has(submission) && q.status !== 'IN_REVIEW' && q.status !== 'DRAFT') {
      entries.push(entry({ activity: 'Quote Approved', at: q.submittedAt, qualifier: 'AUTOMATIC', attributes: { submission }, objects: [self], key: naturalKey('Quote Approved', q.id, submission) }, dealer));
    }
  }
  for (const [submission, approvals] of submissions) {
    const rejected = approvals.find((a) => a.status === 'REJECTED' && a.decidedAt);
    if (rejected) {
      entries.push(entry({ activity: 'Quote Rejected', at: rejected.decidedAt!, attributes: { submission }, objects: [self], key: naturalKey('Quote Rejected', q.id, submission) }, dealer));
    } else if (approvals.every((a) => a.status === 'APPROVED' && a.decidedAt)) {
      const at = approvals.map((a) => a.decidedAt!).sort().at(-1)!;
      const qualifier = approvals.some((a) => !a.viaSmartApproval) ? 'APPROVERS' : 'AUTOMATIC';
      entries.push(entry({ activity: 'Quote Approved', at, qualifier, attributes: { submission }, objects: [self], key: naturalKey('Quote Approved', q.id, submission) }, dealer));
    }
  }
  if (q.acceptedAt) {
    entries.push(
      entry(
        {
          activity: 'Quote Accepted',
          at: q.acceptedAt,
          attributes: { amount: q.netAmount, listAmount: q.listAmount, discountPercent: q.customerDiscountPercent, productFamily: family },
          objects: [self, { id: q.opportunity.id, type: 'Opportunity', qualifier: 'opportunity' }],
          links: [toOpportunity],
          key: naturalKey('Quote Accepted', q.id),
        },
        dealer,
      ),
    );
  }
  return entries;
}

export function orderEntries(o: OrderRecord): LogEntry[] {
  const dealer = o.dealer?.id ?? null;
  const objects: ObjectRef[] = [{ id: o.id, type: 'Order', qualifier: 'order' }, { id: o.quote.id, type: 'Quote', qualifier: 'quote' }];
  const toQuote: ObjectLink = { childId: o.id, childType: 'Order', parentId: o.quote.id, parentType: 'Quote', qualifier: 'ordered from' };
  const entries = [entry({ activity: 'Order Created', at: o.createdAt, attributes: { orderNumber: o.number, amount: o.totalAmount }, objects, links: [toQuote], key: naturalKey('Order Created', o.id) }, dealer)];
  if (o.activatedAt) {
    const contract = o.contract?.id;
    entries.push(
      entry(
        {
          activity: 'Order Activated',
          at: o.activatedAt,
          attributes: { amount: o.totalAmount },
          objects: [...objects, ...(contract ? [{ id: contract, type: 'Contract' as const, qualifier: 'contract' }] : [])],
          links: [toQuote, ...(contract ? [{ childId: contract, childType: 'Contract' as const, parentId: o.quote.id, parentType: 'Quote' as const, qualifier: 'contract of' }] : [])],
          key: naturalKey('Order Activated', o.id),
        },
        dealer,
      ),
    );
  }
  return entries;
}

export function contractEntries(c: ContractRecord): LogEntry[] {
  return [
    entry(
      {
        activity: 'Contract Activated',
        at: c.activatedAt,
        objects: [{ id: c.id, type: 'Contract', qualifier: 'contract' }, { id: c.quote.id, type: 'Quote', qualifier: 'quote' }],
        links: [{ childId: c.id, childType: 'Contract', parentId: c.quote.id, parentType: 'Quote', qualifier: 'contract of' }],
        key: naturalKey('Contract Activated', c.id),
      },
      c.dealer?.id ?? null,
    ),
  ];
}
