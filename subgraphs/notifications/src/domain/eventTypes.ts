/**
 * The event types a webhook may subscribe to: those the subgraphs publish today. A subgraph never imports another,
 * so this is a copy of the CRM's `CrmEventType` (subgraphs/crm/src/domain/events.ts), billing's partner events
 * (subgraphs/billing/src/events.ts), warranty's `WarrantyEventType` (subgraphs/warranty/src/events.ts) and the
 * visits' `VisitsEventType` (subgraphs/visits/src/domain/events.ts); `test/webhooks.e2e.test.ts` fails when they drift
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
  // billing's invoice and payment events (subgraphs/billing/src/events.ts, PARTNER_EVENT_TYPES)
  'InvoicePosted',
  'InvoiceOverdue',
  'InvoiceCancelled',
  'InvoiceRebilled',
  'CreditNoteIssued',
  'PaymentReceived',
  'PaymentAllocated',
  'PaymentUnallocated',
  // warranty's events (subgraphs/warranty/src/events.ts, WarrantyEventType)
  'AssetWarrantyExtended',
  'AssetWarrantyRegistered',
  'AssetWarrantyVoided',
  'ClaimStatusChanged',
  'CsvImportCompleted',
  'CsvImportFailed',
  'RebateClaimStatusChanged',
  'TransactionJournalStatusChanged',
  // the visits' events (subgraphs/visits/src/domain/events.ts, VisitsEventType)
  'DeviationFlagged',
  'VisitCancelled',
  'VisitCompleted',
  'VisitScheduled',
  'VisitStarted',
];

export function isKnownEventType(type: string): boolean {
  return WEBHOOK_EVENT_TYPES.includes(type);
}
