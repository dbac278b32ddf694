import { createHash } from 'node:crypto';

export interface BackoffPolicy {
  /** Delay before the second attempt, ms; each further one doubles it. */
  baseMs: number;
  /** Longest delay between two attempts, ms. */
  maxMs: number;
}

/**
 * The delay before the next attempt after `failedAttempts` failures: exponential (`base · 2^(failures − 1)`), capped at
 * `maxMs`, then jittered to between half and all of it, so endpoints that failed together (a partner's outage) are not
 * retried all at the same instant. `jitter` in [0, 1) picks the point in that range.
 */
export function retryDelayMs(failedAttempts: number, policy: BackoffPolicy, jitter: number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, failedAttempts - 1);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * jitter);
}

/**
 * A jitter in [0, 1) derived from a key (the job and its attempt): random across deliveries, yet the same each time it
 * is computed, so the worker can record when BullMQ will make the next attempt (`nextAttemptAt`) before BullMQ asks
 * the backoff strategy for the very same delay.
 */
export function jitterFor(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}
