import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, DomainError, pageQuery, type StoredEvent } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { dispatchEvent } from '../delivery/dispatcher.ts';
import { listSubscriptions } from '../store/subscriptions.ts';
import { as, engineer, openNotificationsStore, partnerOf, RecordingQueue, staff, testSecrets } from '../testing/fixtures.ts';
import { redeliverWebhookDelivery } from './deliveries.ts';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  pauseWebhookSubscription,
  resumeWebhookSubscription,
  rotateWebhookSecret,
} from './subscriptions.ts';

const logger = createLogger('notifications-test', 'silent');
const hooks = { url: 'https://dealer.example.com/hooks', eventTypes: ['LeadAssigned'] };

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

function event(type: string, dealerIds: string[]): StoredEvent {
  return { id: `${Date.now()}-0`, eventId: crypto.randomUUID(), type, entity: { typename: 'Lead', id: 'l1' }, dealerIds, changes: {}, occurredAt: new Date(Date.now() + 1000).toISOString(), source: 'crm' };
}

describe.each(['pglite', 'postgres'] as const)('webhook subscription commands on %s', (driver) => {
  let store: DisposableStore;
  beforeEach(async () => {
    store = await openNotificationsStore(driver);
  });
  afterEach(() => store.close());

  it("registers a partner's webhook for its own dealer, showing the secret once and storing it encrypted", async () => {
    const { subscription, secret } = await createWebhookSubscription(as(store, partnerOf('d1')), { ...hooks, eventTypes: ['OpportunityWon', 'LeadAssigned'], description: ' DMS ' });
    expect(subscription).toMatchObject({ dealer_id: 'd1', status: 'ACTIVE', event_types: ['LeadAssigned', 'OpportunityWon'], description: 'DMS', created_by: 'partner-d1' });
    expect(secret).toMatch(/^whsec_/);
    const [stored] = await store.query<Record<string, unknown>>('select * from webhook_subscriptions');
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(testSecrets.open(stored!.secret_ciphertext as string, subscription.id)).toBe(secret);
  });

  it('refuses a partner registering for another dealer, and engineers altogether', async () => {
    expect((await rejection(createWebhookSubscription(as(store, partnerOf('d1')), { ...hooks, dealerId: 'd2' }))).code).toBe('FORBIDDEN');
    expect((await rejection(createWebhookSubscription(as(store, engineer), hooks))).message).toMatch(/createWebhookSubscription needs one of the roles staff, sf_admin, partner/);
    const plainHttp = await rejection(createWebhookSubscription(as(store, staff), { ...hooks, url: 'http://dealer.example.com/hooks' }));
    expect(plainHttp).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'input.url' } });
  });

  it('lets staff register internal webhooks and webhooks for a dealer, and see them all; a partner sees its own only', async () => {
    const internal = (await createWebhookSubscription(as(store, staff), hooks)).subscription;
    const forD2 = (await createWebhookSubscription(as(store, staff), { ...hooks, dealerId: 'd2' })).subscription;
    const ofD1 = (await createWebhookSubscription(as(store, partnerOf('d1')), hooks)).subscription;
    expect(internal.dealer_id).toBeNull();
    expect(forD2.dealer_id).toBe('d2');
    const ids = async (scope: Parameters<typeof listSubscriptions>[1], filter = {}) => (await listSubscriptions(store, scope, filter, pageQuery({}))).nodes.map((s) => s.id);
    expect(new Set(await ids({ kind: 'all' }))).toEqual(new Set([internal.id, forD2.id, ofD1.id]));
    expect(await ids({ kind: 'dealer', dealerAccountId: 'd1' })).toEqual([ofD1.id]);
    expect(await ids({ kind: 'dealer', dealerAccountId: 'd1' }, { dealerId: 'd2' })).toEqual([]);
    expect(await ids({ kind: 'all' }, { dealerId: 'd2' })).toEqual([forD2.id]);
    // Another dealer's webhook is not found, for every change.
    const d1 = as(store, partnerOf('d1'));
    for (const change of [pauseWebhookSubscription, resumeWebhookSubscription, rotateWebhookSecret, deleteWebhookSubscription]) {
      expect((await rejection(change(d1, forD2.id))).code).toBe('NOT_FOUND');
    }
  });

  it('holds deliveries while paused and queues them, oldest first, on resume', async () => {
    const queue = new RecordingQueue();
    const ctx = as(store, partnerOf('d1'), queue);
    const { subscription } = await createWebhookSubscription(ctx, hooks);
    expect((await pauseWebhookSubscription(ctx, subscription.id)).status).toBe('PAUSED');
    expect((await pauseWebhookSubscription(ctx, subscription.id)).status).toBe('PAUSED');
    const first = event('LeadAssigned', ['d1']);
    const second = { ...event('LeadAssigned', ['d1']), occurredAt: new Date(Date.parse(first.occurredAt) + 1).toISOString() };
    await dispatchEvent({ store, queue, logger }, first);
    await dispatchEvent({ store, queue, logger }, second);
    expect(queue.enqueued).toEqual([]);
    expect((await store.query<{ status: string }>('select status from webhook_deliveries')).map((d) => d.status)).toEqual(['HELD', 'HELD']);
    expect((await resumeWebhookSubscription(ctx, subscription.id)).status).toBe('ACTIVE');
    expect(queue.enqueued.map((d) => d.event_id)).toEqual([first.eventId, second.eventId]);
    // Each released delivery runs anew, under a run number (and so a job id) never used before.
    expect(new Set(queue.enqueued.map((d) => d.run)).size).toBe(2);
    expect(queue.enqueued.every((d) => d.run > 0)).toBe(true);
    expect((await resumeWebhookSubscription(ctx, subscription.id)).status).toBe('ACTIVE');
    expect(queue.enqueued).toHaveLength(2);
  });

  it('changes nothing when a resume cannot queue, and the next resume queues under job ids never used', async () => {
    const queue = new RecordingQueue();
    const redisAway = { enqueue: async (deliveries: Parameters<RecordingQueue['enqueue']>[0]) => { queue.enqueued.push(...deliveries); throw new Error('Redis did not answer'); }, close: async () => {} };
    const ctx = as(store, partnerOf('d1'), queue);
    const { subscription } = await createWebhookSubscription(ctx, hooks);
    await pauseWebhookSubscription(ctx, subscription.id);
    await dispatchEvent({ store, queue, logger }, event('LeadAssigned', ['d1']));
    await expect(resumeWebhookSubscription(as(store, partnerOf('d1'), redisAway), subscription.id)).rejects.toThrow('Redis did not answer');
    expect((await store.query<{ status: string }>('select status from webhook_subscriptions'))[0]!.status).toBe('PAUSED');
    expect((await store.query<{ status: string }>('select status from webhook_deliveries'))[0]!.status).toBe('HELD');
    await resumeWebhookSubscription(ctx, subscription.id);
    const [failed, resumed] = queue.enqueued;
    // Had the failed attempt's job reached Redis after all, it is stale; the new one must not be taken for its duplicate.
    expect(resumed!.run).not.toBe(failed!.run);
  });

  it('rotates the secret, keeping the old one valid for the grace period asked for', async () => {
    const now = new Date('2026-05-01T12:00:00Z');
    const ctx = as(store, partnerOf('d1'), new RecordingQueue(), now);
    const created = await createWebhookSubscription(ctx, hooks);
    const rotated = await rotateWebhookSecret(ctx, created.subscription.id, 60);
    expect(rotated.secret).not.toBe(created.secret);
    expect(testSecrets.open(rotated.subscription.secret_ciphertext, created.subscription.id)).toBe(rotated.secret);
    expect(testSecrets.open(rotated.subscription.previous_secret_ciphertext!, created.subscription.id)).toBe(created.secret);
    expect(rotated.subscription.previous_secret_expires_at).toEqual(new Date('2026-05-01T13:00:00Z'));
    const immediate = await rotateWebhookSecret(ctx, created.subscription.id);
    expect(immediate.subscription).toMatchObject({ previous_secret_ciphertext: null, previous_secret_expires_at: null });
    expect((await rejection(rotateWebhookSecret(ctx, created.subscription.id, 20_000))).details).toMatchObject({ field: 'previousSecretValidForMinutes' });
  });

  it('deletes a subscription with its deliveries', async () => {
    const ctx = as(store, partnerOf('d1'));
    const { subscription } = await createWebhookSubscription(ctx, hooks);
    await dispatchEvent({ store, queue: new RecordingQueue(), logger }, event('LeadAssigned', ['d1']));
    expect(await deleteWebhookSubscription(ctx, subscription.id)).toBe(subscription.id);
    expect(await store.query('select id from webhook_deliveries')).toEqual([]);
    expect((await rejection(deleteWebhookSubscription(ctx, subscription.id))).code).toBe('NOT_FOUND');
  });

  it('redelivers only a dead-lettered delivery, in a new run; engineers may retry it too', async () => {
    const queue = new RecordingQueue();
    const ctx = as(store, partnerOf('d1'), queue);
    await createWebhookSubscription(ctx, hooks);
    const [delivery] = await dispatchEvent({ store, queue, logger }, event('LeadAssigned', ['d1']));
    const refused = await rejection(redeliverWebhookDelivery(ctx, delivery!.id));
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { rule: 'DELIVERY_NOT_DEAD_LETTERED', status: 'PENDING' } });
    await store.query("update webhook_deliveries set status = 'DEAD_LETTERED'");
    expect((await rejection(redeliverWebhookDelivery(as(store, partnerOf('d2')), delivery!.id))).code).toBe('NOT_FOUND');
    const redelivered = await redeliverWebhookDelivery(as(store, engineer, queue), delivery!.id);
    expect(redelivered.status).toBe('PENDING');
    expect(redelivered.run).toBeGreaterThan(0);
    expect(queue.enqueued.map((d) => d.run)).toEqual([0, redelivered.run]);
  });
});
