import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { resultsByVisitIds } from '../store/results.ts';
import type { TemplateRow } from '../store/rows.ts';
import { tasksByVisitIds, visitsByIds } from '../store/visits.ts';
import { as, assessorSignedInAs, createAssessmentTemplate, createTestAssessor, engineer, FakeCrm, HAMBURG, MUNICH, openTestStore, outboxEvents, partnerOf, staff } from '../testing/fixtures.ts';
import { completeVisit, completeVisitTask, recordIndicatorValues, startVisit } from './execution.ts';
import { assignVisit, cancelVisit, planVisit, rescheduleVisit } from './visits.ts';

let store: DisposableStore;
let template: TemplateRow;
const crm = new FakeCrm();
const now = new Date('2026-03-02T08:00:00Z');
const manager = () => as(store, staff, { crm, now });
const anna = () => as(store, assessorSignedInAs('anna'), { crm, now });
let annaId: string;
let bertId: string;

beforeAll(async () => {
  store = await openTestStore();
  template = await createAssessmentTemplate(store, { now });
  annaId = (await createTestAssessor(store, 'anna', 'Anna Berg')).id;
  bertId = (await createTestAssessor(store, 'bert', 'Bert Lind')).id;
});
afterAll(() => store.close());

async function indicatorIds(visitId: string): Promise<Record<string, string>> {
  return Object.fromEntries((await resultsByVisitIds(store, [visitId])).map((r) => [r.key, r.indicator_id!]));
}

