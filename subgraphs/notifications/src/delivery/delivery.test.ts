import { describe, expect, it } from 'vitest';
import { createLogger } from '@l2c/shared';
import { createWebhookSubscription } from '../commands/subscriptions.ts';
import { verifySignature } from '../domain/signature.ts';
import type { DeliveryRow } from '../store/rows.ts';
import { startEndpoint, until } from '../testing/endpoint.ts';
import { partnerOf, staff } from '../testing/fixtures.ts';
import { startRig, type Rig } from '../testing/rig.ts';
import { dispatchEvent } from './dispatcher.ts';
import { deliveryJobId } from './queue.ts';

/**
 * Webhook delivery end to end inside the subgraph, on real Redis (a random stream and BullMQ prefix per test) and
 * real local HTTP endpoints: bus → dispatcher → BullMQ → signed POST → attempts recorded → the graph.
 */

const DELIVERIES = `query($id: ID!, $status: [WebhookDeliveryStatus!]) {
  webhookDeliveries(subscriptionId: $id, status: $status) {
    totalCount
    nodes { id eventId eventType status attemptCount lastStatusCode lastError nextAttemptAt deliveredAt payload
            attempts { number statusCode succeeded error durationMs startedAt } }
  }
}`;

interface DeliveryView {
  id: string;
  eventId: string;
  status: string;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  payload: string;
  attempts: { number: number; statusCode: number | null; succeeded: boolean; error: string | null; durationMs: number }[];
}

async function deliveries(rig: Rig, identity = staff, subscriptionId: string, status?: string): Promise<{ totalCount: number; nodes: DeliveryView[] }> {
  const response = await rig.graphql<{ webhookDeliveries: { totalCount: number; nodes: DeliveryView[] } }>(identity, DELIVERIES, { id: subscriptionId, status });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.webhookDeliveries;
}

/** The subscription's first delivery in `status`, or undefined while there is none (for `until`). */
async function delivery(rig: Rig, identity: typeof staff, subscriptionId: string, status: string): Promise<DeliveryView | undefined> {
  return (await deliveries(rig, identity, subscriptionId, status)).nodes[0];
}

