import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startOutboxRelay, type OutboxRelay } from '@l2c/shared';
import { verifySignature } from '@l2c/notifications/webhooks';
import { startEndpoint, until } from '@l2c/notifications/testing';
import { ok, startStack, type Stack } from './harness.ts';

/**
 * Visit events as webhooks: each dealer's partner registers an endpoint through the gateway; a visit to one dealer is
 * completed with a deviation; that dealer's endpoint receives `VisitCompleted` (with the score) and
 * `DeviationFlagged`, signed; the other dealer's receives nothing.
 */
let stack: Stack;
let relay: OutboxRelay;
let staff: string;
let dealers: { id: string }[];
const endpoints: Awaited<ReturnType<typeof startEndpoint>>[] = [];

beforeAll(async () => {
  stack = await startStack({ demoSize: 1, visits: true, notifications: {} });
  relay = startOutboxRelay({ store: stack.visitsStore!, bus: stack.notifications!.bus, source: 'visits', logger: createLogger('e2e-relay', 'silent') });
  staff = await stack.token('staff');
  dealers = ok(await stack.graphql<{ accounts: { nodes: { id: string }[] } }>(staff, '{ accounts(first: 2, filter: { type: [DEALER] }) { nodes { id } } }')).accounts.nodes;
}, 120_000);
afterAll(async () => {
  await relay?.stop();
  for (const endpoint of endpoints) await endpoint.close();
  await stack?.[Symbol.asyncDispose]();
});

const REGISTER = `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { eventTypes } } }`;

describe('visit events as webhooks', () => {
  it('reach the visited dealer’s endpoint, signed, and never another dealer’s', async () => {
    const registered: { secret: string; subscription: { eventTypes: string[] } }[] = [];
    for (const dealer of dealers) {
      const endpoint = await startEndpoint();
      endpoints.push(endpoint);
      const partner = await stack.token('partner', dealer.id);
      registered.push(ok(await stack.graphql<{ createWebhookSubscription: { secret: string; subscription: { eventTypes: string[] } } }>(partner, REGISTER, { input: { url: endpoint.url, eventTypes: ['VisitCompleted', 'DeviationFlagged'] } })).createWebhookSubscription);
    }
    expect(registered[0]!.subscription.eventTypes).toEqual(['DeviationFlagged', 'VisitCompleted']);

    const template = ok(
      await stack.graphql<{ createActionPlanTemplate: { id: string; publishedVersion: { indicators: { id: string }[] } } }>(
        staff,
        'mutation($input: CreateActionPlanTemplateInput!) { createActionPlanTemplate(input: $input) { id publishedVersion { indicators { id } } } }',
        { input: { name: 'Training check', publish: true, tasks: [{ name: 'Training', indicators: [{ key: 'agents-trained', question: 'How many agents were trained?', dataType: 'NUMBER', isRequired: true, expected: { comparison: 'AT_LEAST', number: '20' } }] }] } },
      ),
    ).createActionPlanTemplate;
    const assessor = ok(await stack.graphql<{ createAssessor: { id: string } }>(staff, 'mutation { createAssessor(input: { subject: "anna", name: "Anna Berg" }) { id } }')).createAssessor.id;
    const visit = ok(
      await stack.graphql<{ planVisit: { id: string } }>(staff, 'mutation($input: PlanVisitInput!) { planVisit(input: $input) { id } }', {
        input: { dealerId: dealers[0]!.id, templateId: template.id, scheduledStart: new Date(Date.now() + 3_600_000).toISOString(), assessorIds: [assessor] },
      }),
    ).planVisit;
    const anna = await stack.tokenFor('anna', ['assessor']);
    ok(await stack.graphql(anna, 'mutation($id: ID!) { startVisit(id: $id) { id } }', { id: visit.id }));
    ok(await stack.graphql(anna, 'mutation($id: ID!, $v: [IndicatorValueInput!]!) { recordIndicatorValues(visitId: $id, values: $v) { id } }', { id: visit.id, v: [{ indicatorId: template.publishedVersion.indicators[0]!.id, number: '14' }] }));
    const { visit: tasks } = ok(await stack.graphql<{ visit: { tasks: { id: string }[] } }>(anna, 'query($id: ID!) { visit(id: $id) { tasks { id } } }', { id: visit.id }));
    ok(await stack.graphql(anna, 'mutation($id: ID!) { completeVisitTask(id: $id) { id } }', { id: tasks.tasks[0]!.id }));
    ok(await stack.graphql(anna, 'mutation($id: ID!) { completeVisit(id: $id) { id } }', { id: visit.id }));

    const [own, other] = endpoints as [(typeof endpoints)[number], (typeof endpoints)[number]];
    const received = await until('both webhooks to arrive', () => (own.received.length >= 2 ? own.received : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Deliveries run side by side: compare them by type, not by arrival.
    const bodies = received
      .map((r) => JSON.parse(r.body) as { type: string; entity: { typename: string; id: string }; dealerIds: string[]; changes: Record<string, unknown>; source: string })
      .sort((a, b) => a.type.localeCompare(b.type));
    expect(bodies.map((b) => [b.type, b.entity, b.dealerIds, b.source])).toEqual([
      ['DeviationFlagged', { typename: 'Visit', id: visit.id }, [dealers[0]!.id], 'visits'],
      ['VisitCompleted', { typename: 'Visit', id: visit.id }, [dealers[0]!.id], 'visits'],
    ]);
    expect(bodies[0]!.changes).toMatchObject({ key: 'agents-trained', expected: '20', actual: '14', deviation: '-6' });
    expect(bodies[1]!.changes).toMatchObject({ score: '0.0', templateVersion: 1, dealerId: dealers[0]!.id });
    expect(received.every((r) => verifySignature(r.headers['x-l2c-signature'] as string, r.body, registered[0]!.secret).valid)).toBe(true);
    expect(other.received).toEqual([]);
  });
});
