import { signIdentity, type Identity } from '@l2c/shared';

/**
 * Our subgraphs refuse any call without an identity the gateway signed, and a signature is good for five minutes.
 * The peer gateways have no notion of our identity, so they forward each caller's identity the least costly way a
 * gateway can: the bearer token's claims are read (not verified: the peers skip the check our gateway makes), signed
 * once per token and re-signed after a minute. Each caller's subgraph calls then carry that caller's identity, as any
 * gateway in front of our subgraphs must do. The public subgraphs ignore the headers.
 */
export function callerIdentityHeaders(signingSecret: string, refreshMs = 60_000): (authorization: string | null | undefined) => Record<string, string> {
  const signed = new Map<string, { headers: Record<string, string>; at: number }>();
  return (authorization) => {
    if (!authorization) throw new Error('no Authorization header to forward an identity from');
    const now = Date.now();
    const cached = signed.get(authorization);
    if (cached && now - cached.at < refreshMs) return cached.headers;
    const headers = signIdentity(claimsOf(authorization), signingSecret, now);
    signed.set(authorization, { headers, at: now });
    return headers;
  };
}

function claimsOf(authorization: string): Identity {
  const payload = authorization.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) throw new Error('the Authorization header is not "Bearer <jwt>"');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; roles: Identity['roles']; dealer_account_id?: string };
  return { subject: claims.sub, roles: claims.roles, dealerAccountId: claims.dealer_account_id ?? null };
}
