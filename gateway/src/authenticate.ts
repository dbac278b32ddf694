import type { ServerResponse } from 'node:http';
import { DomainError, createTokenVerifier, sendJson, unauthenticated, type Identity, type JwtVerifierOptions, type VerifiedToken } from '@l2c/shared';

/**
 * Turns an `Authorization` header value into the caller's identity, or throws an `UNAUTHENTICATED` `DomainError`
 * whose message says what is wrong. HTTP requests and graphql-ws `connection_init` payloads share it.
 */
export type Authenticate = (authorization: string | null | undefined) => Promise<Identity>;

/** How many verified tokens are remembered; the oldest is forgotten first. Default of `createAuthenticate`. */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Verifies bearer tokens, remembering each verified token until it expires: a client sends the same token with every
 * request, and checking its signature once is enough. A remembered token is still refused from its `exp` on. The same
 * identity object is returned for the same token, so the identity is signed for subgraphs once per minute, not per call.
 */
export function createAuthenticate(jwt: JwtVerifierOptions, cacheSize = VERIFIED_TOKEN_CACHE_SIZE): Authenticate {
  const verify = createTokenVerifier(jwt);
  const verified = new Map<string, VerifiedToken>();
  return async (authorization) => {
    if (!authorization) throw unauthenticated('no Authorization header; send "Authorization: Bearer <token>" (for development: npm run token -- staff)');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1];
    if (!token) throw unauthenticated('the Authorization header is not "Bearer <token>"');
    const known = verified.get(token);
    if (known && known.expiresAt * 1000 > Date.now()) return known.identity;
    const fresh = await verify(token);
    verified.delete(token);
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, fresh);
    return fresh.identity;
  };
}

/** Answers 401 in the GraphQL error shape, with the reason, and the RFC 6750 challenge. */
export function sendUnauthenticated(res: ServerResponse, error: unknown): void {
  const message = error instanceof DomainError ? error.message : 'unauthenticated';
  sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer realm="l2c-graph"' });
}
