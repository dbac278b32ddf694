import type { Logger, Store } from '@l2c/shared';
import { jitterFor, retryDelayMs, type BackoffPolicy } from '../domain/backoff.ts';
import { webhookBody } from '../domain/payload.ts';
import { signatureHeader } from '../domain/signature.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { deliveriesByIds, insertAttempt, updateDeliveryRow } from '../store/deliveries.ts';
import type { DeliveryRow, SubscriptionRow } from '../store/rows.ts';
import { subscriptionsByIds } from '../store/subscriptions.ts';
import { sendWebhook, type AttemptOutcome, type WebhookRequest } from './send.ts';

export interface DeliverySettings {
  /** How long an endpoint has to answer, ms. */
  timeoutMs: number;
  /** Delays between attempts (the worker's BullMQ backoff strategy uses the same policy). */
  backoff: BackoffPolicy;
}

export interface ProcessDeliveryDeps {
  store: Store;
  secrets: SecretBox;
  settings: DeliverySettings;
  logger: Logger;
  now?: () => Date;
  /** Sends one attempt. Default `sendWebhook`. */
  send?: (request: WebhookRequest) => Promise<AttemptOutcome>;
}

/** One attempt as the queue hands it over. */
export interface DeliveryAttemptJob {
  /** The queue job's id: with `attempt`, it keys the jitter of the next delay. */
  jobId: string;
  deliveryId: string;
  run: number;
  /** 1 for the first attempt of this run. */
  attempt: number;
  /** Attempts this run may make before the delivery is dead-lettered. */
  maxAttempts: number;
}

export type DeliveryResult = { outcome: 'delivered'; statusCode: number } | { outcome: 'held' } | { outcome: 'skipped'; reason: string };

/** Thrown for a failed attempt, so the queue retries it (or fails the job for good after the last attempt). */
export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
}

/**
 * Makes one attempt at a delivery: checks it is still due (its run is current, it is pending or retrying, its
 * subscription exists and is active: a paused one holds it), POSTs the signed body, and records the attempt with the
 * delivery's new status in one transaction. A failed attempt throws, for the queue to retry with backoff; after the
 * last attempt of the run the delivery is recorded dead-lettered before the queue fails the job.
 */
export async function processDelivery(deps: ProcessDeliveryDeps, job: DeliveryAttemptJob): Promise<DeliveryResult> {
  const now = deps.now ?? (() => new Date());
  const claim = await claimDelivery(deps.store, job);
  if (claim.kind !== 'send') return claim.kind === 'held' ? { outcome: 'held' } : { outcome: 'skipped', reason: claim.reason };
  const { delivery, subscription } = claim;

  const body = webhookBody(delivery.event, subscription);
  const timestamp = Math.floor(now().getTime() / 1000);
  const secrets = signingSecrets(deps.secrets, subscription, now());
  const outcome = !secrets
    ? // Nothing is sent unsigned; the failed attempt says why, where an operator looks.
      { ok: false, startedAt: now(), durationMs: 0, statusCode: null, error: 'the signing secret cannot be decrypted (was WEBHOOK_SECRET_KEY changed?)' }
    : await (deps.send ?? sendWebhook)({
        url: subscription.url,
        body,
        timeoutMs: deps.settings.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'l2c-webhooks/1',
          'x-l2c-event-id': delivery.event_id,
          'x-l2c-event-type': delivery.event_type,
          'x-l2c-delivery-id': delivery.id,
          'x-l2c-timestamp': String(timestamp),
          'x-l2c-signature': signatureHeader(body, secrets, timestamp),
        },
      });

  const final = !outcome.ok && job.attempt >= job.maxAttempts;
  const retryInMs = outcome.ok || final ? null : retryDelayMs(job.attempt, deps.settings.backoff, jitterFor(`${job.jobId}/${job.attempt}`));
  await recordAttempt(deps.store, delivery, job.run, outcome, final, retryInMs === null ? null : new Date(outcome.startedAt.getTime() + outcome.durationMs + retryInMs));
  const log = { deliveryId: delivery.id, subscriptionId: subscription.id, eventId: delivery.event_id, attempt: job.attempt, statusCode: outcome.statusCode, durationMs: outcome.durationMs };
  if (outcome.ok) {
    deps.logger.debug(log, 'webhook delivered');
    return { outcome: 'delivered', statusCode: outcome.statusCode ?? 0 };
  }
  if (final) deps.logger.warn({ ...log, error: outcome.error }, 'webhook delivery dead-lettered after its last attempt');
  else deps.logger.info({ ...log, error: outcome.error, retryInMs }, 'webhook attempt failed; will retry');
  throw new DeliveryFailedError(`webhook delivery ${delivery.id} attempt ${job.attempt} failed: ${outcome.error}`);
}

