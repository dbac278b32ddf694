import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { unauthenticated } from './errors.ts';
import { IDENTITY_HEADER, signIdentity, verifyIdentity, type Identity } from './identity.ts';

/**
 * Requests one subgraph makes of another's internal listener on behalf of a caller (the graph's sync fields asking
 * CPQ's sync engine): the caller's identity signed as the gateway signs it, and the path and body signed with it under
 * the same secret, so a captured request cannot be replayed with another body or at another route.
 */
export const BODY_SIGNATURE_HEADER = 'x-l2c-body-signature';

/** The headers of an internal request carrying `identity`. */
export function signInternalRequest(identity: Identity, secret: string, path: string, body: string, now = Date.now()): Record<string, string> {
  const headers = signIdentity(identity, secret, now);
  return { ...headers, [BODY_SIGNATURE_HEADER]: bodySignature(secret, headers[IDENTITY_HEADER]!, path, body) };
}

/** The caller of an internal request; throws `UNAUTHENTICATED` when its identity, path or body is not as signed. */
export function verifyInternalRequest(headers: { get(name: string): string | null | undefined }, secret: string, path: string, body: string, now = Date.now()): Identity {
  const identity = verifyIdentity(headers, secret, now);
  const given = Buffer.from(headers.get(BODY_SIGNATURE_HEADER) ?? '');
  const expected = Buffer.from(bodySignature(secret, headers.get(IDENTITY_HEADER)!, path, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthenticated('internal request signature is not valid for its path and body');
  return identity;
}

function bodySignature(secret: string, identityValue: string, path: string, body: string): string {
  const digest = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${identityValue}\n${path}\n${digest}`).digest('base64url');
}
