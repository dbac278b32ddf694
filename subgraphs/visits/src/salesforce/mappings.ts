/**
 * Visits ↔ Salesforce (Partner Visit Management, salesforce-objects.md 1e): which table mirrors which sObject, field
 * by field. The engine checks these against the org's describe at start and syncs parents first:
 * `0: Account, ActionPlanTemplate, AssessmentIndicatorDefinition, Location · 1: ActionPlanTemplateVersion ·
 * 2: ActionPlanTemplateItem, Visit · 3: AssessmentTask · 4: RetailVisitKpi`.
 *
 * Decisions:
 * - The graph plans; Salesforce works the visits. Templates (versions, items, indicator definitions) are written here
 *   and pushed: a published version never changes, so nothing from Salesforce may change it. Visits, their tasks and
 *   KPIs go both ways: status, actual times and remarks, task status and actual values recorded in Salesforce (the
 *   Partner Visit mobile app) come back, and are evaluated and scored here as if recorded in the graph.
 * - Only records that carry our id (`L2C_Id__c`) are mirrored inbound: visits planned in Salesforce, or its other
 *   action plan templates and locations, have no template version, dealer location or indicator types here.
 * - Dealers are CRM's accounts. This subgraph reads them (inbound only) to resolve Visit.AccountId; CRM pushes them
 *   with the same `L2C_Id__c`, so a dealer has one id across the graph. A visit whose dealer CRM has not pushed yet
 *   waits (`PARENT_NOT_SYNCED`, retried).
 * - Org-added field: `Visit.L2C_Template_Version__c` (lookup to ActionPlanTemplateVersion), the version the visit was
 *   planned with. Local only: assessors (Salesforce's VisitorId is a user), a range's upper bound and comparison,
 *   context records, indicator keys and units, scores and deviations (computed here).
 */
import { convert, defineMapping, type SyncMapping } from '@l2c/shared';
import { recordInboundResultChanges, recordInboundVisitChanges } from './inboundEvents.ts';
import { booleanPicklist, dataType, dateAsDateTime, indicatorNumber, locationType, taskStatus, versionStatus, visitPriority, visitStatus } from './values.ts';

const EXTERNAL_ID = 'L2C_Id__c';
const OURS = 'L2C_Id__c != null';

export const dealerMapping = defineMapping({
  name: 'Account',
  sObject: 'Account',
  table: 'dealers',
  externalId: EXTERNAL_ID,
  direction: 'inbound',
  conflictPolicy: 'salesforce_wins',
  touchColumn: 'updated_at',
  where: `Type = 'Dealer' AND ${OURS}`,
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'AccountNumber', column: 'dealer_code' },
  ],
});

export const locationMapping = defineMapping({
  name: 'Location',
  sObject: 'Location',
  table: 'dealer_locations',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  where: OURS,
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'LocationType', column: 'location_type', convert: locationType },
    { sf: 'Description', column: 'description' },
    { sf: 'Latitude', column: 'latitude' },
    { sf: 'Longitude', column: 'longitude' },
  ],
});

export const templateMapping = defineMapping({
  name: 'ActionPlanTemplate',
  sObject: 'ActionPlanTemplate',
  table: 'action_plan_templates',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  where: OURS,
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'UniqueName', column: 'unique_name' },
    { sf: 'Description', column: 'description' },
    { sf: 'ActionPlanType', column: 'action_plan_type', direction: 'outbound' },
    { sf: 'TargetEntityType', column: 'target_entity_type', direction: 'outbound' },
  ],
});

export const templateVersionMapping = defineMapping({
  name: 'ActionPlanTemplateVersion',
  sObject: 'ActionPlanTemplateVersion',
  table: 'template_versions',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'ActionPlanTemplateId', column: 'template_id', reference: 'ActionPlanTemplate' },
    { sf: 'Name', column: 'name' },
    { sf: 'Status', column: 'status', convert: versionStatus },
    { sf: 'Version', column: 'version', convert: convert.integer() },
  ],
});

export const templateItemMapping = defineMapping({
  name: 'ActionPlanTemplateItem',
  sObject: 'ActionPlanTemplateItem',
  table: 'template_tasks',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'ActionPlanTemplateVersionId', column: 'version_id', reference: 'ActionPlanTemplateVersion' },
    { sf: 'Name', column: 'name' },
    { sf: 'ItemEntityType', column: 'item_entity_type' },
    { sf: 'DisplayOrder', column: 'position', convert: convert.integer() },
    { sf: 'IsRequired', column: 'is_required' },
  ],
});