type Claim = { kind: 'send'; delivery: DeliveryRow; subscription: SubscriptionRow } | { kind: 'held' } | { kind: 'skip'; reason: string };

/**
 * Decides, in a transaction, whether the attempt goes ahead. Locks the subscription (share) before the delivery
 * (update), the order every writer uses: a resume or a redelivery that queued this job just before committing is
 * waited for, so the job sees what they committed.
 */
function claimDelivery(store: Store, job: DeliveryAttemptJob): Promise<Claim> {
  return store.transaction(async (tx): Promise<Claim> => {
    const [found] = await deliveriesByIds(tx, { kind: 'all' }, [job.deliveryId]);
    if (!found) return { kind: 'skip', reason: 'the delivery no longer exists (its subscription was deleted)' };
    const [subscription] = await subscriptionsByIds(tx, { kind: 'all' }, [found.subscription_id], 'share');
    const [delivery] = await deliveriesByIds(tx, { kind: 'all' }, [job.deliveryId], 'update');
    if (!subscription || !delivery) return { kind: 'skip', reason: 'the delivery no longer exists (its subscription was deleted)' };
    if (delivery.run !== job.run) return { kind: 'skip', reason: `job is for run ${job.run}; the delivery is on run ${delivery.run}` };
    if (delivery.status !== 'PENDING' && delivery.status !== 'RETRYING') return { kind: 'skip', reason: `the delivery is ${delivery.status}` };
    if (subscription.status === 'PAUSED') {
      await updateDeliveryRow(tx, delivery.id, { status: 'HELD', next_attempt_at: null });
      return { kind: 'held' };
    }
    return { kind: 'send', delivery, subscription };
  });
}

async function recordAttempt(store: Store, delivery: DeliveryRow, run: number, outcome: AttemptOutcome, final: boolean, nextAttemptAt: Date | null): Promise<void> {
  await store.transaction(async (tx) => {
    const [current] = await deliveriesByIds(tx, { kind: 'all' }, [delivery.id], 'update');
    if (!current) return; // deleted with its subscription while the attempt was in flight
    await insertAttempt(tx, {
      delivery_id: delivery.id,
      run,
      started_at: outcome.startedAt,
      duration_ms: outcome.durationMs,
      status_code: outcome.statusCode,
      error: outcome.error,
      succeeded: outcome.ok,
    });
    await updateDeliveryRow(tx, delivery.id, {
      attempt_count: current.attempt_count + 1,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      status: outcome.ok ? 'SUCCEEDED' : final ? 'DEAD_LETTERED' : 'RETRYING',
      next_attempt_at: nextAttemptAt,
      delivered_at: outcome.ok ? new Date(outcome.startedAt.getTime() + outcome.durationMs) : null,
    });
  });
}

/** The current secret, then the rotated-out one while it is still valid; null when they do not decrypt under this key. */
function signingSecrets(secrets: SecretBox, subscription: SubscriptionRow, now: Date): string[] | null {
  try {
    const current = secrets.open(subscription.secret_ciphertext, subscription.id);
    const previousValid = subscription.previous_secret_ciphertext && subscription.previous_secret_expires_at && subscription.previous_secret_expires_at > now;
    return previousValid ? [current, secrets.open(subscription.previous_secret_ciphertext!, subscription.id)] : [current];
  } catch {
    return null;
  }
}
