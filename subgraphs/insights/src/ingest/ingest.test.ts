import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { activityName } from '../domain/activities.ts';
import { opportunityEntries, quoteEntries } from '../backfill/historyEntries.ts';
import { casesByIds } from '../store/cases.ts';
import { billing, cpq, crm, EventScript } from '../testing/events.ts';
import { loadLog } from '../testing/loadLog.ts';
import { openInsightsStore } from '../testing/store.ts';
import { applyEntries } from './applyEntries.ts';

const all = { kind: 'all' } as const;
let store: DisposableStore;
beforeEach(async () => (store = await openInsightsStore()));
afterEach(() => store.close());

async function activitiesOf(caseId: string): Promise<string[] | null> {
  const [row] = await casesByIds(store, all, [caseId]);
  return row ? row.trace.map(([code]) => activityName(code)) : null;
}

/** One won case from lead to cash, with a claim on the van it delivered. */
function wonCase(): { script: EventScript; c: { dealer: string; lead: string; opportunity: string; quote: string; orders: string[]; contract: string; invoice: string; payment: string } } {
  const script = new EventScript(new Date('2026-03-02T08:00:00Z'));
  const c = { dealer: 'D1', lead: 'L1', opportunity: 'O-1', quote: 'Q-1', orders: ['ORD-1'], contract: 'K-1', invoice: 'INV-1', payment: 'PAY-1' };
  const r = crm(script, c);
  const q = cpq(script, c);
  const b = billing(script, c);
  r.leadCreated(0, 'WEB');
  r.leadQualified(1);
  r.convert(2, { stage: 'Prospecting', amount: '30000.00', discountPercent: null, owner: 'ana', sourceChannel: 'WEB' });
  q.quoteCreated(3, '29000.00', 'Lyra');
  q.submitted(4, 0);
  q.accepted(5, { netAmount: '29000.00', listAmount: '30000.00', customerDiscountPercent: '3.33', family: 'Lyra' });
  q.activated(6, 'ORD-1', ['ASSET-1']);
  r.won(7, 'Prospecting', '29000.00', '3.33', 'ana');
  b.invoicePosted(8, '29000.00');
  b.paymentReceived(9, '29000.00');
  script.emit('ClaimStatusChanged', ['Claim', 'CLM-1'], 100, { claimNumber: 'W-1', assetId: 'ASSET-1', status: { from: 'DRAFT', to: 'SUBMITTED' } }, ['D1'], 'warranty');
  script.emit('ClaimStatusChanged', ['Claim', 'CLM-1'], 120, { claimNumber: 'W-1', assetId: 'ASSET-1', status: { from: 'SUBMITTED', to: 'APPROVED' }, approvedAmount: '412.50' }, ['D1'], 'warranty');
  return { script, c };
}

const WON = [
  'Lead Created', 'Lead Qualified', 'Lead Converted', 'Opportunity Created', 'Quote Created', 'Quote Submitted for Approval', 'Quote Approved', 'Quote Accepted',
  'Order Created', 'Order Activated', 'Contract Activated', 'Closed Won', 'Invoice Posted', 'Payment Received', 'Claim Submitted', 'Claim Approved',
];

