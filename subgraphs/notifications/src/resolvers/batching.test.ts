import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from 'graphql';
import { createLogger, snakeCaseFieldResolver, type Identity, type StoredEvent } from '@l2c/shared';
import { countStatements, type DisposableStore } from '@l2c/shared/testing';
import { createWebhookSubscription } from '../commands/subscriptions.ts';
import { createContext } from '../context.ts';
import { dispatchEvent } from '../delivery/dispatcher.ts';
import { insertAttempt } from '../store/deliveries.ts';
import { buildNotificationsSchema } from '../server.ts';
import { as, engineer, openNotificationsStore, partnerOf, RecordingQueue, testSecrets } from '../testing/fixtures.ts';

const schema = buildNotificationsSchema();
const logger = createLogger('batching-test', 'silent');
let store: DisposableStore;
let subscriptionId: string;

beforeEach(async () => {
  store = await openNotificationsStore();
  subscriptionId = (await createWebhookSubscription(as(store, partnerOf('d1')), { url: 'https://dealer.example.com/hooks', eventTypes: ['LeadCreated'] })).subscription.id;
  for (let i = 0; i < 40; i++) {
    const event: StoredEvent = { id: `${i}-0`, eventId: randomUUID(), type: 'LeadCreated', entity: { typename: 'Lead', id: `l${i}` }, dealerIds: ['d1'], changes: {}, occurredAt: new Date(Date.now() + 1000).toISOString(), source: 'crm' };
    const [delivery] = await dispatchEvent({ store, queue: new RecordingQueue(), logger }, event);
    await insertAttempt(store, { delivery_id: delivery!.id, run: 0, started_at: new Date(), duration_ms: 3, status_code: 500, error: 'HTTP 500', succeeded: false });
  }
});
afterEach(() => store.close());

function run(identity: Identity, source: string, variableValues: Record<string, unknown>) {
  return graphql({ schema, source, variableValues, fieldResolver: snakeCaseFieldResolver, contextValue: createContext({ store, secrets: testSecrets, queue: new RecordingQueue() }, identity) });
}

const PAGE = `query($id: ID!, $first: Int!) { webhookDeliveries(subscriptionId: $id, first: $first) {
  nodes { id payload attempts { number error } subscription { id url dealer { id } } }
} }`;

describe('webhook deliveries in the graph', () => {
  it.each([5, 40])('cost three statements for a page of %i, with payloads, attempts and subscriptions', async (first) => {
    const { result, statements } = await countStatements(store, () => run(partnerOf('d1'), PAGE, { id: subscriptionId, first }));
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { webhookDeliveries: { nodes: { attempts: unknown[]; subscription: { dealer: { id: string } } }[] } }).webhookDeliveries.nodes;
    expect(nodes).toHaveLength(first);
    expect(nodes.every((n) => n.attempts.length === 1 && n.subscription.dealer.id === 'd1')).toBe(true);
    expect(statements.length, statements.join('\n')).toBe(3);
  });

  it("are not found for another dealer's partner, and readable by engineers", async () => {
    const other = await run(partnerOf('d2'), PAGE, { id: subscriptionId, first: 5 });
    expect(other.errors?.[0]?.message).toBe(`subscriptionId: WebhookSubscription "${subscriptionId}" was not found`);
    const watched = await run(engineer, PAGE, { id: subscriptionId, first: 5 });
    expect(watched.errors).toBeUndefined();
  });
});
