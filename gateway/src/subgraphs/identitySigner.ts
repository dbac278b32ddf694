import { signIdentity, type Identity } from '@l2c/shared';

/** Returns the signed identity headers for a caller, signing each identity once per `refreshMs` rather than per fetch. */
export type IdentitySigner = (identity: Identity) => Readonly<Record<string, string>>;

/**
 * Signs an identity once and reuses the headers for every subgraph fetch of the request (and of later requests that
 * carry the same verified token, whose identity object is cached). Headers are re-signed after `refreshMs` (default
 * 60 s), well inside the five minutes subgraphs accept a signature for.
 */
export function createIdentitySigner(secret: string, refreshMs = 60_000, now: () => number = Date.now): IdentitySigner {
  const signed = new WeakMap<Identity, { headers: Record<string, string>; at: number }>();
  return (identity) => {
    const at = now();
    const cached = signed.get(identity);
    if (cached && at - cached.at < refreshMs) return cached.headers;
    const headers = signIdentity(identity, secret, at);
    signed.set(identity, { headers, at });
    return headers;
  };
}
