import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, MemoryEventBus } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { ALL_CASES, analyse } from './analyse.ts';
import { bottlenecksAnalysis } from './domain/analyses/bottlenecks.ts';
import { conformanceAnalysis } from './domain/analyses/conformance.ts';
import { cycleTimesAnalysis } from './domain/analyses/cycleTimes.ts';
import { discountImpactAnalysis } from './domain/analyses/discountImpact.ts';
import { funnelAnalysis } from './domain/analyses/funnel.ts';
import { processMapAnalysis } from './domain/analyses/processMap.ts';
import { salesRepsAnalysis } from './domain/analyses/salesReps.ts';
import { variantsAnalysis } from './domain/analyses/variants.ts';
import { startLogConsumer } from './ingest/consumer.ts';
import { readCheckpoint } from './store/checkpoints.ts';
import { openInsightsStore } from './testing/store.ts';
import { tenCases } from './testing/tenCases.ts';
import { waitFor } from './testing/waitFor.ts';

const H = 3600;
const all = { kind: 'all' } as const;
const settings = { approvalDiscountPercent: '10', openStages: ['Prospecting', 'Proposal'], wonStages: ['Closed Won'] };
let store: DisposableStore;

beforeAll(async () => {
  store = await openInsightsStore();
  const bus = new MemoryEventBus();
  const events = tenCases().inStreamOrder();
  // Published before the consumer starts: it reads them from the start of retention, in several batches.
  for (const event of events) await bus.publish(event);
  const consumer = startLogConsumer({ store, bus, stream: 'ten', logger: createLogger('test', 'silent') });
  const last = await bus.latestId();
  await waitFor(async () => (await readCheckpoint(store, 'ten'))?.stream_id === last);
  await consumer.stop();
});
afterAll(() => store.close());

