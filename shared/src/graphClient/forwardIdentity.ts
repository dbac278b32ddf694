import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { IDENTITY_HEADER, IDENTITY_SIGNATURE_HEADER } from '../identity.ts';
import type { IdentityHeaders } from './client.ts';

/**
 * The signed identity headers of the request a subgraph is serving, so that a call it makes to another subgraph
 * carries the caller's own identity as the gateway signed it (valid for `IDENTITY_MAX_AGE_MS` after signing), never
 * one the subgraph made up.
 *
 * `createSubgraphServer` hands `createContext` the verified identity only, not the headers it was verified from; this
 * wraps the server's request listeners so that each request is handled inside an async-local store holding its two
 * headers, which `createContext` then reads. Call it once, right after the server is created and before it listens.
 */
export function captureIdentityHeaders(http: Server): () => IdentityHeaders | null {
  const current = new AsyncLocalStorage<IdentityHeaders | null>();
  const listeners = http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    current.run(identityHeadersOf(req.headers), () => {
      for (const listener of listeners) listener.call(http, req, res);
    });
  });
  return () => current.getStore() ?? null;
}

/** The two identity headers of a request, or null when either is missing. */
export function identityHeadersOf(headers: Record<string, string | string[] | undefined>): IdentityHeaders | null {
  const value = first(headers[IDENTITY_HEADER]);
  const signature = first(headers[IDENTITY_SIGNATURE_HEADER]);
  return value && signature ? { [IDENTITY_HEADER]: value, [IDENTITY_SIGNATURE_HEADER]: signature } : null;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
