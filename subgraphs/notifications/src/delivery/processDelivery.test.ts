import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type StoredEvent } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { createWebhookSubscription, deleteWebhookSubscription, pauseWebhookSubscription } from '../commands/subscriptions.ts';
import { jitterFor, retryDelayMs } from '../domain/backoff.ts';
import type { DeliveryRow } from '../store/rows.ts';
import { as, openNotificationsStore, partnerOf, RecordingQueue, testSecrets } from '../testing/fixtures.ts';
import { dispatchEvent } from './dispatcher.ts';
import { DeliveryFailedError, processDelivery, type ProcessDeliveryDeps } from './processDelivery.ts';
import type { AttemptOutcome, WebhookRequest } from './send.ts';

/** One attempt's decisions, without Redis or HTTP: the queue is a recording, the endpoint a function. */
const logger = createLogger('process-test', 'silent');
const backoff = { baseMs: 1000, maxMs: 60_000 };
let store: DisposableStore;
let sent: WebhookRequest[];
let answer: number;

beforeEach(async () => {
  store = await openNotificationsStore();
  sent = [];
  answer = 200;
});
afterEach(() => store.close());

const deps = (): ProcessDeliveryDeps => ({
  store,
  secrets: testSecrets,
  logger,
  settings: { timeoutMs: 1000, backoff },
  send: async (request): Promise<AttemptOutcome> => {
    sent.push(request);
    const ok = answer < 300;
    return { ok, startedAt: new Date('2026-05-01T12:00:00Z'), durationMs: 5, statusCode: answer, error: ok ? null : `HTTP ${answer}` };
  },
});

async function queuedDelivery(): Promise<DeliveryRow> {
  const ctx = as(store, partnerOf('d1'));
  await createWebhookSubscription(ctx, { url: 'https://dealer.example.com/hooks', eventTypes: ['LeadAssigned'] });
  const event: StoredEvent = { id: '1-0', eventId: randomUUID(), type: 'LeadAssigned', entity: { typename: 'Lead', id: 'l1' }, dealerIds: ['d1'], changes: {}, occurredAt: new Date(Date.now() + 1000).toISOString(), source: 'crm' };
  const [delivery] = await dispatchEvent({ store, queue: new RecordingQueue(), logger }, event);
  return delivery!;
}

const job = (delivery: DeliveryRow, attempt = 1, maxAttempts = 3) => ({ jobId: `job-${delivery.id}`, deliveryId: delivery.id, run: delivery.run, attempt, maxAttempts });
const row = async (id: string) => (await store.query<DeliveryRow>('select * from webhook_deliveries where id = $1', [id]))[0]!;

describe('one delivery attempt', () => {
  it('records a failure as RETRYING with the time BullMQ will retry, and the last failure as DEAD_LETTERED', async () => {
    const delivery = await queuedDelivery();
    answer = 500;
    await expect(processDelivery(deps(), job(delivery, 1))).rejects.toBeInstanceOf(DeliveryFailedError);
    const delay = retryDelayMs(1, backoff, jitterFor(`job-${delivery.id}/1`));
    expect(await row(delivery.id)).toMatchObject({ status: 'RETRYING', attempt_count: 1, last_status_code: 500, next_attempt_at: new Date(Date.parse('2026-05-01T12:00:00Z') + 5 + delay) });
    await expect(processDelivery(deps(), job(delivery, 3))).rejects.toThrow(/attempt 3 failed: HTTP 500/);
    expect(await row(delivery.id)).toMatchObject({ status: 'DEAD_LETTERED', attempt_count: 2, next_attempt_at: null });
  });

  it('sends nothing unsigned: a secret that does not decrypt is a failed attempt that says why', async () => {
    const delivery = await queuedDelivery();
    await store.query("update webhook_subscriptions set secret_ciphertext = 'v1.AAAA.AAAA.AAAA'");
    await expect(processDelivery(deps(), job(delivery))).rejects.toBeInstanceOf(DeliveryFailedError);
    expect(sent).toEqual([]);
    expect(await row(delivery.id)).toMatchObject({ status: 'RETRYING', last_error: 'the signing secret cannot be decrypted (was WEBHOOK_SECRET_KEY changed?)' });
  });

  it('holds the delivery instead of sending when the subscription was paused after it was queued', async () => {
    const delivery = await queuedDelivery();
    await pauseWebhookSubscription(as(store, partnerOf('d1')), delivery.subscription_id);
    expect(await processDelivery(deps(), job(delivery))).toEqual({ outcome: 'held' });
    expect(sent).toEqual([]);
    expect((await row(delivery.id)).status).toBe('HELD');
  });

  it('does nothing for a stale run, a finished delivery, or a deleted subscription', async () => {
    const delivery = await queuedDelivery();
    expect(await processDelivery(deps(), { ...job(delivery), run: 7 })).toEqual({ outcome: 'skipped', reason: 'job is for run 7; the delivery is on run 0' });
    expect(await processDelivery(deps(), job(delivery))).toEqual({ outcome: 'delivered', statusCode: 200 });
    expect(await processDelivery(deps(), job(delivery))).toEqual({ outcome: 'skipped', reason: 'the delivery is SUCCEEDED' });
    await deleteWebhookSubscription(as(store, partnerOf('d1')), delivery.subscription_id);
    expect((await processDelivery(deps(), job(delivery))).outcome).toBe('skipped');
    expect(sent).toHaveLength(1);
  });
});
