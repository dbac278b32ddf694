/** Backoff with jitter, shared by the client's request retries and the sync's per-record retries. */

export interface BackoffOptions {
  /** First delay, ms. Default 500 (jsforce's own first delay). */
  baseMs?: number;
  /** Largest delay, ms. Default 30,000. */
  maxMs?: number;
}

/**
 * The delay before retry `attempt` (0 for the first retry): exponential, capped, with "equal jitter" (half fixed, half
 * random) so that many workers hitting the same fault do not retry in lockstep, yet none retries immediately.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