async function deliveryRows(rig: Rig): Promise<DeliveryRow[]> {
  return rig.store.query<DeliveryRow>('select * from webhook_deliveries order by created_at');
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook delivery', () => {
  it('retries an endpoint that fails twice: it receives the event once, signed, and the graph shows three attempts ending in success', async () => {
    await using rig = await startRig();
    await using endpoint = await startEndpoint((n) => (n <= 2 ? 500 : 200));
    const { subscription, secret } = await createWebhookSubscription(rig.ctx(partnerOf('d1')), { url: endpoint.url, eventTypes: ['LeadAssigned'] });
    const event = await rig.publish('LeadAssigned', ['d1']);

    const delivered = await until('the delivery to succeed', () => delivery(rig, partnerOf('d1'), subscription.id, 'SUCCEEDED'));
    await settle();
    expect(endpoint.received.map((r) => r.answered)).toEqual([500, 500, 200]);
    const [accepted] = endpoint.accepted();
    expect(accepted!.headers).toMatchObject({ 'content-type': 'application/json', 'x-l2c-event-id': event.eventId, 'x-l2c-event-type': 'LeadAssigned' });
    const check = verifySignature(accepted!.headers['x-l2c-signature'] as string, accepted!.body, secret);
    expect(check).toEqual({ valid: true, timestamp: Number(accepted!.headers['x-l2c-timestamp']) });
    expect(JSON.parse(accepted!.body)).toMatchObject({ id: event.eventId, type: 'LeadAssigned', source: 'crm', entity: event.entity, dealerIds: ['d1'], changes: event.changes });
    // Every attempt carried the same body; each was signed afresh.
    expect(new Set(endpoint.received.map((r) => r.body)).size).toBe(1);

    expect(delivered).toMatchObject({ eventId: event.eventId, eventType: 'LeadAssigned', status: 'SUCCEEDED', attemptCount: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null, payload: accepted!.body });
    expect(delivered!.deliveredAt).not.toBeNull();
    expect(delivered!.attempts.map((a) => [a.number, a.statusCode, a.succeeded, a.error])).toEqual([
      [1, 500, false, 'HTTP 500'],
      [2, 500, false, 'HTTP 500'],
      [3, 200, true, null],
    ]);
    expect(delivered!.attempts.every((a) => a.durationMs >= 0)).toBe(true);
  });

  it("never sends a partner's webhook another dealer's event", async () => {
    await using rig = await startRig();
    await using munich = await startEndpoint();
    await using hamburg = await startEndpoint();
    await using oem = await startEndpoint();
    const types = ['LeadAssigned', 'LeadCreated'];
    await createWebhookSubscription(rig.ctx(partnerOf('munich')), { url: munich.url, eventTypes: types });
    await createWebhookSubscription(rig.ctx(partnerOf('hamburg')), { url: hamburg.url, eventTypes: types });
    await createWebhookSubscription(rig.ctx(staff), { url: oem.url, eventTypes: types });

    const forHamburg = await rig.publish('LeadCreated', ['hamburg']);
    const forMunich = await rig.publish('LeadCreated', ['munich']);
    const internal = await rig.publish('LeadCreated', []);
    const moved = await rig.publish('LeadAssigned', ['hamburg', 'munich']);
    await until('the internal webhook to receive all four', () => oem.received.length === 4);
    await until('both dealers to receive theirs', () => munich.received.length === 2 && hamburg.received.length === 2);
    await settle();

    const ids = (endpoint: typeof oem) => endpoint.received.map((r) => JSON.parse(r.body) as { id: string; dealerIds: string[] });
    expect(ids(munich).map((b) => b.id).sort()).toEqual([forMunich.eventId, moved.eventId].sort());
    expect(ids(hamburg).map((b) => b.id).sort()).toEqual([forHamburg.eventId, moved.eventId].sort());
    expect(ids(oem).map((b) => b.id).sort()).toEqual([forHamburg.eventId, forMunich.eventId, internal.eventId, moved.eventId].sort());
    // A partner's body names its own dealer only; the internal webhook sees every dealer concerned.
    expect(ids(munich).find((b) => b.id === moved.eventId)!.dealerIds).toEqual(['munich']);
    expect(ids(oem).find((b) => b.id === moved.eventId)!.dealerIds).toEqual(['hamburg', 'munich']);
    expect(await deliveryRows(rig)).toHaveLength(8);
  });

  it('dead-letters an endpoint that always fails after the configured attempts, and redelivers it on request', async () => {
    await using rig = await startRig({ maxAttempts: 3 });
    let down = true;
    await using endpoint = await startEndpoint(() => (down ? 503 : 200));
    const partner = partnerOf('d1');
    const { subscription } = await createWebhookSubscription(rig.ctx(partner), { url: endpoint.url, eventTypes: ['LeadAssigned'] });
    await rig.publish('LeadAssigned', ['d1']);

    const dead = await until('the delivery to be dead-lettered', () => delivery(rig, partner, subscription.id, 'DEAD_LETTERED'));
    await settle();
    expect(endpoint.received).toHaveLength(3);
    expect(dead).toMatchObject({ status: 'DEAD_LETTERED', attemptCount: 3, lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null, deliveredAt: null });
    expect(dead!.attempts.map((a) => a.succeeded)).toEqual([false, false, false]);
    // BullMQ keeps the dead letter's job in its failed set, too.
    expect(await rig.queue.queue.getJobCounts('failed', 'completed')).toEqual({ failed: 1, completed: 0 });

    down = false;
    const redelivered = await rig.graphql<{ redeliverWebhookDelivery: { status: string } }>(partner, 'mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { status } }', { id: dead!.id });
    expect(redelivered.data?.redeliverWebhookDelivery.status).toBe('PENDING');
    const done = await until('the redelivery to succeed', () => delivery(rig, partner, subscription.id, 'SUCCEEDED'));
    expect(done!.attempts.map((a) => [a.number, a.statusCode])).toEqual([[1, 503], [2, 503], [3, 503], [4, 200]]);
    expect(endpoint.accepted()).toHaveLength(1);
    const again = await rig.graphql(partner, 'mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { status } }', { id: dead!.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'DELIVERY_NOT_DEAD_LETTERED' });
  });

  it('counts a timeout and a refused connection as failed attempts', async () => {
    await using rig = await startRig({ maxAttempts: 2, timeoutMs: 300 });
    await using hanging = await startEndpoint(() => 'hang');
    const closed = await startEndpoint();
    await closed.close();
    const hang = (await createWebhookSubscription(rig.ctx(staff), { url: hanging.url, eventTypes: ['LeadCreated'] })).subscription;
    const refused = (await createWebhookSubscription(rig.ctx(staff), { url: closed.url, eventTypes: ['LeadCreated'] })).subscription;
    await rig.publish('LeadCreated', []);

    const timedOut = await until('the hanging endpoint to be dead-lettered', () => delivery(rig, staff, hang.id, 'DEAD_LETTERED'));
    const unreachable = await until('the closed endpoint to be dead-lettered', () => delivery(rig, staff, refused.id, 'DEAD_LETTERED'));
    expect(timedOut!.attempts.map((a) => [a.statusCode, a.error])).toEqual([[null, 'timed out after 300 ms'], [null, 'timed out after 300 ms']]);
    expect(timedOut!.attempts.every((a) => a.durationMs >= 290)).toBe(true);
    expect(unreachable!.attempts).toHaveLength(2);
    expect(unreachable!.attempts[0]).toMatchObject({ statusCode: null, succeeded: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('queues one delivery for a bus event handed over twice', async () => {
    let crashes = 1;
    const seen: string[] = [];
    await using rig = await startRig({
      worker: 'dispatcher',
      // The dispatcher dies after queueing and before the bus acknowledges: the bus hands the event over again.
      afterEnqueue: (event) => {
        seen.push(event.eventId);
        if (crashes-- > 0) throw new Error('dispatcher killed after enqueue');
      },
    });
    await using endpoint = await startEndpoint();
    const { subscription } = await createWebhookSubscription(rig.ctx(partnerOf('d1')), { url: endpoint.url, eventTypes: ['LeadAssigned'] });
    const event = await rig.publish('LeadAssigned', ['d1']);
    await until('the bus to hand the event over a second time', () => seen.length === 2);
    const [stored] = await rig.bus.range('0', 1);
    // And twice more, directly, at once.
    const deps = { store: rig.store, queue: rig.queue, logger: createLogger('dispatch-test', 'silent') };
    await Promise.all([dispatchEvent(deps, stored!), dispatchEvent(deps, stored!)]);

    const rows = await deliveryRows(rig);
    expect(rows).toHaveLength(1);
    const jobs = await rig.queue.queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(jobs.map((job) => job.id)).toEqual([deliveryJobId(rows[0]!)]);
    expect(jobs[0]!.id).toBe(`wh.${subscription.id}.${event.eventId}.0`);

    rig.startDeliveryWorker();
    await until('the delivery to succeed', async () => (await deliveryRows(rig))[0]?.status === 'SUCCEEDED');
    await settle();
    expect(endpoint.received).toHaveLength(1);
  });

  it('holds deliveries while a subscription is paused and sends them on resume', async () => {
    await using rig = await startRig();
    await using endpoint = await startEndpoint();
    const partner = partnerOf('d1');
    const { subscription } = await createWebhookSubscription(rig.ctx(partner), { url: endpoint.url, eventTypes: ['LeadAssigned'] });
    const status = async (mutation: string) =>
      (await rig.graphql<Record<string, { status: string }>>(partner, `mutation($id: ID!) { r: ${mutation}(id: $id) { status } }`, { id: subscription.id })).data?.r?.status;
    expect(await status('pauseWebhookSubscription')).toBe('PAUSED');
    await rig.publish('LeadAssigned', ['d1']);
    await until('the delivery to be held', async () => (await deliveries(rig, partner, subscription.id, 'HELD')).totalCount === 1);
    await settle();
    expect(endpoint.received).toHaveLength(0);

    expect(await status('resumeWebhookSubscription')).toBe('ACTIVE');
    await until('the held delivery to succeed', async () => (await deliveries(rig, partner, subscription.id, 'SUCCEEDED')).totalCount === 1);
    expect(endpoint.received).toHaveLength(1);
  });

  it('signs with both secrets while a rotated-out one is in its grace period', async () => {
    await using rig = await startRig();
    await using endpoint = await startEndpoint();
    const partner = partnerOf('d1');
    const { subscription, secret: oldSecret } = await createWebhookSubscription(rig.ctx(partner), { url: endpoint.url, eventTypes: ['LeadAssigned'] });
    const rotated = await rig.graphql<{ rotateWebhookSecret: { secret: string; subscription: { previousSecretExpiresAt: string } } }>(
      partner,
      'mutation($id: ID!) { rotateWebhookSecret(id: $id, previousSecretValidForMinutes: 60) { secret subscription { previousSecretExpiresAt } } }',
      { id: subscription.id },
    );
    const newSecret = rotated.data!.rotateWebhookSecret.secret;
    expect(newSecret).not.toBe(oldSecret);
    await rig.publish('LeadAssigned', ['d1']);
    const [received] = await until('the delivery', () => (endpoint.received.length ? endpoint.received : undefined));
    const header = received!.headers['x-l2c-signature'] as string;
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(header, received!.body, newSecret).valid).toBe(true);
    expect(verifySignature(header, received!.body, oldSecret).valid).toBe(true);
  });
});
