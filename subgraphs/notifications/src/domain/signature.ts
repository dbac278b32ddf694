import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe's scheme: `X-L2C-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The timestamp is signed with the body, so a captured delivery cannot be replayed later with a fresh timestamp; a
 * receiver rejects signatures older than `SIGNATURE_TOLERANCE_SECONDS`. While a rotated-out secret is still valid the
 * header carries one `v1` per secret, and a receiver accepts the body when any of them matches its secret.
 */

/** How old a signature a receiver should accept: 5 minutes. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Prefix of every signing secret, so a leaked one is recognisable in logs and secret scanners. */
const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes. The HMAC key is the whole string as UTF-8, prefix included. */
export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
export function computeSignature(secret: string, timestampSeconds: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
}

/** The `X-L2C-Signature` value for a body signed at `timestampSeconds` with each of `secrets` (current first). */
export function signatureHeader(rawBody: string, secrets: readonly string[], timestampSeconds: number): string {
  if (secrets.length === 0) throw new Error('a webhook delivery needs at least one signing secret');
  return [`t=${timestampSeconds}`, ...secrets.map((secret) => `v1=${computeSignature(secret, timestampSeconds, rawBody)}`)].join(',');
}

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: string };

/**
 * What a receiver does with a delivery (a reference implementation, used by our tests): parse the header, reject a
 * timestamp further than `toleranceSeconds` from now (either way), and compare each `v1` with the HMAC of
 * `<t>.<raw body>` in constant time. `rawBody` must be the bytes received, before any JSON parsing.
 */
export function verifySignature(
  header: string | null | undefined,
  rawBody: string,
  secret: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): SignatureCheck {
  const { toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS, nowSeconds = Math.floor(Date.now() / 1000) } = options;
  if (!header) return { valid: false, reason: 'no signature header' };
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string?]);
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => Number(value));
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value!);
  const timestamp = timestamps[0];
  if (timestamps.length !== 1 || timestamp === undefined || !Number.isInteger(timestamp)) return { valid: false, reason: 'no timestamp (t=) in the signature header' };
  if (signatures.length === 0) return { valid: false, reason: 'no v1 signature in the signature header' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { valid: false, reason: `timestamp is more than ${toleranceSeconds} s from now` };
  const expected = Buffer.from(computeSignature(secret, timestamp, rawBody), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { valid: true, timestamp } : { valid: false, reason: 'no signature matches the body and the secret' };
}