describe('a hand-computable log of ten cases', () => {
  it('has the directly-follows graph worked out by hand', async () => {
    const map = await analyse(store, all, {}, processMapAnalysis());
    expect(map.caseCount).toBe(10);
    expect(map.eventCount).toBe(4 * 15 + 12 + 12 + 5 + 4 + 11 + 3);
    const frequencies = Object.fromEntries(map.edges.map((e) => [`${e.from} → ${e.to}`, e.frequency]));
    expect(frequencies).toEqual({
      'Lead Created → Lead Qualified': 5,
      'Lead Qualified → Lead Converted': 5,
      'Lead Created → Lead Converted': 1,
      'Lead Converted → Opportunity Created': 6,
      'Opportunity Created → Stage Changed': 7,
      'Stage Changed → Quote Created': 7,
      'Opportunity Created → Quote Created': 1,
      'Opportunity Created → Closed Lost': 2,
      'Quote Created → Quote Submitted for Approval': 7,
      'Quote Submitted for Approval → Quote Approved': 7,
      'Quote Approved → Quote Accepted': 7,
      'Quote Accepted → Order Created': 7,
      'Order Created → Order Activated': 5,
      'Order Created → Invoice Posted': 1,
      'Order Created → Closed Won': 1,
      'Invoice Posted → Order Activated': 1,
      'Order Activated → Contract Activated': 7,
      'Contract Activated → Closed Won': 6,
      'Contract Activated → Invoice Posted': 1,
      'Closed Won → Invoice Posted': 5,
      'Closed Won → Payment Received': 1,
      'Closed Won → Order Activated': 1,
      'Invoice Posted → Payment Received': 6,
    });
    // Quote approval: 2, 4, 6 and 20 h by approvers (c1..c4), at once three times (c5, c6, c9).
    const approval = map.edges.find((e) => e.from === 'Quote Submitted for Approval' && e.to === 'Quote Approved')!;
    expect(approval.cases).toBe(7);
    expect(approval.duration).toMatchObject({ count: 7, minMs: 0, maxMs: 20 * H * 1000, medianMs: 2 * H * 1000, p90Ms: 11.6 * H * 1000 });
    expect(approval.duration.meanMs).toBeCloseTo((32 / 7) * H * 1000, 6);
    const delivery = map.edges.find((e) => e.from === 'Order Created' && e.to === 'Order Activated')!;
    expect(delivery.duration).toMatchObject({ count: 5, meanMs: 1000 * (4 * 48 + 24) * H / 5, medianMs: 48 * H * 1000, p90Ms: 48 * H * 1000 });
    expect(map.starts).toEqual([{ activity: 'Lead Created', cases: 6 }, { activity: 'Opportunity Created', cases: 4 }]);
    expect(map.ends).toEqual([
      { activity: 'Payment Received', cases: 7 },
      { activity: 'Closed Lost', cases: 2 },
      { activity: 'Quote Created', cases: 1 },
    ]);
  });

  it('has seven variants, the happy path four times', async () => {
    const { caseCount, variantCount, variants } = await analyse(store, all, {}, variantsAnalysis({ first: 10 }));
    expect([caseCount, variantCount]).toEqual([10, 7]);
    expect(variants.map((v) => [v.cases, v.share])).toEqual([[4, 0.4], [1, 0.1], [1, 0.1], [1, 0.1], [1, 0.1], [1, 0.1], [1, 0.1]]);
    expect(variants[0]!.activities).toEqual([
      'Lead Created', 'Lead Qualified', 'Lead Converted', 'Opportunity Created', 'Stage Changed', 'Quote Created', 'Quote Submitted for Approval',
      'Quote Approved', 'Quote Accepted', 'Order Created', 'Order Activated', 'Contract Activated', 'Closed Won', 'Invoice Posted', 'Payment Received',
    ]);
    // Shorter first among the singles: c10, c8, c7, then c9, then c5 before c6 (Order Activated comes before Invoice Posted).
    expect(variants.slice(1).map((v) => v.activities.length)).toEqual([3, 4, 5, 11, 12, 12]);
    expect(variants[1]!.activities).toEqual(['Opportunity Created', 'Stage Changed', 'Quote Created']);
    expect(variants[5]!.activities.slice(7, 9)).toEqual(['Order Activated', 'Contract Activated']);
    expect(variants[6]!.activities.slice(7, 9)).toEqual(['Invoice Posted', 'Order Activated']);
    expect(variants[0]!.meanDurationMs).toBe(1000 * H * (222 + 8));
  });

  it('has the cycle times per segment worked out by hand', async () => {
    const { groups, overall } = await analyse(store, all, {}, cycleTimesAnalysis('SEGMENT'));
    expect(groups.map((g) => [g.key, g.cases])).toEqual([['WEB', 7], ['DEALER', 2], ['PHONE', 1]]);
    const web = groups[0]!.times;
    expect(web.leadToWon).toMatchObject({ count: 4, meanMs: 86 * H * 1000, medianMs: 83 * H * 1000, p90Ms: 93.8 * H * 1000 });
    expect(web.quoteToOrder).toMatchObject({ count: 4, meanMs: 10 * H * 1000, medianMs: 7 * H * 1000, p90Ms: 17.8 * H * 1000 });
    expect(web.orderToCash).toMatchObject({ count: 4, meanMs: 193 * H * 1000, medianMs: 193 * H * 1000 });
    const dealer = groups[1]!.times;
    expect(dealer.leadToWon.count).toBe(0);
    expect(dealer.quoteToOrder).toMatchObject({ count: 2, medianMs: 2 * H * 1000 });
    expect(dealer.orderToCash).toMatchObject({ count: 2, medianMs: 88 * H * 1000 });
    expect(groups[2]!.times.orderToCash).toMatchObject({ count: 1, meanMs: 54 * H * 1000 });
    expect(overall.cases).toBe(10);
    expect(overall.times.orderToCash).toMatchObject({ count: 7, medianMs: 193 * H * 1000, minMs: 54 * H * 1000 });
  });

  it('names the cases that break the rules', async () => {
    const result = await analyse(store, all, {}, conformanceAnalysis(settings, { limit: 10 }));
    expect([result.casesChecked, result.conformingCases, result.conformance]).toEqual([10, 7, 0.7]);
    const byRule = Object.fromEntries(result.rules.map((r) => [r.rule, r.cases.map((c) => c.caseId)]));
    expect(byRule).toEqual({
      WON_WITHOUT_REQUIRED_APPROVAL: ['c5', 'c6'],
      CONTRACT_WITHOUT_REQUIRED_APPROVAL: ['c5', 'c6'],
      INVOICE_BEFORE_ACTIVATION: ['c6'],
      PAYMENT_BEFORE_INVOICE: [],
      SKIPPED_STAGE: ['c9'],
    });
    const skipped = result.rules.find((r) => r.rule === 'SKIPPED_STAGE')!.cases[0]!;
    expect(skipped.detail).toBe('moved from Prospecting to Closed Won, skipping Proposal');
    expect(new Date(skipped.at).toISOString()).toBe('2026-01-14T11:00:00.000Z');
  });

  it('has the funnel from lead to cash, with the lead never converted', async () => {
    const { steps } = await analyse(store, all, {}, funnelAnalysis(), ALL_CASES);
    expect(steps.map((s) => [s.step, s.cases])).toEqual([
      ['Lead Created', 7], ['Lead Qualified', 6], ['Lead Converted', 6], ['Opportunity Created', 10], ['Quote Created', 8],
      ['Quote Accepted', 7], ['Closed Won', 7], ['Invoice Posted', 7], ['Paid', 7],
    ]);
  });

  it('bands discounts with win rates and the margin given away, exactly', async () => {
    const { bands } = await analyse(store, all, {}, discountImpactAnalysis(['0', '5', '10', '15', '20']));
    expect(bands.map((b) => [b.from, b.closedCases, b.won, b.winRate, b.wonNetAmount, b.wonListAmount, b.discountGiven, b.averageDiscountPercent])).toEqual([
      ['0', 1, 0, 0, '0.00', '0.00', '0.00', '0.00'],
      ['5', 1, 1, 1, '9500.00', '10000.00', '500.00', '5.00'],
      ['10', 4, 4, 1, '70400.00', '80000.00', '9600.00', '12.00'],
      ['15', 2, 2, 1, '17000.00', '20000.00', '3000.00', '15.00'],
      ['20', 0, 0, null, '0.00', '0.00', '0.00', null],
      [null, 1, 0, 0, '0.00', '0.00', '0.00', null],
    ]);
  });

  it('measures each sales rep', async () => {
    const reps = (await analyse(store, all, {}, salesRepsAnalysis(settings))).salesReps;
    expect(reps.map((r) => [r.salesRep, r.cases, r.open, r.won, r.lost, r.wonAmount, r.casesWithViolations])).toEqual([
      ['ana', 7, 1, 4, 2, '70400.00', 0],
      ['ben', 3, 0, 3, 0, '26500.00', 3],
    ]);
    expect(reps[0]!.winRate).toBeCloseTo(4 / 6, 12);
  });

  it('tells working time in approval and order processing from waiting time', async () => {
    const result = await analyse(store, all, {}, bottlenecksAnalysis({ first: 3 }));
    expect(result.transitions.map((t) => `${t.from} → ${t.to}`)).toEqual(['Invoice Posted → Payment Received', 'Closed Won → Payment Received', 'Order Created → Order Activated']);
    const approval = result.steps.find((s) => s.step === 'Quote approval')!;
    expect(approval.duration).toMatchObject({ count: 7, medianMs: 2 * H * 1000 });
    const orders = result.steps.find((s) => s.step === 'Order processing')!;
    expect(orders.duration).toMatchObject({ count: 7, medianMs: 48 * H * 1000 });
    // Every hour of every case is either: c1..c4 222 h + their approval times, c5, c6 100 h, c7 30, c8 50, c9 80, c10 6.
    expect(result.workingMs + result.waitingMs).toBe(1000 * H * (4 * 222 + 32 + 100 + 100 + 30 + 50 + 80 + 6));
    // Working: approval (2+4+6+20 h), order processing (48 h four times, 24 h for c5, c6, c9), lead qualification
    // (1 h four times, 4 h for c7, 2 h for c8 whose conversion ended it).
    expect(result.workingMs).toBe(1000 * H * (32 + 4 * 48 + 3 * 24 + 4 * 1 + 4 + 2));
  });

  it('filters by dealer, sales rep and dates, in SQL', async () => {
    expect((await analyse(store, all, { dealerIds: ['D2'] }, variantsAnalysis({ first: 5 }))).caseCount).toBe(3);
    expect((await analyse(store, { kind: 'dealer', dealerAccountId: 'D2' }, {}, variantsAnalysis({ first: 5 }))).caseCount).toBe(3);
    expect((await analyse(store, all, { salesReps: ['ana'], segments: ['WEB'] }, variantsAnalysis({ first: 5 }))).caseCount).toBe(7);
    expect((await analyse(store, all, { from: new Date('2026-01-08T00:00:00Z'), to: new Date('2026-01-10T00:00:00Z') }, variantsAnalysis({ first: 5 }))).caseCount).toBe(2);
    expect((await analyse(store, all, { productFamilies: ['Lyra'] }, variantsAnalysis({ first: 5 }))).caseCount).toBe(5);
  });
});
