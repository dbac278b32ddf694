import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TestConnection } from '@l2c/gateway/subscriptions/testClient';
import { ok, startStack, type Stack } from './harness.ts';

/**
 * Partner apps subscribed through the gateway: changes made through the graph are committed with their events in
 * CRM's and CPQ's outboxes, relayed to Redis, filtered by the gateway for each partner and resolved through the
 * supergraph as that partner. (Changes arriving from Salesforce will be covered when the inbound sync records events.)
 */

let stack: Stack;
let staff: string;
let munich: string;
let hamburg: string;
let customer: string;
const connections: TestConnection[] = [];

beforeAll(async () => {
  stack = await startStack({ subscriptions: {} });
  staff = await stack.token('staff');
  const account = async (input: Record<string, unknown>) =>
    ok(await stack.graphql<{ createAccount: { id: string } }>(staff, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input })).createAccount.id;
  munich = await account({ name: 'Autohaus München', type: 'DEALER', dealerCode: 'DE-MUC-01' });
  hamburg = await account({ name: 'Autohaus Hamburg', type: 'DEALER', dealerCode: 'DE-HAM-01' });
  // A customer Hamburg serves: its partner may read the account.
  customer = await account({ name: 'Nordlicht Logistik GmbH', type: 'CUSTOMER', servicingDealerId: hamburg });
});
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.dispose()));
  await stack?.[Symbol.asyncDispose]();
});

async function partner(dealerId: string): Promise<TestConnection> {
  const connection = connect(stack.subscriptions!.wsUrl, { authorization: `Bearer ${await stack.token('partner', dealerId)}` });
  connections.push(connection);
  return connection;
}

async function createLead(lastName: string, dealerId: string): Promise<string> {
  const input = { lastName, sourceChannel: 'WEB', dealerId };
  return ok(await stack.graphql<{ createLead: { id: string } }>(staff, `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`, { input })).createLead.id;
}

const LEAD_EVENTS = `subscription($after: ID) {
  leadEvents(after: $after) { id type changes leadId lead { name status dealer { name } } }
}`;
const OPPORTUNITY_EVENTS = `subscription($after: ID) {
  opportunityEvents(after: $after) { id type opportunity { name stage account { name } quotes { number } } }
}`;

interface LeadEvent {
  id: string;
  type: string;
  changes: Record<string, unknown>;
  leadId: string;
  lead: { name: string; status: string; dealer: { name: string } | null } | null;
}
interface OpportunityEvent {
  id: string;
  type: string;
  opportunity: { name: string; stage: string; account: { name: string } | null; quotes: { number: string }[] } | null;
}

