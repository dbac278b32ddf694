import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, IDENTITY_SIGNATURE_HEADER, signIdentity } from '@l2c/shared';
import { ok, SIGNING_SECRET, startStack, type Stack } from './harness.ts';

/**
 * A partner acts for one dealer and must never see another dealer's business: not by id, not in a list, not through
 * a nested field, and not by calling a subgraph around the gateway.
 */
let stack: Stack;
let munich: string;
let hamburg: string;
let munichLead: string;
let hamburgLead: string;
let hamburgDrive: string;
let munichPartner: string;

const CREATE_DEALER = `mutation($name: String!, $code: String!) { createAccount(input: { name: $name, type: DEALER, dealerCode: $code }) { id } }`;
const CREATE_LEAD = `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`;

beforeAll(async () => {
  stack = await startStack();
  const staff = await stack.token('staff');
  munich = ok(await stack.graphql<{ createAccount: { id: string } }>(staff, CREATE_DEALER, { name: 'Autohaus München', code: 'MUC' })).createAccount.id;
  hamburg = ok(await stack.graphql<{ createAccount: { id: string } }>(staff, CREATE_DEALER, { name: 'Autohaus Hamburg', code: 'HAM' })).createAccount.id;
  const lead = (dealerId: string, otherDealer: string, lastName: string) => ({
    input: {
      lastName,
      sourceChannel: 'WEB',
      dealerId,
      lineItems: [{ productName: 'EV5', productType: 'VEHICLE', quantity: 1 }],
      preferredSellers: [{ dealerId, reason: 'GENERATED_LEAD' }, { dealerId: otherDealer, reason: 'PREVIOUS_PURCHASE' }],
    },
  });
  munichLead = ok(await stack.graphql<{ createLead: { id: string } }>(staff, CREATE_LEAD, lead(munich, hamburg, 'Bauer'))).createLead.id;
  hamburgLead = ok(await stack.graphql<{ createLead: { id: string } }>(staff, CREATE_LEAD, lead(hamburg, munich, 'Petersen'))).createLead.id;
  hamburgDrive = ok(
    await stack.graphql<{ scheduleTestDrive: { id: string } }>(
      staff,
      `mutation($input: ScheduleTestDriveInput!) { scheduleTestDrive(input: $input) { id } }`,
      { input: { leadId: hamburgLead, dealerId: hamburg, vehicle: 'EV5', scheduledAt: new Date(Date.now() + 86_400_000).toISOString() } },
    ),
  ).scheduleTestDrive.id;
  munichPartner = await stack.token('partner', munich);
});
afterAll(() => stack?.[Symbol.asyncDispose]());

describe('a partner token', () => {
  it("cannot read another dealer's lead by id", async () => {
    const data = ok(await stack.graphql<{ lead: unknown; own: { id: string } }>(munichPartner, `query($other: ID!, $own: ID!) { lead(id: $other) { id } own: lead(id: $own) { id } }`, { other: hamburgLead, own: munichLead }));
    expect(data.lead).toBeNull();
    expect(data.own).toEqual({ id: munichLead });
  });

  it("cannot find another dealer's lead in a list, even when filtering for that dealer", async () => {
    const data = ok(
      await stack.graphql<{ all: { totalCount: number; nodes: { id: string }[] }; theirs: { totalCount: number } }>(
        munichPartner,
        `query($hamburg: ID!) { all: leads { totalCount nodes { id } } theirs: leads(filter: { dealerId: $hamburg }) { totalCount } }`,
        { hamburg },
      ),
    );
    expect(data.all).toEqual({ totalCount: 1, nodes: [{ id: munichLead }] });
    expect(data.theirs.totalCount).toBe(0);
  });

  it('cannot reach another dealer through a nested field', async () => {
    const data = ok(
      await stack.graphql<{
        lead: { preferredSellers: { reason: string; dealer: { name: string } | null }[] };
        viewer: { dealer: { assignedLeads: { nodes: { id: string }[] } } };
        other: unknown;
        drive: unknown;
      }>(
        munichPartner,
        `query($lead: ID!, $hamburg: ID!, $drive: ID!) {
          lead(id: $lead) { preferredSellers { reason dealer { name } } }
          viewer { dealer { assignedLeads { nodes { id } } } }
          other: account(id: $hamburg) { name assignedLeads { nodes { id } } }
          drive: testDrive(id: $drive) { id lead { id } }
        }`,
        { lead: munichLead, hamburg, drive: hamburgDrive },
      ),
    );
    expect(data.lead.preferredSellers).toEqual([
      { reason: 'GENERATED_LEAD', dealer: { name: 'Autohaus München' } },
      { reason: 'PREVIOUS_PURCHASE', dealer: null },
    ]);
    expect(data.viewer.dealer.assignedLeads.nodes).toEqual([{ id: munichLead }]);
    expect(data.other).toBeNull();
    expect(data.drive).toBeNull();
  });

  it('is refused when it tries to change another dealer’s lead', async () => {
    const response = await stack.graphql(munichPartner, `mutation($id: ID!) { setLeadStatus(id: $id, status: "Contacted") { id } }`, { id: hamburgLead });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the subgraph behind the gateway', () => {
  const query = JSON.stringify({ query: '{ leads { totalCount } }' });

  it('refuses a request without the gateway’s signature', async () => {
    const response = await fetch(stack.crmUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an identity signed with the wrong secret, or tampered with', async () => {
    const forged = signIdentity({ subject: 'x', roles: ['staff'], dealerAccountId: null }, 'not-the-shared-secret-at-all');
    const bad = await fetch(stack.crmUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...forged }, body: query });
    expect(bad.status).toBe(401);
    const genuine = signIdentity({ subject: 'p', roles: ['partner'], dealerAccountId: munich }, SIGNING_SECRET);
    const widened = Buffer.from(JSON.stringify({ subject: 'p', roles: ['staff'], dealerAccountId: null, iat: Date.now() })).toString('base64url');
    const tampered = await fetch(stack.crmUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: widened, [IDENTITY_SIGNATURE_HEADER]: genuine[IDENTITY_SIGNATURE_HEADER]! },
      body: query,
    });
    expect(tampered.status).toBe(401);
  });
});
