/**
 * File uploads at `/uploads/<subgraph>/<path>`: the request is authenticated as GraphQL calls are, and its body is
 * streamed (never held) to that subgraph's `/uploads/<path>` with the caller's signed identity, which the subgraph
 * checks itself; its answer is streamed back. A dealer portal uploads a CSV of sales reports to
 * `/uploads/warranty/csv-imports?id=…` this way — files far larger than a GraphQL request may be. The gateway knows
 * no route of any subgraph: an unknown subgraph is 404, whatever else the subgraph answers.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DomainError, sendJson, signIdentity, type Identity, type Logger } from '@l2c/shared';
import type { Authenticate } from './authenticate.ts';

export const UPLOADS_PATH = '/uploads';

export interface UploadProxyOptions {
  /** Subgraph name → its GraphQL URL (the uploads route is on the same origin). */
  subgraphUrls: Record<string, string>;
  authenticate: Authenticate;
  signingSecret: string;
  logger: Logger;
  /** How long one upload may take, ms. Default 600,000. */
  timeoutMs?: number;
}

const FORWARDED = ['content-type', 'content-length', 'content-encoding', 'content-md5'];

export function createUploadProxy(options: UploadProxyOptions): { prefix: string; handle(req: IncomingMessage, res: ServerResponse): void } {
  const timeoutMs = options.timeoutMs ?? 600_000;
  return {
    prefix: UPLOADS_PATH,
    handle(req, res) {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://gateway');
        const [, , name, ...rest] = url.pathname.split('/');
        const base = name ? options.subgraphUrls[name] : undefined;
        if (!base || rest.length === 0) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no upload route ${url.pathname}; uploads go to /uploads/<subgraph>/<path>` } });
        let identity: Identity;
        try {
          identity = await options.authenticate(req.headers.authorization);
        } catch (error) {
          return sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: error instanceof DomainError ? error.message : 'unauthenticated' } }, { 'www-authenticate': 'Bearer realm="l2c-graph"' });
        }
        const target = new URL(`/uploads/${rest.join('/')}${url.search}`, base);
        const headers: Record<string, string> = { ...signIdentity(identity, options.signingSecret) };
        for (const header of FORWARDED) {
          const value = req.headers[header];
          if (typeof value === 'string') headers[header] = value;
        }
        const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
        const upstream = send(target, { method: req.method, headers, timeout: timeoutMs }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json; charset=utf-8' });
          answer.pipe(res);
        });
        upstream.on('timeout', () => upstream.destroy(new Error(`the ${name} subgraph did not answer the upload within ${timeoutMs} ms`)));
        upstream.on('error', (error) => {
          options.logger.warn({ err: error, subgraph: name }, 'upload could not be forwarded');
          if (!res.headersSent) sendJson(res, 502, { error: { code: 'SUBGRAPH_UNAVAILABLE', message: `the ${name} subgraph could not take the upload; try again` } });
          else res.destroy();
        });
        req.on('aborted', () => upstream.destroy());
        req.pipe(upstream);
      })().catch((error: unknown) => {
        options.logger.error({ err: error }, 'upload failed');
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
      });
    },
  };
}

/** The subgraphs' URLs as the composed supergraph names them (`@join__graph(name:, url:)`), overridden by `overrides`. */
export function subgraphUrlsOf(supergraphSdl: string, overrides: Record<string, string> = {}): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]*)"\)/g)) urls[match[1]!] = match[2]!;
  return { ...urls, ...overrides };
}
