import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { resultsByVisitIds } from '../store/results.ts';
import type { TemplateRow } from '../store/rows.ts';
import { tasksByVisitIds } from '../store/visits.ts';
import { as, assessorSignedInAs, createAssessmentTemplate, createTestAssessor, FakeCrm, HAMBURG, MUNICH, openTestStore, partnerOf, staff } from '../testing/fixtures.ts';
import { completeVisit, completeVisitTask, recordIndicatorValues, startVisit } from './execution.ts';
import { dealerPerformanceOf } from './performance.ts';
import { planVisit } from './visits.ts';

/**
 * Six months of visits generated through the commands, on the calendar each happened on: one dealer trains more
 * agents and keeps fewer defective parts every month (improving), the other slips. On a Postgres server (the other
 * visits tests use the embedded store): the reports' SQL runs on both.
 */
let store: DisposableStore;
let template: TemplateRow;
const crm = new FakeCrm();
const MONTHS = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'];

/** Month m's values: agents trained and defective parts, per dealer. */
const PLAN: Record<string, { agents: string; defective: string; banners: boolean }[]> = {
  [MUNICH]: [
    { agents: '12', defective: '18', banners: false },
    { agents: '15', defective: '14', banners: false },
    { agents: '19', defective: '11', banners: true },
    { agents: '21', defective: '9.5', banners: true },
    { agents: '24', defective: '7', banners: true },
    { agents: '26', defective: '4', banners: true },
  ],
  [HAMBURG]: [
    { agents: '25', defective: '3', banners: true },
    { agents: '23', defective: '6', banners: true },
    { agents: '20', defective: '12', banners: true },
    { agents: '17', defective: '13', banners: false },
    { agents: '15', defective: '16', banners: false },
    { agents: '11', defective: '22', banners: false },
  ],
};

beforeAll(async () => {
  store = await openTestStore('postgres');
  template = await createAssessmentTemplate(store, { now: new Date('2025-06-01T00:00:00Z') });
  const anna = await createTestAssessor(store, 'anna');
  for (const [dealerId, months] of Object.entries(PLAN)) {
    for (const [m, values] of months.entries()) {
      const day = new Date(`${MONTHS[m]}-15T09:00:00Z`);
      const clock = { crm, now: new Date(day.getTime() - 7 * 86_400_000) };
      const visit = await planVisit(as(store, staff, clock), { dealerId, templateId: template.id, scheduledStart: day, assessorIds: [anna.id] });
      const onSite = as(store, assessorSignedInAs('anna'), { crm, now: day });
      await startVisit(onSite, visit.id);
      const ids = Object.fromEntries((await resultsByVisitIds(store, [visit.id])).map((r) => [r.key, r.indicator_id!]));
      await recordIndicatorValues(onSite, visit.id, [
        { indicatorId: ids['agents-trained']!, number: values.agents },
        { indicatorId: ids['defective-spare-parts']!, number: values.defective },
        { indicatorId: ids['promotion-banners']!, boolean: values.banners },
        { indicatorId: ids['last-product-training']!, date: `${MONTHS[m]}-01` },
      ]);
      for (const task of await tasksByVisitIds(store, [visit.id])) if (task.is_required) await completeVisitTask(onSite, task.id);
      await completeVisit(onSite, visit.id);
    }
  }
}, 120_000);
afterAll(() => store.close());

describe('dealer performance over six months of generated visits', () => {
  it('per month and overall, with the trend: the improving dealer', async () => {
    const performance = await dealerPerformanceOf(as(store, staff), MUNICH, { from: '2025-07-01', to: '2025-12-31' });
    expect(performance.months.map((m) => [m.month, m.visits, m.met, m.evaluated, m.score])).toEqual([
      ['2025-07', 1, 0, 3, '0.0'],
      ['2025-08', 1, 0, 3, '0.0'],
      ['2025-09', 1, 1, 3, '33.3'],
      ['2025-10', 1, 3, 3, '100.0'],
      ['2025-11', 1, 3, 3, '100.0'],
      ['2025-12', 1, 3, 3, '100.0'],
    ]);
    expect(performance).toMatchObject({ visits: 6, met: 10, evaluated: 18, score: '55.6', trend: { direction: 'IMPROVING', months: 6 } });
    expect(Number(performance.trend.slope)).toBeGreaterThan(15);

    const agents = performance.indicators.find((i) => i.key === 'agents-trained')!;
    expect(agents).toMatchObject({ dataType: 'NUMBER', recorded: 6, met: 3, evaluated: 6, metRate: '50.0', trend: { direction: 'IMPROVING' } });
    expect(agents.months.map((m) => [m.month, m.average, m.averageDeviation])).toEqual([
      ['2025-07', '12', '-8'],
      ['2025-08', '15', '-5'],
      ['2025-09', '19', '-1'],
      ['2025-10', '21', '0'],
      ['2025-11', '24', '0'],
      ['2025-12', '26', '0'],
    ]);
    const defective = performance.indicators.find((i) => i.key === 'defective-spare-parts')!;
    expect(defective.months.map((m) => m.averageDeviation)).toEqual(['8', '4', '1', '0', '0', '0']);
    // Questions without an expectation are recorded but never evaluated.
    expect(performance.indicators.find((i) => i.key === 'last-product-training')).toMatchObject({ recorded: 6, evaluated: 0, metRate: null, trend: { direction: 'INSUFFICIENT_DATA' } });
  });

  it('the declining dealer; a range narrows the months', async () => {
    const performance = await dealerPerformanceOf(as(store, staff), HAMBURG, { from: '2025-07-01', to: '2025-12-31' });
    expect(performance.months.map((m) => m.score)).toEqual(['100.0', '100.0', '66.7', '0.0', '0.0', '0.0']);
    expect(performance.trend.direction).toBe('DECLINING');
    const lastQuarter = await dealerPerformanceOf(as(store, staff), HAMBURG, { from: '2025-10-01', to: '2025-12-31' });
    expect(lastQuarter).toMatchObject({ visits: 3, score: '0.0', trend: { direction: 'STEADY', slope: '0.0' } });
  });

  it('a partner reads its own dealer’s performance only; by default the six months up to today', async () => {
    const own = await dealerPerformanceOf(as(store, partnerOf(MUNICH), { now: new Date('2025-12-20T12:00:00Z') }), MUNICH, {});
    expect(own).toMatchObject({ from: '2025-07-01', to: '2025-12-20', visits: 6 });
    await expect(dealerPerformanceOf(as(store, partnerOf(MUNICH)), HAMBURG, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // An assessor sees what its visits show; one with no visits sees none.
    expect((await dealerPerformanceOf(as(store, assessorSignedInAs('anna')), MUNICH, { from: '2025-07-01', to: '2025-12-31' })).visits).toBe(6);
    expect((await dealerPerformanceOf(as(store, assessorSignedInAs('zoe')), MUNICH, { from: '2025-07-01', to: '2025-12-31' })).visits).toBe(0);
  });
});
