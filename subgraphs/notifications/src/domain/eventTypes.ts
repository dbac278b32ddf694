/**
 * The event types a webhook may subscribe to: those the subgraphs publish today. A subgraph never imports another,
 * so this is a copy of the CRM's `CrmEventType` (subgraphs/crm/src/domain/events.ts) and the visits'
 * `VisitsEventType` (subgraphs/visits/src/domain/events.ts); `test/webhooks.e2e.test.ts` fails when they drift
 * apart. A subgraph that starts publishing events adds its types here.
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  'LeadArchived',
  'LeadAssigned',
  'LeadConverted',
  'LeadCreated',
  'LeadStatusChanged',
  'OpportunityCreated',
  'OpportunityLost',
  'OpportunityStageChanged',
  'OpportunityWon',
  'TestDriveCancelled',
  'TestDriveCompleted',
  'TestDriveScheduled',
  'DeviationFlagged',
  'VisitCancelled',
  'VisitCompleted',
  'VisitScheduled',
  'VisitStarted',
];

export function isKnownEventType(type: string): boolean {
  return WEBHOOK_EVENT_TYPES.includes(type);
}
