/** What one attempt to POST a delivery came to. */
export interface AttemptOutcome {
  ok: boolean;
  startedAt: Date;
  durationMs: number;
  /** The HTTP status answered; null when none was (timeout, refused connection, DNS failure). */
  statusCode: number | null;
  /** Why it failed, in words; null on success. */
  error: string | null;
}

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** How long the endpoint has to answer, ms. */
  timeoutMs: number;
}

/**
 * POSTs a delivery once and reports the outcome; never throws. Success is a 2xx answer. Redirects are not followed (a
 * 3xx is a failure): a webhook URL is registered and checked once, and a redirect must not carry a signed body
 * elsewhere. The response body is not read: the endpoint has answered, and a slow body must not hold the worker.
 */
export async function sendWebhook(request: WebhookRequest): Promise<AttemptOutcome> {
  const startedAt = new Date();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    return { ok, startedAt, durationMs: elapsed(), statusCode: response.status, error: ok ? null : `HTTP ${response.status}${redirect}` };
  } catch (error) {
    return { ok: false, startedAt, durationMs: elapsed(), statusCode: null, error: describeFailure(error, request.timeoutMs) };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  // undici reports network failures as `TypeError: fetch failed` with the reason in `cause`.
  const cause = error instanceof Error ? (error.cause as { message?: string } | undefined) : undefined;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return message.slice(0, 500);
}
