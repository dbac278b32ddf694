import type { EventInput } from '@l2c/shared';
import type { LeadRow, OpportunityRow, TestDriveRow } from '../store/rows.ts';

/**
 * The CRM's domain events, derived from a row before and after a change: commands record what these return in the
 * same transaction as the change. Each names the dealers whose partners may hear of it.
 */
export const CrmEventType = {
  LeadCreated: 'LeadCreated',
  LeadAssigned: 'LeadAssigned',
  LeadStatusChanged: 'LeadStatusChanged',
  LeadArchived: 'LeadArchived',
  LeadConverted: 'LeadConverted',
  OpportunityCreated: 'OpportunityCreated',
  OpportunityStageChanged: 'OpportunityStageChanged',
  OpportunityWon: 'OpportunityWon',
  OpportunityLost: 'OpportunityLost',
  TestDriveScheduled: 'TestDriveScheduled',
  TestDriveCompleted: 'TestDriveCompleted',
  TestDriveCancelled: 'TestDriveCancelled',
} as const;

const lead = (row: LeadRow) => ({ typename: 'Lead', id: row.id });
const opportunity = (row: OpportunityRow) => ({ typename: 'Opportunity', id: row.id });

export function leadCreated(row: LeadRow): EventInput {
  return { type: CrmEventType.LeadCreated, entity: lead(row), dealerIds: [row.dealer_id], changes: { status: row.status, sourceChannel: row.source_channel } };
}

/** Status moves, assignment to a dealer, archiving and conversion of one lead. */
export function leadChanged(before: LeadRow, after: LeadRow): EventInput[] {
  const events: EventInput[] = [];
  if (before.dealer_id !== after.dealer_id) {
    // The dealer that lost the lead is told too: its partner app should drop it. Which dealer got it is not in the
    // event: both partners receive it, and neither may learn the other's id; the lead's `dealer` field, resolved
    // through the graph in each partner's scope, says whether it is still theirs.
    events.push({ type: CrmEventType.LeadAssigned, entity: lead(after), dealerIds: [after.dealer_id, before.dealer_id], changes: { assigned: after.dealer_id !== null } });
  }
  if (before.status !== after.status) {
    events.push({ type: CrmEventType.LeadStatusChanged, entity: lead(after), dealerIds: [after.dealer_id], changes: { status: { from: before.status, to: after.status }, statusKind: { from: before.status_kind, to: after.status_kind } } });
  }
  if (!before.archived_at && after.archived_at) {
    events.push({ type: CrmEventType.LeadArchived, entity: lead(after), dealerIds: [after.dealer_id], changes: { reason: after.archive_reason } });
  }
  if (!before.converted_at && after.converted_at) {
    events.push({
      type: CrmEventType.LeadConverted,
      entity: lead(after),
      dealerIds: [after.dealer_id],
      changes: { accountId: after.converted_account_id, contactId: after.converted_contact_id, opportunityId: after.converted_opportunity_id },
    });
  }
  return events;
}

export function opportunityCreated(row: OpportunityRow): EventInput {
  return {
    type: CrmEventType.OpportunityCreated,
    entity: opportunity(row),
    dealerIds: [row.dealer_id],
    changes: { stage: row.stage, amount: row.amount, leadId: row.lead_id, accountId: row.account_id, owner: row.owner, discountPercent: row.discount_percent, sourceChannel: row.source_channel },
  };
}

/** A stage move, and when it closes the opportunity, whether it was won or lost. */
export function opportunityChanged(before: OpportunityRow, after: OpportunityRow): EventInput[] {
  if (before.stage === after.stage) return [];
  const events: EventInput[] = [
    { type: CrmEventType.OpportunityStageChanged, entity: opportunity(after), dealerIds: [after.dealer_id], changes: { stage: { from: before.stage, to: after.stage }, probability: after.probability } },
  ];
  if (after.is_closed && !before.is_closed) {
    events.push(
      after.is_won
        ? { type: CrmEventType.OpportunityWon, entity: opportunity(after), dealerIds: [after.dealer_id], changes: { amount: after.amount, ...closingFacts(after) } }
        : { type: CrmEventType.OpportunityLost, entity: opportunity(after), dealerIds: [after.dealer_id], changes: { lossReason: after.loss_reason, amount: after.amount, ...closingFacts(after) } },
    );
  }
  return events;
}

/** What a deal closed with: who sold it and at what discount (the lead-to-cash log reads them). */
function closingFacts(row: OpportunityRow) {
  return { owner: row.owner, discountPercent: row.discount_percent };
}

export function testDriveChanged(before: TestDriveRow | null, after: TestDriveRow): EventInput[] {
  const entity = { typename: 'TestDrive', id: after.id };
  if (!before) return [{ type: CrmEventType.TestDriveScheduled, entity, dealerIds: [after.dealer_id], changes: { scheduledAt: after.scheduled_at.toISOString() } }];
  if (before.status === after.status) return [];
  const type = after.status === 'CANCELLED' ? CrmEventType.TestDriveCancelled : CrmEventType.TestDriveCompleted;
  return [{ type, entity, dealerIds: [after.dealer_id], changes: { status: { from: before.status, to: after.status }, rating: after.rating } }];
}
