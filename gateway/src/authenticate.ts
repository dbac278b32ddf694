import type { ServerResponse } from 'node:http';
import { DomainError, createJwtVerifier, sendJson, unauthenticated, type Identity, type JwtVerifierOptions } from '@l2c/shared';

/**
 * Turns an `Authorization` header value into the caller's identity, or throws an `UNAUTHENTICATED` `DomainError`
 * whose message says what is wrong. HTTP requests and (later) graphql-ws `connection_init` payloads share it.
 */
export type Authenticate = (authorization: string | null | undefined) => Promise<Identity>;

export function createAuthenticate(jwt: JwtVerifierOptions): Authenticate {
  const verify = createJwtVerifier(jwt);
  return async (authorization) => {
    if (!authorization) throw unauthenticated('no Authorization header; send "Authorization: Bearer <token>" (for development: npm run token -- staff)');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw unauthenticated('the Authorization header is not "Bearer <token>"');
    return verify(match[1]);
  };
}

/** Answers 401 in the GraphQL error shape, with the reason, and the RFC 6750 challenge. */
export function sendUnauthenticated(res: ServerResponse, error: unknown): void {
  const message = error instanceof DomainError ? error.message : 'unauthenticated';
  sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer realm="l2c-graph"' });
}