describe('subscriptions through the gateway', () => {
  it('gives two partners exactly their own events, in order, with fields from CRM and CPQ resolved as that partner', async () => {
    const after = await stack.subscriptions!.bus.latestId();
    const munichApp = await partner(munich);
    const hamburgApp = await partner(hamburg);
    const munichLeads = munichApp.subscribe<LeadEvent>(LEAD_EVENTS, { after });
    const munichOpportunities = munichApp.subscribe<OpportunityEvent>(OPPORTUNITY_EVENTS, { after });
    const hamburgLeads = hamburgApp.subscribe<LeadEvent>(LEAD_EVENTS, { after });
    const hamburgOpportunities = hamburgApp.subscribe<OpportunityEvent>(OPPORTUNITY_EVENTS, { after });

    const bauer = await createLead('Bauer', munich);
    const petersen = await createLead('Petersen', hamburg);
    ok(await stack.graphql(staff, `mutation($id: ID!) { setLeadStatus(id: $id, status: "Contacted") { status } }`, { id: bauer }));
    const { createOpportunity } = ok(
      await stack.graphql<{ createOpportunity: { id: string } }>(staff, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`, {
        input: { name: 'Fleet renewal 2027', accountId: customer, dealerId: hamburg, closeDate: '2099-03-31' },
      }),
    );
    const { createQuote } = ok(
      await stack.graphql<{ createQuote: { number: string } }>(staff, `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { number } }`, { input: { opportunityId: createOpportunity.id } }),
    );
    ok(await stack.graphql(staff, `mutation($id: ID!) { setOpportunityStage(id: $id, stage: "Closed Won") { stage } }`, { id: createOpportunity.id }));
    // Last, one event for both: Hamburg's lead moves to Munich, and both dealers hear of it.
    ok(await stack.graphql(staff, `mutation($lead: ID!, $dealer: ID!) { assignLeadToDealer(leadId: $lead, dealerId: $dealer) { id } }`, { lead: petersen, dealer: munich }));

    expect((await munichLeads.waitFor(3)).map((e) => [e.type, e.leadId, e.lead])).toEqual([
      ['LEAD_CREATED', bauer, { name: 'Bauer', status: 'Open', dealer: { name: 'Autohaus München' } }],
      ['LEAD_STATUS_CHANGED', bauer, { name: 'Bauer', status: 'Contacted', dealer: { name: 'Autohaus München' } }],
      ['LEAD_ASSIGNED', petersen, { name: 'Petersen', status: 'Open', dealer: { name: 'Autohaus München' } }],
    ]);
    expect(munichLeads.events[1]!.changes).toEqual({ status: { from: 'Open', to: 'Contacted' }, statusKind: { from: 'OPEN', to: 'WORKING' } });
    // Hamburg hears that its lead moved away, and can no longer read it: the subgraph applies its scope again.
    expect((await hamburgLeads.waitFor(2)).map((e) => [e.type, e.leadId, e.lead])).toEqual([
      ['LEAD_CREATED', petersen, { name: 'Petersen', status: 'Open', dealer: { name: 'Autohaus Hamburg' } }],
      ['LEAD_ASSIGNED', petersen, null],
    ]);
    // Hamburg is not told which dealer got it: that is another partner's business.
    expect(hamburgLeads.events[1]!.changes).toEqual({ assigned: true });
    // The account comes from CRM and the quotes from CPQ: one payload, two subgraphs.
    const won = { name: 'Fleet renewal 2027', stage: 'Closed Won', account: { name: 'Nordlicht Logistik GmbH' }, quotes: [{ number: createQuote.number }] };
    const received = await hamburgOpportunities.waitFor(3);
    expect(received.map((e) => e.type)).toEqual(['OPPORTUNITY_CREATED', 'OPPORTUNITY_STAGE_CHANGED', 'OPPORTUNITY_WON']);
    expect(received.slice(1).map((e) => e.opportunity)).toEqual([won, won]);
    expect(received[0]!.opportunity).toMatchObject({ name: 'Fleet renewal 2027', account: { name: 'Nordlicht Logistik GmbH' } });

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(munichOpportunities.events).toEqual([]);
    expect([munichLeads.events.length, hamburgLeads.events.length, hamburgOpportunities.events.length]).toEqual([3, 2, 3]);
    for (const events of [munichLeads.events, hamburgLeads.events, hamburgOpportunities.events]) {
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort(compareIds));
    }
    expect([munichLeads, munichOpportunities, hamburgLeads, hamburgOpportunities].flatMap((c) => c.errors)).toEqual([]);
  });

  it('delivers exactly the 100 events a partner missed while disconnected when it resumes with its last id', async () => {
    const after = await stack.subscriptions!.bus.latestId();
    const first = await partner(munich);
    const live = first.subscribe<LeadEvent>(LEAD_EVENTS, { after });
    await createLead('Before the outage', munich);
    const [seen] = await live.waitFor(1);
    expect(seen!.lead?.name).toBe('Before the outage');
    await first.dispose();

    // While it is away: 100 events of its own, and others' between them.
    for (let i = 0; i < 100; i++) {
      await createLead(`Missed ${i}`, munich);
      if (i % 10 === 0) await createLead(`Not yours ${i}`, hamburg);
    }

    const resumed = (await partner(munich)).subscribe<LeadEvent>(`subscription($after: ID) { leadEvents(after: $after) { id type lead { name } } }`, { after: seen!.id });
    const events = await resumed.waitFor(100, 30_000);
    await createLead('After the outage', munich);
    await resumed.waitFor(101);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.map((e) => e.lead?.name)).toEqual([...Array.from({ length: 100 }, (_, i) => `Missed ${i}`), 'After the outage']);
    expect(new Set(events.map((e) => e.id)).size).toBe(101);
    expect(events.every((e) => compareIds(e.id, seen!.id) > 0)).toBe(true);
  });

  it('refuses sync job events to a partner', async () => {
    const refused = (await partner(munich)).subscribe(`subscription { syncJobEvents { id } }`);
    await refused.waitForEnd();
    expect(refused.errors).toEqual([expect.objectContaining({ path: ['syncJobEvents'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });
});

function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
