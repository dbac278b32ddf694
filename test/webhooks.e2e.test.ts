import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startOutboxRelay, type OutboxRelay } from '@l2c/shared';
import { verifySignature, WEBHOOK_EVENT_TYPES } from '@l2c/notifications/webhooks';
import { PARTNER_EVENT_TYPES as BILLING_EVENT_TYPES } from '@l2c/billing/events';
import { CrmEventType } from '@l2c/crm/events';
import { startEndpoint, until } from '@l2c/notifications/testing';
import { WarrantyEventType } from '@l2c/warranty/events';
import { VisitsEventType } from '@l2c/visits/events';
import { ok, startStack, type Stack } from './harness.ts';

/**
 * Webhooks through the whole graph: a partner registers one through the gateway with its own token, a CRM mutation
 * commits an event to the outbox, the relay publishes it to Redis, the notifications worker matches and signs it,
 * and the partner's endpoint receives it; another dealer's business never reaches it.
 */
let stack: Stack;
let relay: OutboxRelay;
let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
let staff: string;
let munich: string;
let hamburg: string;

const CREATE_DEALER = `mutation($name: String!, $code: String!) { createAccount(input: { name: $name, type: DEALER, dealerCode: $code }) { id } }`;
const CREATE_LEAD = `mutation($dealerId: ID!, $lastName: String!) { createLead(input: { lastName: $lastName, sourceChannel: WEB, dealerId: $dealerId }) { id } }`;
const REGISTER = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id url eventTypes status dealer { id name } } }
}`;

beforeAll(async () => {
  stack = await startStack({ notifications: {} });
  relay = startOutboxRelay({ store: stack.store, bus: stack.notifications!.bus, source: 'crm', logger: createLogger('e2e-relay', 'silent') });
  endpoint = await startEndpoint();
  staff = await stack.token('staff');
  munich = ok(await stack.graphql<{ createAccount: { id: string } }>(staff, CREATE_DEALER, { name: 'Autohaus München', code: 'MUC' })).createAccount.id;
  hamburg = ok(await stack.graphql<{ createAccount: { id: string } }>(staff, CREATE_DEALER, { name: 'Autohaus Hamburg', code: 'HAM' })).createAccount.id;
});
afterAll(async () => {
  await relay?.stop();
  await endpoint?.close();
  await stack?.[Symbol.asyncDispose]();
});

describe('webhooks through the gateway', () => {
  it("deliver a CRM change to the partner's endpoint, signed, and never another dealer's", async () => {
    const partner = await stack.token('partner', munich);
    const registered = ok(
      await stack.graphql<{ createWebhookSubscription: { secret: string; subscription: { id: string; status: string; eventTypes: string[]; dealer: { id: string; name: string } } } }>(
        partner,
        REGISTER,
        { input: { url: endpoint.url, eventTypes: ['LeadCreated', 'LeadAssigned'] } },
      ),
    ).createWebhookSubscription;
    // The dealer comes from the CRM subgraph: one query across both.
    expect(registered.subscription).toMatchObject({ status: 'ACTIVE', eventTypes: ['LeadAssigned', 'LeadCreated'], dealer: { id: munich, name: 'Autohaus München' } });

    const hamburgLead = ok(await stack.graphql<{ createLead: { id: string } }>(staff, CREATE_LEAD, { dealerId: hamburg, lastName: 'Petersen' })).createLead.id;
    const munichLead = ok(await stack.graphql<{ createLead: { id: string } }>(staff, CREATE_LEAD, { dealerId: munich, lastName: 'Bauer' })).createLead.id;
    const [received] = await until('the webhook to arrive', () => (endpoint.received.length ? endpoint.received : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(endpoint.received).toHaveLength(1);
    const body = JSON.parse(received!.body) as { id: string; type: string; entity: { id: string }; dealerIds: string[] };
    expect(body).toMatchObject({ type: 'LeadCreated', entity: { typename: 'Lead', id: munichLead }, dealerIds: [munich], source: 'crm' });
    expect(body.entity.id).not.toBe(hamburgLead);
    expect(received!.headers).toMatchObject({ 'x-l2c-event-id': body.id, 'x-l2c-event-type': 'LeadCreated' });
    expect(verifySignature(received!.headers['x-l2c-signature'] as string, received!.body, registered.secret)).toEqual({
      valid: true,
      timestamp: Number(received!.headers['x-l2c-timestamp']),
    });

    const status = await until('the delivery to be recorded as succeeded', async () => {
      const data = ok(
        await stack.graphql<{ webhookDeliveries: { nodes: { eventId: string; status: string; attemptCount: number; subscription: { dealer: { name: string } } }[] } }>(
          partner,
          `query($id: ID!) { webhookDeliveries(subscriptionId: $id) { nodes { eventId status attemptCount subscription { dealer { name } } } } }`,
          { id: registered.subscription.id },
        ),
      );
      return data.webhookDeliveries.nodes[0]?.status === 'SUCCEEDED' ? data.webhookDeliveries.nodes : undefined;
    });
    expect(status).toEqual([{ eventId: body.id, status: 'SUCCEEDED', attemptCount: 1, subscription: { dealer: { name: 'Autohaus München' } } }]);

    // Another dealer's partner cannot see the webhook, nor its deliveries.
    const other = await stack.graphql<{ webhookSubscription: unknown }>(await stack.token('partner', hamburg), `query($id: ID!) { webhookSubscription(id: $id) { id } }`, { id: registered.subscription.id });
    expect(other.data?.webhookSubscription).toBeNull();
  });

  it('refuse a plain-http URL outside localhost with BAD_USER_INPUT naming the field', async () => {
    const response = await stack.graphql(await stack.token('partner', munich), REGISTER, { input: { url: 'http://dms.autohaus-muenchen.example/hooks', eventTypes: ['LeadCreated'] } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(response.errors?.[0]?.message).toMatch(/^input\.url: must use https/);
  });

  it('offer exactly the event types the CRM, billing, warranty and the visits publish for partners', async () => {
    // The notifications subgraph cannot import the other subgraphs' catalogues; this keeps its copy honest.
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual([...Object.values(CrmEventType), ...BILLING_EVENT_TYPES, ...Object.values(WarrantyEventType), ...Object.values(VisitsEventType)].sort());
    const data = ok(await stack.graphql<{ webhookEventTypes: string[] }>(staff, '{ webhookEventTypes }'));
    expect(data.webhookEventTypes).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});