describe('planning and scheduling', () => {
  it('plans at the dealer’s primary location (from CRM), scheduled when assessors are given, with tasks and a result per indicator', async () => {
    const visit = await planVisit(manager(), { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z', scheduledEnd: '2026-03-10T12:00:00Z', assessorIds: [annaId], priority: 'HIGH' });
    expect(visit).toMatchObject({ status: 'SCHEDULED', priority: 'HIGH', dealer_id: MUNICH, template_id: template.id, template_version: 1, number: expect.stringMatching(/^V-\d{6}$/) });
    const [location] = await store.query<{ name: string; description: string; is_primary: boolean }>('select * from dealer_locations where id = $1', [visit.location_id]);
    expect(location).toMatchObject({ name: 'Autohaus München', description: 'Leopoldstr. 1, 80802 München, DE', is_primary: true });
    expect((await tasksByVisitIds(store, [visit.id])).map((t) => [t.position, t.name, t.status])).toEqual([
      [1, 'Front office inspection', 'NOT_STARTED'],
      [2, 'Dealer training and onboarding', 'NOT_STARTED'],
      [3, 'Back office inspection', 'NOT_STARTED'],
    ]);
    expect((await resultsByVisitIds(store, [visit.id])).map((r) => r.key)).toEqual(['new-model-feedback', 'promotion-banners', 'last-product-training', 'agents-trained', 'defective-spare-parts']);
    const scheduled = (await outboxEvents(store)).filter((e) => e.entity_id === visit.id);
    expect(scheduled).toEqual([
      {
        type: 'VisitScheduled',
        entity_id: visit.id,
        dealer_ids: [MUNICH],
        changes: expect.objectContaining({ dealerId: MUNICH, templateId: template.id, templateVersion: 1, scheduledStart: '2026-03-10T09:00:00.000Z', rescheduled: false }),
      },
    ]);
  });

  it('without assessors a visit waits as PLANNED; assigning schedules it, unassigning plans it again; rescheduling is an event', async () => {
    const visit = await planVisit(manager(), { dealerId: HAMBURG, templateId: template.id, scheduledStart: '2026-03-11T09:00:00Z' });
    expect(visit.status).toBe('PLANNED');
    expect((await assignVisit(manager(), visit.id, [annaId, bertId, annaId])).status).toBe('SCHEDULED');
    expect((await store.query('select assessor_id from visit_assessors where visit_id = $1 order by assessor_id', [visit.id])).length).toBe(2);
    await rescheduleVisit(manager(), visit.id, '2026-03-12T09:00:00Z', null);
    const events = (await outboxEvents(store)).filter((e) => e.entity_id === visit.id).map((e) => [e.type, e.changes['rescheduled'], e.changes['previousStart']]);
    expect(events).toEqual([
      ['VisitScheduled', false, null],
      ['VisitScheduled', true, '2026-03-11T09:00:00.000Z'],
    ]);
    expect((await assignVisit(manager(), visit.id, [])).status).toBe('PLANNED');
  });

  it('refuses what cannot be planned, naming the field', async () => {
    const plan = (input: Partial<Parameters<typeof planVisit>[1]>) => planVisit(manager(), { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z', ...input });
    await expect(plan({ dealerId: 'customer-huber' })).rejects.toThrow('input.dealerId: must be a dealer account, not a customer (got "customer-huber")');
    await expect(plan({ dealerId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'input.dealerId' } });
    await expect(plan({ scheduledStart: '2026-03-01T09:00:00Z' })).rejects.toThrow('input.scheduledStart: must not be in the past');
    await expect(plan({ scheduledEnd: '2026-03-10T08:00:00Z' })).rejects.toThrow('input.scheduledEnd: must be after the scheduled start');
    await expect(plan({ assessorIds: ['ghost'] })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'input.assessorIds[0]' } });
    await expect(planVisit(as(store, partnerOf(MUNICH), { crm, now }), { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(planVisit(as(store, assessorSignedInAs('anna'), { crm, now }), { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('plans on with a dealer it knows when CRM cannot be reached', async () => {
    const offline = new FakeCrm();
    offline.unreachable = true;
    const visit = await planVisit(as(store, staff, { crm: offline, now }), { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-20T09:00:00Z' });
    expect(visit.dealer_id).toBe(MUNICH);
    await expect(planVisit(as(store, staff, { crm: offline, now }), { dealerId: 'dealer-new', templateId: template.id, scheduledStart: '2026-03-20T09:00:00Z' })).rejects.toThrow(/could not be reached/);
  });
});

describe('carrying out a visit', () => {
  it('an assessor starts, records typed values (all or nothing), completes tasks and the visit; the score and deviations follow', async () => {
    const visit = await planVisit(manager(), { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z', assessorIds: [annaId] });
    const ids = await indicatorIds(visit.id);
    await expect(recordIndicatorValues(anna(), visit.id, [{ indicatorId: ids['agents-trained']!, number: '22' }])).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'VISIT_STATUS', status: 'SCHEDULED' } });
    expect((await startVisit(anna(), visit.id)).status).toBe('IN_PROGRESS');

    const refused = recordIndicatorValues(anna(), visit.id, [
      { indicatorId: ids['agents-trained']!, number: '12' },
      { indicatorId: ids['promotion-banners']!, number: '1' },
      { indicatorId: ids['defective-spare-parts']!, number: '140' },
      { indicatorId: 'not-an-indicator', text: 'x' },
    ]);
    await expect(refused).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const error = (await refused.catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^3 values were refused: values\[1\]\.number: indicator "Are all promotion banners placed correctly\?" \(promotion-banners, BOOLEAN\) takes a BOOLEAN value: give it as boolean, not as number/);
    expect(error.message).toMatch(/values\[2\]\.number: .*\(defective-spare-parts, PERCENTAGE\) takes a percentage from 0 to 100 \(got "140"\)/);
    expect(error.message).toMatch(/values\[3\]\.indicatorId: is not an indicator of visit V-\d+ \(template version 1\)/);
    expect((await resultsByVisitIds(store, [visit.id])).every((r) => r.recorded_at === null)).toBe(true);

    await recordIndicatorValues(anna(), visit.id, [
      { indicatorId: ids['agents-trained']!, number: '12' },
      { indicatorId: ids['defective-spare-parts']!, number: '25' },
      { indicatorId: ids['new-model-feedback']!, text: 'Customers love the range.' },
    ]);
    const partial = (await visitsByIds(store, { kind: 'all' }, [visit.id]))[0]!;
    expect(partial).toMatchObject({ score: '0.0', met_count: 0, evaluated_count: 2 });
    expect((await tasksByVisitIds(store, [visit.id])).map((t) => t.status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS']);

    // A required indicator without a value stops the task and the visit from completing.
    const [front] = await tasksByVisitIds(store, [visit.id]);
    await expect(completeVisitTask(anna(), front!.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'REQUIRED_INDICATORS_MISSING' } });
    await expect(completeVisit(anna(), visit.id)).rejects.toThrow(
      /cannot complete: 1 required indicator\(s\) have no value: "Are all promotion banners placed correctly\?" \(promotion-banners\); 2 required task\(s\) are not completed: "Front office inspection", "Dealer training and onboarding"/,
    );

    await recordIndicatorValues(anna(), visit.id, [{ indicatorId: ids['promotion-banners']!, boolean: true }, { indicatorId: ids['agents-trained']!, number: '21' }]);
    for (const task of await tasksByVisitIds(store, [visit.id])) if (task.is_required) await completeVisitTask(anna(), task.id);
    const done = await completeVisit(anna(), visit.id);
    expect(done).toMatchObject({ status: 'COMPLETED', completed_at: now, score: '66.7', met_count: 2, evaluated_count: 3 });

    const events = (await outboxEvents(store)).filter((e) => e.entity_id === visit.id && e.type !== 'VisitScheduled');
    expect(events.map((e) => e.type)).toEqual(['VisitStarted', 'VisitCompleted', 'DeviationFlagged']);
    expect(events[1]!.changes).toMatchObject({ dealerId: MUNICH, templateId: template.id, templateVersion: 1, scheduledStart: '2026-03-10T09:00:00.000Z', score: '66.7', met: 2, evaluated: 3, deviations: 1 });
    expect(events[2]).toMatchObject({
      dealer_ids: [MUNICH],
      changes: { indicatorId: ids['defective-spare-parts'], key: 'defective-spare-parts', comparison: 'AT_MOST', expected: '10', actual: '25', deviation: '15', relativeDeviation: '150.0', unit: 'PERCENTAGE_POINTS', expectation: 'at most 10 %' },
    });
    await expect(recordIndicatorValues(anna(), visit.id, [{ indicatorId: ids['agents-trained']!, number: '30' }])).rejects.toMatchObject({ details: { rule: 'VISIT_STATUS', status: 'COMPLETED' } });
  });

  it('only the assigned assessors (or staff) carry out a visit; partners and engineers only read', async () => {
    const visit = await planVisit(manager(), { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z', assessorIds: [annaId] });
    await expect(startVisit(as(store, assessorSignedInAs('bert'), { crm, now }), visit.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(startVisit(as(store, partnerOf(MUNICH), { crm, now }), visit.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(startVisit(as(store, engineer, { crm, now }), visit.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await startVisit(manager(), visit.id);
    const cancelled = await cancelVisit(manager(), visit.id, 'Dealer closed for inventory');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', status_remarks: 'Dealer closed for inventory' });
    const [event] = (await outboxEvents(store)).filter((e) => e.entity_id === visit.id && e.type === 'VisitCancelled');
    expect(event!.changes).toMatchObject({ previousStatus: 'IN_PROGRESS', reason: 'Dealer closed for inventory' });
    await expect(cancelVisit(manager(), visit.id, 'again')).rejects.toMatchObject({ details: { rule: 'VISIT_STATUS' } });
  });

  it('values can be cleared while in progress, and the score follows', async () => {
    const visit = await planVisit(manager(), { dealerId: HAMBURG, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z', assessorIds: [annaId] });
    const ids = await indicatorIds(visit.id);
    await startVisit(anna(), visit.id);
    expect(await recordIndicatorValues(anna(), visit.id, [{ indicatorId: ids['agents-trained']!, number: '20' }])).toMatchObject({ score: '100.0', evaluated_count: 1 });
    expect(await recordIndicatorValues(anna(), visit.id, [{ indicatorId: ids['agents-trained']!, clear: true }])).toMatchObject({ score: null, evaluated_count: 0 });
    const agents = (await resultsByVisitIds(store, [visit.id])).find((r) => r.key === 'agents-trained')!;
    expect(agents).toMatchObject({ actual_number: null, recorded_at: null, met: null });
  });
});
