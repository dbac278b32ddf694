import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { loadLog } from './testing/loadLog.ts';
import { partnerOf, startInsights, staff } from './testing/server.ts';
import { openInsightsStore } from './testing/store.ts';
import { tenCases } from './testing/tenCases.ts';

let store: DisposableStore;
let insights: Awaited<ReturnType<typeof startInsights>>;

beforeAll(async () => {
  store = await openInsightsStore();
  await loadLog(store, tenCases().inStreamOrder(), 17);
  insights = await startInsights(store, { stages: { openStages: ['Prospecting', 'Proposal'], wonStages: ['Closed Won'] } });
});
afterAll(async () => {
  await insights.close();
  await store.close();
});

const MAP = `query($filter: ProcessFilter) { processMap(filter: $filter) {
  asOf caseCount eventCount activities { activity cases } edges { from to frequency duration { count medianSeconds p90Seconds meanSeconds } }
  svg svgUrl(weight: DURATION)
} }`;

interface MapAnswer {
  processMap: { asOf: string; caseCount: number; eventCount: number; edges: { from: string; to: string; frequency: number; duration: { medianSeconds: number; p90Seconds: number } }[]; svg: string; svgUrl: string };
}

describe('insights in the graph', () => {
  it('serves the process map with exact durations in seconds and a Graphviz picture of it', async () => {
    const { data, errors } = await insights.graphql<MapAnswer>(staff, MAP);
    expect(errors).toBeUndefined();
    const map = data!.processMap;
    expect(map.caseCount).toBe(10);
    const approval = map.edges.find((e) => e.from === 'Quote Submitted for Approval' && e.to === 'Quote Approved')!;
    expect(approval).toMatchObject({ frequency: 7, duration: { medianSeconds: 7200, p90Seconds: 41_760 } });
    expect(map.svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect(map.svg).toContain('Quote Submitted for Approval');
    // The happy path's edges are the thickest and say how often they were taken.
    expect(map.svg).toContain('7× · 2 h');
    const picture = await fetch(map.svgUrl);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect(await picture.text()).toContain('<svg');
  });

  it('gives a partner its own dealer’s cases only, in every analysis and lookup', async () => {
    const { data } = await insights.graphql<MapAnswer & { processCase: unknown; other: { id: string } | null; processLog: { cases: number } }>(
      partnerOf('D2'),
      `{ processMap { caseCount eventCount edges { from } } processCase(id: "c5") { id } other: processCase(id: "c1") { id } processLog { cases } }`,
    );
    expect(data!.processMap.caseCount).toBe(3);
    expect(data!.processCase).toEqual({ id: 'c5' });
    expect(data!.other).toBeNull();
    expect(data!.processLog.cases).toBe(3);
    // A filter cannot widen the scope: asking for D1's cases gives none.
    const widened = await insights.graphql<MapAnswer>(partnerOf('D2'), MAP, { filter: { dealerIds: ['D1'] } });
    expect(widened.data!.processMap.caseCount).toBe(0);
  });

  it('shows a case with its events in trace order and the objects they touched', async () => {
    const { data } = await insights.graphql<{ processCase: { kind: string; activities: string[]; salesRep: string; amount: string; discountPercent: string; isWon: boolean; events: { activity: string; qualifier: string | null; objects: { id: string; type: string; qualifier: string }[] }[] } }>(
      staff,
      `{ processCase(id: "c1") { kind activities salesRep amount discountPercent isWon events { activity qualifier objects { id type qualifier } } } }`,
    );
    const c = data!.processCase;
    expect(c).toMatchObject({ kind: 'OPPORTUNITY', salesRep: 'ana', amount: '17600.00', discountPercent: '12.00', isWon: true });
    expect(c.events.map((e) => e.activity)).toEqual(c.activities);
    expect(c.events.find((e) => e.activity === 'Quote Accepted')!.objects).toEqual([
      { id: 'c1', type: 'Opportunity', qualifier: 'opportunity' },
      { id: 'O1', type: 'Order', qualifier: 'order created' },
      { id: 'Q1', type: 'Quote', qualifier: 'quote' },
    ]);
    expect(c.events.find((e) => e.activity === 'Quote Approved')!.qualifier).toBe('APPROVERS');
  });

  it('reports conformance, cycle times, funnel and discount impact through the graph', async () => {
    const { data, errors } = await insights.graphql<{
      conformance: { conformingCases: number; stagesChecked: boolean; rules: { rule: string; caseCount: number; cases: { caseId: string; processCase: { salesRep: string } }[] }[] };
      cycleTimes: { groups: { key: string; quoteToOrder: { medianSeconds: number } }[] };
      conversionFunnel: { steps: { step: string; cases: number }[] };
      discountImpact: { bands: { fromPercent: string | null; winRate: number | null }[] };
      salesRepPerformance: { salesReps: { salesRep: string; won: number }[] };
      bottlenecks: { workingShare: number };
    }>(
      staff,
      `{ conformance(settings: { approvalDiscountPercent: "10" }) { conformingCases stagesChecked rules { rule caseCount cases { caseId processCase { salesRep } } } }
         cycleTimes(by: SEGMENT) { groups { key quoteToOrder { medianSeconds } } }
         conversionFunnel { steps { step cases } }
         discountImpact(bands: ["0", "10"]) { bands { fromPercent winRate } }
         salesRepPerformance { salesReps { salesRep won } }
         bottlenecks { workingShare } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.conformance.conformingCases).toBe(7);
    expect(data!.conformance.stagesChecked).toBe(true);
    expect(data!.conformance.rules.find((r) => r.rule === 'WON_WITHOUT_REQUIRED_APPROVAL')!.cases.map((c) => [c.caseId, c.processCase.salesRep])).toEqual([['c5', 'ben'], ['c6', 'ben']]);
    expect(data!.cycleTimes.groups[0]).toEqual({ key: 'WEB', quoteToOrder: { medianSeconds: 7 * 3600 } });
    expect(data!.conversionFunnel.steps[0]).toEqual({ step: 'Lead Created', cases: 7 });
    expect(data!.discountImpact.bands.map((b) => [b.fromPercent, b.winRate])).toEqual([['0', 0.5], ['10', 1], [null, 0]]);
    expect(data!.salesRepPerformance.salesReps.map((r) => [r.salesRep, r.won])).toEqual([['ana', 4], ['ben', 3]]);
    expect(data!.bottlenecks.workingShare).toBeCloseTo(306 / 1286, 10);
  });

  it('refuses bad arguments naming the field, the value and the rule', async () => {
    const { errors } = await insights.graphql(staff, `{ processVariants(filter: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }) { caseCount } }`);
    expect(errors?.[0]).toMatchObject({ message: 'filter.to: must be after filter.from (2026-02-01T00:00:00.000Z) (got "2026-01-01T00:00:00Z")', extensions: { code: 'BAD_USER_INPUT' } });
    const bands = await insights.graphql(staff, `{ discountImpact(bands: ["10", "5"]) { bands { won } } }`);
    expect(bands.errors?.[0]?.message).toBe('bands[1]: must be greater than bands[0] (10) (got "5")');
    const first = await insights.graphql(staff, `{ processVariants(first: 0) { caseCount } }`);
    expect(first.errors?.[0]?.message).toBe('first: must be a whole number from 1 to 200 (got 0)');
  });

  it('refuses downloads without a valid link', async () => {
    expect((await fetch(`${insights.url}/exports/process-log.csv`)).status).toBe(401);
    const { data } = await insights.graphql<{ processLogExport: { url: string } }>(staff, `{ processLogExport(format: CSV) { url } }`);
    const forged = data!.processLogExport.url.replace(/token=([^.]+)\./, (_m, payload: string) => `token=${payload.slice(0, -2)}xx.`);
    expect((await fetch(forged)).status).toBe(401);
    // A CSV link does not fetch the XES file.
    expect((await fetch(data!.processLogExport.url.replace('.csv?', '.xes?'))).status).toBe(403);
  });
});
