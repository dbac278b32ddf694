import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMetadata } from '@l2c/salesforce-emulator';
import { columnsOfValues, compileMappings, readRecord, valuesOfRow, type CompiledMapping, type SObjectDescribe } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { openTestStore } from '../testing/fixtures.ts';
import { visitsMappings } from './mappings.ts';
import { booleanPicklist, dataType, dateAsDateTime, indicatorNumber, visitStatus } from './values.ts';

/**
 * The visits mappings against the emulator's org schema (whose metadata files follow the real objects) and the
 * visits store's tables: compiled exactly as the engine compiles them at start, then each mapping's way out and back.
 */
const schema = loadMetadata();
let store: DisposableStore;
let compiled: CompiledMapping[];

beforeAll(async () => {
  store = await openTestStore();
  compiled = await compileMappings(visitsMappings, async (name) => {
    const object = schema.object(name);
    if (!object) throw new Error(`no object ${name}`);
    return object.describe as unknown as SObjectDescribe;
  }, store);
});
afterAll(() => store.close());

const mapping = (name: string) => compiled.find((m) => m.name === name)!;
const links = new Map([
  ['Account', new Map([['dealer-1', '001000000000001AAA']])],
  ['Location', new Map([['loc-1', '131000000000001AAA']])],
  ['ActionPlanTemplateVersion', new Map([['version-1', '0PE000000000001AAA']])],
  ['Visit', new Map([['visit-1', '0Z5000000000001AAA']])],
  ['AssessmentTask', new Map([['task-1', '0Nc000000000001AAA']])],
  ['AssessmentIndicatorDefinition', new Map([['ind-1', '0Nb000000000001AAA']])],
]);
const reverse = new Map([...links].map(([name, byLocal]) => [name, new Map([...byLocal].map(([local, sf]) => [sf, local]))]));

describe('visits mappings', () => {
  it('fit the org’s describe and the store’s tables, parents first', () => {
    expect(compiled.map((m) => `${m.level}:${m.name}`)).toEqual([
      '0:Account', '0:ActionPlanTemplate', '0:AssessmentIndicatorDefinition', '0:Location',
      '1:ActionPlanTemplateVersion', '2:ActionPlanTemplateItem', '2:Visit', '3:AssessmentTask', '4:RetailVisitKpi',
    ]);
    expect(compiled.map((m) => [m.name, m.inbound, m.outbound])).toContainEqual(['Account', true, false]);
    expect(compiled.map((m) => [m.name, m.inbound, m.outbound])).toContainEqual(['ActionPlanTemplateVersion', false, true]);
  });

  it('push every field Salesforce requires on create', () => {
    const missing = compiled.filter((m) => m.outbound).flatMap((m) => {
      const pushed = new Set(m.fields.filter((f) => f.outbound).map((f) => f.sf.toLowerCase()));
      return schema.object(m.sObject)!.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && !pushed.has(f.name.toLowerCase())).map((f) => `${m.sObject}.${f.name}`);
    });
    expect(missing).toEqual([]);
  });

  it('a visit goes out with its dealer, place, version and Salesforce’s statuses, and its working fields come back', () => {
    const row = {
      id: 'visit-1', dealer_id: 'dealer-1', location_id: 'loc-1', template_version_id: 'version-1', status: 'SCHEDULED', priority: 'HIGH', instructions: 'Bring the audit kit',
      scheduled_start: new Date('2026-03-10T09:00:00Z'), scheduled_end: null, started_at: null, completed_at: null, status_remarks: null,
    };
    const { values, problems } = valuesOfRow(mapping('Visit'), row, links);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ AccountId: '001000000000001AAA', PlaceId: '131000000000001AAA', L2C_Template_Version__c: '0PE000000000001AAA', Status: 'Planned', VisitPriority: 'High', PlannedVisitStartTime: '2026-03-10T09:00:00.000Z', L2C_Id__c: 'visit-1' });
    const record = readRecord(mapping('Visit'), { Id: '0Z5000000000001AAA', ...values, Status: 'Completed', ActualVisitEndTime: '2026-03-10T11:30:00.000Z', StatusRemarks: 'All good' });
    const back = columnsOfValues(mapping('Visit').fields, record.values, reverse).columns;
    expect(back).toEqual({ scheduled_start: new Date('2026-03-10T09:00:00Z'), scheduled_end: null, started_at: null, completed_at: new Date('2026-03-10T11:30:00Z'), status: 'COMPLETED', status_remarks: 'All good', priority: 'HIGH', instructions: 'Bring the audit kit' });
    expect(back).not.toHaveProperty('dealer_id');
  });

  it('a KPI pushes its target and actual in the fields of its type; only the actual comes back', () => {
    const row = {
      id: 'kpi-1', visit_id: 'visit-1', visit_task_id: 'task-1', indicator_id: 'ind-1',
      expected_number: '10', expected_boolean: null, expected_text: null, expected_date: null,
      actual_number: '25.5', actual_boolean: null, actual_text: null, actual_date: null,
    };
    const { values, problems } = valuesOfRow(mapping('RetailVisitKpi'), row, links);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ VisitId: '0Z5000000000001AAA', AssessmentTaskId: '0Nc000000000001AAA', AssessmentIndDefinitionId: '0Nb000000000001AAA', TargetDecimalValue: 10, ActualDecimalValue: 25.5, TargetBooleanValue: null });
    const edited = readRecord(mapping('RetailVisitKpi'), { Id: '0Nd000000000001AAA', ...values, TargetDecimalValue: 50, ActualDecimalValue: 8 });
    expect(columnsOfValues(mapping('RetailVisitKpi').fields, edited.values, reverse).columns).toEqual({ actual_number: '8', actual_boolean: null, actual_text: null, actual_date: null });
  });

  it('converters: visit statuses, True/False picklists, dates in datetime fields, exact indicator numbers, data types', () => {
    expect([visitStatus.toSalesforce('PLANNED'), visitStatus.toSalesforce('CANCELLED'), visitStatus.fromSalesforce('InProgress')]).toEqual(['Unscheduled', 'Abandoned', 'IN_PROGRESS']);
    expect(() => visitStatus.fromSalesforce('Error')).toThrow(/is not a known Salesforce value/);
    expect([booleanPicklist.toSalesforce(true), booleanPicklist.fromSalesforce('False')]).toEqual(['True', false]);
    expect(() => booleanPicklist.fromSalesforce('Yes')).toThrow(/must be True or False/);
    expect(dateAsDateTime.toSalesforce('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    // Local midnight in Berlin (UTC+1) and in New York (UTC−5) both read as the date entered.
    expect(dateAsDateTime.fromSalesforce('2026-02-28T23:00:00.000Z')).toBe('2026-03-01');
    expect(dateAsDateTime.fromSalesforce('2026-03-01T05:00:00.000Z')).toBe('2026-03-01');
    expect(indicatorNumber.fromSalesforce(12.3456)).toBe('12.3456');
    expect(indicatorNumber.fromSalesforce(20)).toBe('20');
    expect(() => indicatorNumber.fromSalesforce(0.1 + 0.2)).toThrow(/at most 4 decimal places/);
    expect([dataType.toSalesforce('DATE'), dataType.toSalesforce('TEXT'), dataType.fromSalesforce('Decimal')]).toEqual(['DateTime', 'String', 'NUMBER']);
  });
});