describe('the process log from the event stream', () => {
  it('follows billing’s and warranty’s events into the opportunity’s case through the objects they name', async () => {
    await loadLog(store, wonCase().script.inStreamOrder(), 3);
    expect(await activitiesOf('O-1')).toEqual(WON);
    const [row] = await casesByIds(store, all, ['O-1']);
    expect(row).toMatchObject({ kind: 'OPPORTUNITY', dealer_id: 'D1', sales_rep: 'ana', segment: 'WEB', product_family: 'Lyra', amount: '29000.00', list_amount: '30000.00', discount_percent: '3.33', is_won: true, stage: 'Closed Won' });
    // The lead was a case of its own until its conversion; now it is the opportunity's.
    expect(await activitiesOf('L1')).toBeNull();
  });

  it('gives the same cases whatever order the events arrive in (an invoice before the orders it bills were heard of)', async () => {
    const inOrder = wonCase().script.inStreamOrder();
    const billingFirst = [...inOrder.filter((e) => e.source === 'billing' || e.source === 'warranty'), ...inOrder.filter((e) => e.source !== 'billing' && e.source !== 'warranty').reverse()];
    await loadLog(store, billingFirst, 2);
    expect(await activitiesOf('O-1')).toEqual(WON);
  });

  it('logs an event once however often it is read', async () => {
    const events = wonCase().script.inStreamOrder();
    await loadLog(store, events);
    const [before] = await casesByIds(store, all, ['O-1']);
    await loadLog(store, [...events].reverse(), 5);
    const [after] = await casesByIds(store, all, ['O-1']);
    expect(after!.trace).toEqual(before!.trace);
    expect((await store.query<{ n: number }>('select count(*)::int as n from log_events'))[0]!.n).toBe(events.filter((e) => !['OrderStatusChanged', 'ApprovalApproved'].includes(e.type)).length);
  });

  it('skips what is not lead to cash and what it cannot read, keeping the rest', async () => {
    const { script } = wonCase();
    const events: StoredEvent[] = [
      { id: '1-0', eventId: 'price', type: 'PriceChanged', entity: { typename: 'Product', id: 'p' }, dealerIds: [], changes: {}, occurredAt: '2026-03-01T00:00:00Z', source: 'cpq' },
      { id: '1-1', eventId: 'broken', type: 'QuoteCreated', entity: { typename: 'Quote', id: 'Q-9' }, dealerIds: ['D1'], changes: {}, occurredAt: 'not a time', source: 'cpq' },
      ...script.inStreamOrder(),
    ];
    await loadLog(store, events);
    expect(await activitiesOf('O-1')).toEqual(WON);
    expect((await store.query('select id from log_events where id in ($1, $2)', ['price', 'broken']))).toEqual([]);
  });
});

describe('history rebuilt from the subgraphs', () => {
  const opportunity = { id: 'O-2', stage: 'Closed Won', isClosed: true, isWon: true, amount: '18000.00', discountPercent: '10.00', owner: 'ben', sourceChannel: 'DEALER', dealer: { id: 'D2' }, lead: null, createdAt: '2025-06-01T09:00:00Z', closedAt: '2025-06-20T09:00:00Z' };
  const quote = {
    id: 'Q-2', number: 'Q-00002', status: 'ACCEPTED', opportunity: { id: 'O-2' }, dealer: { id: 'D2' }, netAmount: '18000.00', listAmount: '20000.00', customerDiscountPercent: '10.00',
    lines: [{ category: 'ACCESSORY', product: { family: 'Interior' } }, { category: 'VEHICLE', product: { family: 'Arco' } }],
    createdAt: '2025-06-02T09:00:00Z', submittedAt: '2025-06-03T09:00:00Z', acceptedAt: '2025-06-10T09:00:00Z',
    approvalHistory: [{ submission: 1, status: 'APPROVED', decidedAt: '2025-06-04T09:00:00Z', viaSmartApproval: false }],
  };

  it('rebuilds a case from records, and the stream’s events replace the rebuilt ones', async () => {
    await store.transaction((tx) => applyEntries(tx, [...opportunityEntries(opportunity), ...quoteEntries(quote)]));
    expect(await activitiesOf('O-2')).toEqual(['Opportunity Created', 'Quote Created', 'Quote Submitted for Approval', 'Quote Approved', 'Quote Accepted', 'Closed Won']);
    const [rebuilt] = await casesByIds(store, all, ['O-2']);
    expect(rebuilt).toMatchObject({ product_family: 'Arco', sales_rep: 'ben', is_won: true });
    expect(rebuilt!.trace.find(([code]) => activityName(code) === 'Quote Approved')![2]).toBe('APPROVERS');
    // The same acceptance heard from the stream (a replay of retained events) replaces the rebuilt one: still one.
    const script = new EventScript(new Date('2025-06-10T09:00:05Z'));
    cpq(script, { dealer: 'D2', opportunity: 'O-2', quote: 'Q-2', orders: [] }).accepted(0, { netAmount: '18000.00', listAmount: '20000.00', customerDiscountPercent: '10.00', family: 'Arco' });
    await loadLog(store, script.inStreamOrder());
    const [after] = await casesByIds(store, all, ['O-2']);
    const accepted = after!.trace.filter(([code]) => activityName(code) === 'Quote Accepted');
    expect(accepted).toEqual([[expect.any(Number), Date.parse('2025-06-10T09:00:05Z'), null]]);
    // Rebuilding again adds nothing.
    const rerun = await store.transaction((tx) => applyEntries(tx, [...opportunityEntries(opportunity), ...quoteEntries(quote)]));
    expect(rerun.added).toBe(0);
  });
});
