import { recordEvents, type EventInput, type InboundWrites, type Queryable } from '@l2c/shared';
import { leadChanged, leadCreated, opportunityChanged, opportunityCreated } from '../domain/events.ts';
import { leadsByIds, leadStatuses } from '../store/leads.ts';
import { opportunitiesByIds, opportunityStages } from '../store/opportunities.ts';
import type { LeadRow, OpportunityRow } from '../store/rows.ts';

/*
 * Changes that arrive from Salesforce are CRM changes like any other: the same domain events are recorded in the same
 * transaction as the inbound write, so partners and webhooks hear of a lead assigned or an opportunity won in the org.
 * The rows `before` are plain table rows; the status kind and stage flags the events compare are looked up here.
 */

const everything = { kind: 'all' } as const;

export async function recordInboundLeadEvents(tx: Queryable, written: InboundWrites): Promise<void> {
  const ids = [...written.inserted, ...written.updated.map((u) => u.localId)];
  if (ids.length === 0) return;
  const after = new Map((await leadsByIds(tx, everything, ids)).map((lead) => [lead.id, lead]));
  const kinds = new Map((await leadStatuses(tx)).map((status) => [status.name, status.kind]));
  const events: EventInput[] = [];
  for (const id of written.inserted) {
    const lead = after.get(id);
    if (lead) events.push(leadCreated(lead));
  }
  for (const { localId, before } of written.updated) {
    const lead = after.get(localId);
    if (!lead) continue;
    const previous = before as unknown as LeadRow;
    events.push(...leadChanged({ ...previous, status_kind: kinds.get(previous.status) ?? lead.status_kind }, lead));
  }
  await recordEvents(tx, events);
}

export async function recordInboundOpportunityEvents(tx: Queryable, written: InboundWrites): Promise<void> {
  const ids = [...written.inserted, ...written.updated.map((u) => u.localId)];
  if (ids.length === 0) return;
  const after = new Map((await opportunitiesByIds(tx, everything, ids)).map((opportunity) => [opportunity.id, opportunity]));
  const stages = new Map((await opportunityStages(tx)).map((stage) => [stage.name, stage]));
  const events: EventInput[] = [];
  for (const id of written.inserted) {
    const opportunity = after.get(id);
    if (opportunity) events.push(opportunityCreated(opportunity));
  }
  for (const { localId, before } of written.updated) {
    const opportunity = after.get(localId);
    if (!opportunity) continue;
    const previous = before as unknown as OpportunityRow;
    const stage = stages.get(previous.stage);
    events.push(...opportunityChanged({ ...previous, is_closed: stage?.is_closed ?? false, is_won: stage?.is_won ?? false }, opportunity));
  }
  await recordEvents(tx, events);
}
