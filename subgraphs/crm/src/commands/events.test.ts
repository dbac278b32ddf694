import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisposableStore } from '@l2c/shared/testing';
import { as, createNetwork, leadInput, openCrmStore, qualifiedLead, staff, type Network } from '../testing/fixtures.ts';
import { convertLead } from './convertLead.ts';
import { assignLeadToDealer, createLead, disqualifyLead, setLeadStatus } from './leads.ts';
import { setOpportunityStage } from './opportunities.ts';

let store: DisposableStore;
let net: Network;
beforeEach(async () => {
  store = await openCrmStore();
  net = await createNetwork(store);
});
afterEach(() => store.close());

async function outbox(): Promise<{ type: string; entity_id: string; dealer_ids: string[]; changes: Record<string, unknown> }[]> {
  return store.query('select type, entity_id, dealer_ids, changes from outbox order by id');
}

describe('CRM domain events', () => {
  it('are written with the change: created, assigned, status changed, converted, opportunity won', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(null));
    await assignLeadToDealer(ctx, lead.id, net.munich.id);
    await assignLeadToDealer(ctx, lead.id, net.hamburg.id);
    await setLeadStatus(ctx, lead.id, 'Contacted');
    const qualified = await qualifiedLead(ctx, net.munich.id);
    const { opportunity } = await convertLead(ctx, qualified.id);
    await setOpportunityStage(ctx, opportunity.id, 'Closed Won', null);
    const events = await outbox();
    expect(events.map((e) => [e.type, e.dealer_ids])).toEqual([
      ['LeadCreated', []],
      ['LeadAssigned', [net.munich.id]],
      ['LeadAssigned', [net.hamburg.id, net.munich.id]],
      ['LeadStatusChanged', [net.hamburg.id]],
      ['LeadCreated', [net.munich.id]],
      ['LeadStatusChanged', [net.munich.id]],
      ['OpportunityCreated', [net.munich.id]],
      ['LeadConverted', [net.munich.id]],
      ['OpportunityStageChanged', [net.munich.id]],
      ['OpportunityWon', [net.munich.id]],
    ]);
    expect(events[3]!.changes).toEqual({ status: { from: 'Open', to: 'Contacted' }, statusKind: { from: 'OPEN', to: 'WORKING' } });
    expect(events[7]!.changes).toMatchObject({ opportunityId: opportunity.id });
  });

  it('are not written when the change is refused', async () => {
    const ctx = as(store, staff);
    const lead = await createLead(ctx, leadInput(net.munich.id));
    await expect(setLeadStatus(ctx, lead.id, 'Qualified')).rejects.toThrow(/criteria not met/);
    await expect(disqualifyLead(ctx, lead.id, '')).rejects.toThrow();
    expect((await outbox()).map((e) => e.type)).toEqual(['LeadCreated']);
  });
});
