import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { resultsByVisitIds } from '../store/results.ts';
import { versionsByTemplateIds } from '../store/templates.ts';
import { as, assessmentTasks, assessorSignedInAs, createTestAssessor, FakeCrm, MUNICH, openTestStore, partnerOf, staff } from '../testing/fixtures.ts';
import { recordIndicatorValues, startVisit } from './execution.ts';
import { createActionPlanTemplate, publishTemplateVersion, reviseActionPlanTemplate } from './templates.ts';
import { planVisit } from './visits.ts';

let store: DisposableStore;
const crm = new FakeCrm();
const now = new Date('2026-03-02T08:00:00Z');
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

describe('versioned templates', () => {
  it('a template revised while visits are planned on the old version: those visits keep it, new ones get the new one', async () => {
    const manager = as(store, staff, { crm, now });
    const template = await createActionPlanTemplate(manager, { name: 'Dealer performance assessment', tasks: assessmentTasks(), publish: true });
    expect(template.unique_name).toBe('Dealer_performance_assessment');
    const anna = await createTestAssessor(store, 'anna');
    const before = await planVisit(manager, { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z', assessorIds: [anna.id] });
    expect(before.template_version).toBe(1);

    const draft = await reviseActionPlanTemplate(manager, template.id, { tasks: assessmentTasks({ agentsAtLeast: '25', withFleet: true }), note: 'Stricter training target' });
    expect(draft).toMatchObject({ version: 2, status: 'DRAFT', change_note: 'Stricter training target' });
    // Planning still uses version 1 until the draft is published.
    const meanwhile = await planVisit(manager, { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-11T09:00:00Z' });
    expect(meanwhile.template_version).toBe(1);
    const published = await publishTemplateVersion(manager, draft.id);
    expect(published.status).toBe('PUBLISHED');
    expect((await versionsByTemplateIds(store, [template.id])).map((v) => [v.version, v.status])).toEqual([[2, 'PUBLISHED'], [1, 'OBSOLETE']]);

    const after = await planVisit(manager, { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-12T09:00:00Z' });
    expect(after.template_version).toBe(2);
    const agents = async (visitId: string) => (await resultsByVisitIds(store, [visitId])).find((r) => r.key === 'agents-trained')!;
    expect((await agents(before.id)).expected_number).toBe('20');
    expect((await agents(after.id)).expected_number).toBe('25');
    expect((await resultsByVisitIds(store, [before.id])).map((r) => r.key)).not.toContain('test-drive-fleet');
    expect((await resultsByVisitIds(store, [after.id])).map((r) => r.key)).toContain('test-drive-fleet');

    // 22 agents: met on the old version's target, which the visit keeps.
    const assessor = as(store, assessorSignedInAs('anna'), { crm, now });
    await startVisit(assessor, before.id);
    await recordIndicatorValues(assessor, before.id, [{ indicatorId: (await agents(before.id)).indicator_id!, number: '22' }]);
    expect(await agents(before.id)).toMatchObject({ met: true, deviation: '0' });

    // The obsolete version cannot be chosen for new visits.
    const v1 = (await versionsByTemplateIds(store, [template.id])).find((v) => v.version === 1)!;
    await expect(planVisit(manager, { dealerId: MUNICH, templateVersionId: v1.id, scheduledStart: '2026-03-13T09:00:00Z' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { rule: 'TEMPLATE_VERSION_NOT_PUBLISHED', status: 'OBSOLETE' },
    });
  });

  it('a draft is revised in place; only drafts are published; unpublished templates cannot be planned with', async () => {
    const manager = as(store, staff, { crm, now });
    const template = await createActionPlanTemplate(manager, { name: 'Onboarding audit', uniqueName: 'Onboarding_Audit', tasks: assessmentTasks() });
    await expect(planVisit(manager, { dealerId: MUNICH, templateId: template.id, scheduledStart: '2026-03-10T09:00:00Z' })).rejects.toMatchObject({ details: { rule: 'TEMPLATE_NOT_PUBLISHED' } });
    const again = await reviseActionPlanTemplate(manager, template.id, { tasks: assessmentTasks({ withFleet: true }) });
    expect(again.version).toBe(1);
    expect((await store.query<{ n: number }>('select count(*)::int as n from indicator_definitions where version_id = $1', [again.id]))[0]!.n).toBe(6);
    await publishTemplateVersion(manager, again.id);
    await expect(publishTemplateVersion(manager, again.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'TEMPLATE_VERSION_NOT_DRAFT' } });
    await expect(createActionPlanTemplate(manager, { name: 'Other', uniqueName: 'onboarding_audit', tasks: assessmentTasks() })).rejects.toMatchObject({ details: { rule: 'TEMPLATE_UNIQUE_NAME_TAKEN' } });
    // Unique names differ regardless of case: a name derived from the same words gets a suffix.
    expect((await createActionPlanTemplate(manager, { name: 'Onboarding audit', tasks: assessmentTasks() })).unique_name).toBe('Onboarding_audit_2');
  });

  it('a refused version stores nothing, and only managers write templates', async () => {
    const manager = as(store, staff, { crm, now });
    const bad = assessmentTasks();
    bad[1] = { ...bad[1]!, indicators: [bad[1]!.indicators![0]!, { key: 'agents-trained', question: 'How many agents?', dataType: 'NUMBER', expected: { comparison: 'AT_LEAST', boolean: true } }] };
    await expect(createActionPlanTemplate(manager, { name: 'Broken', tasks: bad })).rejects.toThrow("input.tasks[1].indicators[1].expected.boolean: a NUMBER indicator's expected value is given as number (got true)");
    expect(await store.query('select * from action_plan_templates')).toEqual([]);
    await expect(createActionPlanTemplate(as(store, partnerOf(MUNICH)), { name: 'Mine', tasks: assessmentTasks() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createActionPlanTemplate(as(store, assessorSignedInAs('anna')), { name: 'Mine', tasks: assessmentTasks() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
