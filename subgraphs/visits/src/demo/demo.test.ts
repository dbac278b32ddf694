import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { dealerPerformanceOf } from '../commands/performance.ts';
import { as, openTestStore, staff } from '../testing/fixtures.ts';
import { generateVisitsDemo, type DemoDealer } from './generate.ts';
import { loadVisitsDemoIfEmpty } from './load.ts';

const DEALERS: DemoDealer[] = [
  { id: 'd-1', name: 'Autohaus Nord', dealerCode: 'D-001', address: { street: 'Hafenstr. 2', city: 'Hamburg', postalCode: '20457', country: 'DE', latitude: 53.54, longitude: 9.98 } },
  { id: 'd-2', name: 'Autohaus Süd', dealerCode: 'D-002', address: null },
  { id: 'd-3', name: 'Autohaus West', dealerCode: 'D-003', address: null },
];

let store: DisposableStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

describe('demo data', () => {
  it('is deterministic: the same dealers give the same rows, ids included, in any order', () => {
    const once = generateVisitsDemo(DEALERS, { productId: 'p-1' });
    expect(generateVisitsDemo([...DEALERS].reverse(), { productId: 'p-1' })).toEqual(once);
    expect(once.visits).toHaveLength(3 * 7 + 1);
    expect(once.template_versions.map((v) => [v['name'], v['status']])).toEqual([
      ['Dealer performance assessment v1', 'OBSOLETE'],
      ['Dealer performance assessment v2', 'PUBLISHED'],
      ['Dealer onboarding audit v1', 'PUBLISHED'],
    ]);
  });

  it('loads once into an empty store: six scored months per dealer, visits before the revision on version 1, the next visits on calendars', async () => {
    const outcome = await loadVisitsDemoIfEmpty(store, DEALERS, 'p-1');
    expect(outcome).toMatchObject({ loaded: true, counts: { dealers: 3, assessors: 3, action_plan_templates: 2, visits: 22 } });
    expect(await loadVisitsDemoIfEmpty(store, DEALERS, 'p-1')).toEqual({ loaded: false });
    const byStatus = await store.query<{ status: string; n: number }>('select status, count(*)::int as n from visits group by status order by status');
    expect(byStatus).toEqual([{ status: 'COMPLETED', n: 18 }, { status: 'PLANNED', n: 1 }, { status: 'SCHEDULED', n: 3 }]);
    const versions = await store.query<{ month: string; version: number }>(
      "select distinct to_char(v.completed_at, 'YYYY-MM') as month, tv.version from visits v join template_versions tv on tv.id = v.template_version_id where v.status = 'COMPLETED' order by month",
    );
    expect(versions.map((v) => `${v.month}:v${v.version}`)).toEqual(['2025-07:v1', '2025-08:v1', '2025-09:v1', '2025-10:v2', '2025-11:v2', '2025-12:v2']);
    const performance = await dealerPerformanceOf(as(store, staff), 'd-1', { from: '2025-07-01', to: '2025-12-31' });
    expect(performance.months.every((m) => m.visits === 1 && m.score !== null)).toBe(true);
    expect(performance.trend.direction).not.toBe('INSUFFICIENT_DATA');
    expect(performance.indicators.map((i) => i.key)).toContain('test-drive-fleet');
    const [location] = await store.query<{ description: string }>("select description from dealer_locations where dealer_id = 'd-1'");
    expect(location!.description).toBe('Hafenstr. 2, 20457 Hamburg, DE');
  });
});
