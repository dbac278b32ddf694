import { createHmac, timingSafeEqual } from 'node:crypto';
import { unauthenticated, type Scope } from '@l2c/shared';
import type { CaseFilter } from '../store/cases.ts';

/** What a download link allows: one file, in the scope of the caller who asked for it, until it expires. */
export type LinkRequest =
  | { kind: 'export'; format: 'CSV' | 'XES' | 'OCEL'; scope: Scope; filter: CaseFilter }
  | { kind: 'map'; weight: 'FREQUENCY' | 'DURATION'; minFrequency: number; scope: Scope; filter: CaseFilter };

export interface LinkSigner {
  /** A signed URL for the request, valid for `ttlMs`. */
  sign(request: LinkRequest): { url: string; expiresAt: Date };
  /** The request a token stands for; `UNAUTHENTICATED` when it is forged, altered or expired. */
  verify(token: string): LinkRequest;
}

/** The path each kind of link is served at by the subgraph. */
export const LINK_PATHS = { export: '/exports/process-log', map: '/process-map.svg' } as const;

/**
 * Download links signed like the gateway's identity (HMAC-SHA256 under a key derived from the signing secret): the
 * file is fetched without a token in the header (an <img>, a browser download), and the link cannot be widened to
 * another scope or filter, nor used after it expires. Like a presigned URL, whoever holds the link can use it.
 */
export function createLinkSigner(options: { secret: string; baseUrl: string | (() => string); ttlMs?: number; now?: () => number }): LinkSigner {
  const key = createHmac('sha256', options.secret).update('insights download links').digest();
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    sign(request) {
      const expiresAt = new Date(now() + ttlMs);
      const payload = Buffer.from(JSON.stringify({ ...request, exp: expiresAt.getTime() })).toString('base64url');
      const suffix = request.kind === 'export' ? { CSV: '.csv', XES: '.xes', OCEL: '.ocel.json' }[request.format] : '';
      const base = typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl;
      return { url: `${base.replace(/\/$/, '')}${LINK_PATHS[request.kind]}${suffix}?token=${payload}.${mac(payload)}`, expiresAt };
    },
    verify(token) {
      const [payload, signature] = token.split('.');
      if (!payload || !signature) throw unauthenticated('download link has no valid token');
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthenticated('download link signature is not valid');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkRequest & { exp: number };
      if (claims.exp < now()) throw unauthenticated('download link has expired; ask the graph for a new one');
      const filter = claims.filter;
      return { ...claims, filter: { ...filter, from: filter.from ? new Date(filter.from) : null, to: filter.to ? new Date(filter.to) : null } };
    },
  };
}
