/**
 * The internal route (`POST /sync` on a subgraph's internal listener) through which the graph's sync fields, served
 * by CRM, reach this subgraph's sync engine. Every request carries the caller's identity and is signed with the
 * secret the gateway signs identities with (`signInternalRequest`); the caller must be sf_admin or engineer, as on
 * the graph's own fields.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, ErrorCode } from '../../errors.ts';
import { requireRole } from '../../identity.ts';
import { verifyInternalRequest } from '../../internalRequest.ts';
import type { Logger } from '../../logger.ts';
import { BodyTooLargeError, readBody, sendJson } from '../../server/http.ts';
import { SYNC_SURFACE_OPERATIONS, type SyncSurface, type SyncSurfaceOperation } from './surface.ts';
import { readArguments, type WireAnswer } from './wire.ts';

import { SYNC_SURFACE_PATH } from '../../subgraphs.ts';

export { SYNC_SURFACE_PATH };

export interface SyncSurfaceRouteOptions {
  /** This subgraph's surface; null while the process runs without the sync (answered `SYNC_DISABLED`). */
  surface: SyncSurface | null;
  /** The secret shared with the gateway (`GATEWAY_SIGNING_SECRET`). */
  signingSecret: string;
  logger: Logger;
}

/** The route handler, for a subgraph server's `routes` under `SYNC_SURFACE_PATH`. */
export function syncSurfaceRoute(options: SyncSurfaceRouteOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const answer = (status: number, body: WireAnswer) => sendJson(res, status, body);
    if (req.method !== 'POST') return answer(405, { error: { code: 'BAD_REQUEST', message: `${SYNC_SURFACE_PATH} takes POST` } });
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return answer(413, { error: { code: 'BAD_REQUEST', message: error.message } });
      throw error;
    }
    let op: SyncSurfaceOperation;
    let args: unknown[];
    try {
      const identity = verifyInternalRequest({ get: (name) => header(req, name) }, options.signingSecret, SYNC_SURFACE_PATH, body);
      requireRole(identity, 'the Salesforce sync', 'sf_admin', 'engineer');
      const parsed = JSON.parse(body) as { op?: unknown; args?: unknown };
      if (!SYNC_SURFACE_OPERATIONS.includes(parsed.op as SyncSurfaceOperation) || !Array.isArray(parsed.args)) {
        return answer(400, { error: { code: ErrorCode.BadUserInput, message: `op must be one of ${SYNC_SURFACE_OPERATIONS.join(', ')} with args as a list` } });
      }
      op = parsed.op as SyncSurfaceOperation;
      args = readArguments(op, parsed.args);
    } catch (error) {
      if (error instanceof DomainError) return answer(error.code === ErrorCode.Forbidden ? 403 : 401, { error: { code: error.code, message: error.message } });
      return answer(400, { error: { code: 'BAD_REQUEST', message: 'the body is not JSON' } });
    }
    if (!options.surface) return answer(503, { error: { code: 'SYNC_DISABLED', message: 'the Salesforce sync is not running in this process (SYNC_ENABLED=false)' } });
    try {
      const run = options.surface[op] as (...a: unknown[]) => Promise<unknown>;
      answer(200, { result: (await run(...args)) ?? null });
    } catch (error) {
      if (error instanceof DomainError) return answer(422, { error: { code: error.code, message: error.message, details: error.details } });
      options.logger.error({ err: error, op }, 'sync surface operation failed');
      answer(500, { error: { code: 'INTERNAL_SERVER_ERROR', message: `${op} failed in this subgraph's sync` } });
    }
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