export const indicatorDefinitionMapping = defineMapping({
  name: 'AssessmentIndicatorDefinition',
  sObject: 'AssessmentIndicatorDefinition',
  table: 'indicator_definitions',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'Name', column: 'question' },
    { sf: 'Description', column: 'description' },
    { sf: 'DataType', column: 'data_type', convert: dataType },
  ],
});

export const visitMapping = defineMapping({
  name: 'Visit',
  sObject: 'Visit',
  table: 'visits',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  where: OURS,
  onInboundWrite: recordInboundVisitChanges,
  fields: [
    { sf: 'AccountId', column: 'dealer_id', reference: 'Account', direction: 'outbound' },
    { sf: 'PlaceId', column: 'location_id', reference: 'Location', direction: 'outbound' },
    { sf: 'L2C_Template_Version__c', column: 'template_version_id', reference: 'ActionPlanTemplateVersion', direction: 'outbound' },
    { sf: 'PlannedVisitStartTime', column: 'scheduled_start' },
    { sf: 'PlannedVisitEndTime', column: 'scheduled_end' },
    { sf: 'ActualVisitStartTime', column: 'started_at' },
    { sf: 'ActualVisitEndTime', column: 'completed_at' },
    { sf: 'Status', column: 'status', convert: visitStatus },
    { sf: 'StatusRemarks', column: 'status_remarks' },
    { sf: 'VisitPriority', column: 'priority', convert: visitPriority },
    { sf: 'InstructionDescription', column: 'instructions' },
  ],
});

export const assessmentTaskMapping = defineMapping({
  name: 'AssessmentTask',
  sObject: 'AssessmentTask',
  table: 'visit_tasks',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  where: OURS,
  fields: [
    { sf: 'ParentId', column: 'visit_id', reference: 'Visit', direction: 'outbound' },
    { sf: 'Name', column: 'name' },
    { sf: 'TaskType', column: 'task_type', direction: 'outbound' },
    { sf: 'Status', column: 'status', convert: taskStatus },
    { sf: 'IsRequired', column: 'is_required', direction: 'outbound' },
    { sf: 'SequenceNumber', column: 'position', convert: convert.integer(), direction: 'outbound' },
    { sf: 'StartTime', column: 'started_at' },
    { sf: 'EndTime', column: 'completed_at' },
  ],
});

/** Targets are the version's expectations: pushed, never taken back. Actual values go both ways. */
export const visitKpiMapping = defineMapping({
  name: 'RetailVisitKpi',
  sObject: 'RetailVisitKpi',
  table: 'indicator_results',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  where: OURS,
  onInboundWrite: recordInboundResultChanges,
  fields: [
    { sf: 'VisitId', column: 'visit_id', reference: 'Visit', direction: 'outbound' },
    { sf: 'AssessmentTaskId', column: 'visit_task_id', reference: 'AssessmentTask', direction: 'outbound' },
    { sf: 'AssessmentIndDefinitionId', column: 'indicator_id', reference: 'AssessmentIndicatorDefinition', direction: 'outbound' },
    { sf: 'TargetDecimalValue', column: 'expected_number', convert: indicatorNumber, direction: 'outbound' },
    { sf: 'TargetBooleanValue', column: 'expected_boolean', convert: booleanPicklist, direction: 'outbound' },
    { sf: 'TargetStringValue', column: 'expected_text', direction: 'outbound' },
    { sf: 'TargetDateTimeValue', column: 'expected_date', convert: dateAsDateTime, direction: 'outbound' },
    { sf: 'ActualDecimalValue', column: 'actual_number', convert: indicatorNumber },
    { sf: 'ActualBooleanValue', column: 'actual_boolean', convert: booleanPicklist },
    { sf: 'ActualStringValue', column: 'actual_text' },
    { sf: 'ActualDateTimeValue', column: 'actual_date', convert: dateAsDateTime },
  ],
});

/** Every visits mapping; the engine orders them parents first. */
export const visitsMappings: SyncMapping[] = [
  dealerMapping,
  locationMapping,
  templateMapping,
  templateVersionMapping,
  templateItemMapping,
  indicatorDefinitionMapping,
  visitMapping,
  assessmentTaskMapping,
  visitKpiMapping,
];
