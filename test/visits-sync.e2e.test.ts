/**
 * The visits round trip with Salesforce (embedded store, the emulator through jsforce, real Redis): templates, a
 * visit, its tasks and KPIs pushed as Partner Visit Management objects, parents by Salesforce Id; values and a
 * completion recorded in Salesforce (as the Partner Visit app would) come back, are evaluated and scored, and record
 * the same events as the graph's own commands; a cancellation made here goes out; nothing echoes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, type SalesforceClient, type SyncEngine, type SyncRun } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { disposeEngine, runFinished, startTestOrg, type TestOrg } from '@l2c/test-support/sync';
import {
  as,
  assessorSignedInAs,
  cancelVisit,
  createAssessmentTemplate,
  createTestAssessor,
  FakeCrm,
  HAMBURG,
  MUNICH,
  openTestStore,
  outboxEvents,
  planVisit,
  recordIndicatorValues,
  resultsByVisitIds,
  staff,
  startVisit,
  visitsByIds,
  visitsMappings,
  type TemplateRow,
  type VisitRow,
} from '@l2c/visits/testing';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
const crm = new FakeCrm();
const now = new Date(Date.now() - 60_000);
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;
let client: SalesforceClient;
let template: TemplateRow;
let visit: VisitRow;
let other: VisitRow;
const sfIds = new Map<string, string>();

const finished = (runId: string): Promise<SyncRun> => runFinished(engine, runId, { timeoutMs: 120_000, pollMs: 50 });
const stat = (run: SyncRun, key: string) => (run.stats[key] as number | undefined) ?? 0;
const sfId = async (mapping: string, localId: string) => (await store.query<{ sf_id: string }>('select sf_id from sync_links where mapping = $1 and local_id = $2', [mapping, localId]))[0]?.sf_id;

beforeAll(async () => {
  org = await startTestOrg();
  client = await org.connect();
  // The dealers as CRM pushes them: dealer accounts carrying the graph's ids.
  for (const [id, name] of [[MUNICH, 'Autohaus München'], [HAMBURG, 'Autohaus Hamburg']] as const) {
    const [saved] = await client.create('Account', [{ Name: name, Type: 'Dealer', AccountNumber: id.toUpperCase(), L2C_Id__c: id }]);
    sfIds.set(id, saved!.id!);
  }
  await client.create('Account', [{ Name: 'A customer', Type: 'Customer - Direct', L2C_Id__c: 'customer-1' }]);
  store = await openTestStore();
  engine = createSyncEngine({ store, mappings: visitsMappings, salesforce: org.clientOptions(), queue: { redisUrl, prefix }, source: 'visits', logger: createLogger('visits-sync-test', 'warn'), triggers: false, tuning: { bulkPollMs: 50 } });
  await engine.start();

  template = await createAssessmentTemplate(store, { now });
  const anna = await createTestAssessor(store, 'anna');
  visit = await planVisit(as(store, staff, { crm, now }), { dealerId: MUNICH, templateId: template.id, scheduledStart: new Date(now.getTime() + 3_600_000), assessorIds: [anna.id], instructions: 'Quarterly assessment' });
  other = await planVisit(as(store, staff, { crm, now }), { dealerId: HAMBURG, templateId: template.id, scheduledStart: new Date(now.getTime() + 7_200_000), assessorIds: [anna.id] });
  const onSite = as(store, assessorSignedInAs('anna'), { crm });
  await startVisit(onSite, visit.id);
  const ids = Object.fromEntries((await resultsByVisitIds(store, [visit.id])).map((r) => [r.key, r.indicator_id!]));
  await recordIndicatorValues(onSite, visit.id, [{ indicatorId: ids['last-product-training']!, date: '2026-02-20' }]);
}, 180_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

describe('visits and Salesforce, both ways', () => {
  it('pushes templates, locations, visits, tasks and KPIs, parents first, with dealers read from the org', async () => {
    const run = await finished((await engine.startSync({ objects: 'all', mode: 'full', direction: 'both' })).id);
    expect(run.status, JSON.stringify(run)).toBe('completed');
    // Only the two dealers carrying our ids are mirrored, and they are the graph's dealers.
    expect(stat(run, 'inserted')).toBe(0);
    expect((await store.query<{ local_id: string }>("select local_id from sync_links where mapping = 'Account' order by local_id")).map((l) => l.local_id)).toEqual([HAMBURG, MUNICH].sort());
    // 1 template, 1 version, 3 items, 5 definitions, 2 locations, 2 visits, 6 tasks, 10 KPIs.
    expect(stat(run, 'pushedCreated')).toBe(1 + 1 + 3 + 5 + 2 + 2 + 6 + 10);

    const [sfVisit] = (await client.query(`select Id, Name, AccountId, PlaceId, L2C_Template_Version__c, Status, PlannedVisitStartTime, ActualVisitStartTime, InstructionDescription from Visit where L2C_Id__c = '${visit.id}'`)).records;
    expect(sfVisit).toMatchObject({
      AccountId: sfIds.get(MUNICH),
      PlaceId: await sfId('Location', visit.location_id),
      L2C_Template_Version__c: await sfId('ActionPlanTemplateVersion', visit.template_version_id),
      Status: 'InProgress',
      InstructionDescription: 'Quarterly assessment',
    });
    const [version] = (await client.query(`select Name, Status, Version, ActionPlanTemplate.UniqueName from ActionPlanTemplateVersion where Id = '${await sfId('ActionPlanTemplateVersion', visit.template_version_id)}'`)).records;
    expect(version).toMatchObject({ Name: 'Dealer performance assessment v1', Status: 'Published', Version: 1, ActionPlanTemplate: { UniqueName: 'Dealer_performance_assessment' } });
    const items = (await client.query('select Name, DisplayOrder, IsRequired, ItemEntityType from ActionPlanTemplateItem order by DisplayOrder')).records;
    expect(items.map((i) => [i['Name'], i['DisplayOrder'], i['IsRequired']])).toEqual([['Front office inspection', 1, true], ['Dealer training and onboarding', 2, true], ['Back office inspection', 3, false]]);
    const definitions = (await client.query('select Name, DataType from AssessmentIndicatorDefinition order by Name')).records;
    expect(definitions.map((d) => d['DataType']).sort()).toEqual(['Boolean', 'DateTime', 'Number', 'Percentage', 'String']);
    const kpis = (await client.query(`select AssessmentIndDefinition.Name, TargetDecimalValue, TargetBooleanValue, ActualDateTimeValue from RetailVisitKpi where Visit.L2C_Id__c = '${visit.id}'`)).records;
    const byQuestion = new Map(kpis.map((k) => [(k['AssessmentIndDefinition'] as { Name: string }).Name, k]));
    expect(byQuestion.get('How many agents attended the training?')).toMatchObject({ TargetDecimalValue: 20 });
    expect(byQuestion.get('Are all promotion banners placed correctly?')).toMatchObject({ TargetBooleanValue: 'True' });
    expect(byQuestion.get('When was the last product training?')).toMatchObject({ ActualDateTimeValue: '2026-02-20T00:00:00.000+0000' });
    const tasks = (await client.query(`select Name, Status, SequenceNumber from AssessmentTask where Parent.L2C_Id__c = '${visit.id}' order by SequenceNumber`)).records;
    expect(tasks.map((t) => [t['Name'], t['Status']])).toEqual([['Front office inspection', 'NotStarted'], ['Dealer training and onboarding', 'InProgress'], ['Back office inspection', 'NotStarted']]);
  }, 120_000);

  it('values and a completion recorded in Salesforce come back: evaluated, scored, and heard as events', async () => {
    const kpis = (await client.query(`select Id, AssessmentIndDefinition.Name from RetailVisitKpi where Visit.L2C_Id__c = '${visit.id}'`)).records;
    const kpi = (question: string) => kpis.find((k) => (k['AssessmentIndDefinition'] as { Name: string }).Name === question)!['Id'];
    await client.update('RetailVisitKpi', [
      { Id: kpi('How many agents attended the training?'), ActualDecimalValue: 12 },
      { Id: kpi('Are all promotion banners placed correctly?'), ActualBooleanValue: 'True' },
      { Id: kpi('What percentage of spare parts in stock are defective?'), ActualDecimalValue: 8.5 },
      // Salesforce's own target edits are not taken: the version's expectation stands.
      { Id: kpi('What feedback have customers given on the new vehicle model?'), ActualStringValue: 'They love it', TargetStringValue: 'They love it' },
    ]);
    const [sfVisit] = (await client.query(`select Id from Visit where L2C_Id__c = '${visit.id}'`)).records;
    await client.update('Visit', [{ Id: sfVisit!['Id'], Status: 'Completed', ActualVisitEndTime: new Date(now.getTime() + 2 * 3_600_000).toISOString() }]);

    const run = await finished((await engine.startSync({ objects: 'all', mode: 'incremental', direction: 'in' })).id);
    expect(run.status, JSON.stringify(run)).toBe('completed');
    expect(stat(run, 'failed')).toBe(0);

    const results = new Map((await resultsByVisitIds(store, [visit.id])).map((r) => [r.key, r]));
    expect(results.get('agents-trained')).toMatchObject({ actual_number: '12', met: false, deviation: '-8', relative_deviation: '-40.0', recorded_by: 'salesforce' });
    expect(results.get('promotion-banners')).toMatchObject({ actual_boolean: true, met: true });
    expect(results.get('defective-spare-parts')).toMatchObject({ actual_number: '8.5', met: true, deviation: '0' });
    expect(results.get('new-model-feedback')).toMatchObject({ actual_text: 'They love it', expected_text: null, met: null });
    const [completed] = await visitsByIds(store, { kind: 'all' }, [visit.id]);
    expect(completed).toMatchObject({ status: 'COMPLETED', completed_at: new Date(now.getTime() + 2 * 3_600_000), score: '66.7', met_count: 2, evaluated_count: 3 });

    const events = (await outboxEvents(store)).filter((e) => e.entity_id === visit.id).map((e) => e.type);
    expect(events).toContain('VisitCompleted');
    const flagged = (await outboxEvents(store)).filter((e) => e.entity_id === visit.id && e.type === 'DeviationFlagged');
    expect(flagged.map((e) => [e.changes['key'], e.changes['expected'], e.changes['actual'], e.changes['deviation']])).toEqual([['agents-trained', '20', '12', '-8']]);
  }, 120_000);

  it('a value Salesforce holds that the indicator cannot take fails that record only, named', async () => {
    const [kpi] = (await client.query(`select Id from RetailVisitKpi where Visit.L2C_Id__c = '${other.id}' and AssessmentIndDefinition.Name = 'Are all promotion banners placed correctly?'`)).records;
    await client.update('RetailVisitKpi', [{ Id: kpi!['Id'], ActualDecimalValue: 3 }]);
    const run = await finished((await engine.startSync({ objects: ['RetailVisitKpi'], mode: 'incremental', direction: 'in' })).id);
    expect(run.status).toBe('completed');
    const failures = await engine.listFailures({ mapping: 'RetailVisitKpi' });
    expect(failures.map((f) => [f.errorCode, f.sfId])).toEqual([['LOCAL_23514', kpi!['Id']]]);
  }, 120_000);

  it('a cancellation made here goes out; then nothing echoes', async () => {
    await cancelVisit(as(store, staff, { crm }), other.id, 'Dealer closed for inventory');
    const push = await finished((await engine.startSync({ objects: 'all', mode: 'incremental', direction: 'out' })).id);
    expect(push.status).toBe('completed');
    expect(stat(push, 'pushedUpdated')).toBe(1);
    const [sfOther] = (await client.query(`select Status, StatusRemarks from Visit where L2C_Id__c = '${other.id}'`)).records;
    expect(sfOther).toMatchObject({ Status: 'Abandoned', StatusRemarks: 'Dealer closed for inventory' });

    const again = await finished((await engine.startSync({ objects: 'all', mode: 'incremental', direction: 'both' })).id);
    expect(again.status).toBe('completed');
    expect(['inserted', 'updated', 'deleted', 'conflicts', 'pushedCreated', 'pushedUpdated', 'pushedDeleted'].map((k) => stat(again, k))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  }, 120_000);

  it('visits planned in Salesforce itself are not mirrored: they have no template version here', async () => {
    const [location] = (await client.query('select Id from Location limit 1')).records;
    await client.create('Visit', [{ PlaceId: location!['Id'], PlannedVisitStartTime: new Date().toISOString(), Status: 'Planned' }]);
    const run = await finished((await engine.startSync({ objects: ['Visit'], mode: 'incremental', direction: 'in' })).id);
    expect(run.status).toBe('completed');
    expect(stat(run, 'inserted')).toBe(0);
    expect((await store.query<{ n: number }>('select count(*)::int as n from visits'))[0]!.n).toBe(2);
  }, 120_000);
});
