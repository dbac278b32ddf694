/**
 * `/__control/…`: the test hook, off unless enabled (`SF_EMULATOR_CONTROL=1` or the `control` option), because it
 * can reset the org and end sessions. JSON in, JSON out.
 *
 * - `POST /__control/faults` `{ kind, path, method?, count?, delayMs?, message?, fields? }` → the fault; `GET` lists; `DELETE` clears.
 * - `GET /__control/requests` → `{ total, endpoints }`; `DELETE` clears the counts.
 * - `PUT /__control/api-usage` `{ used, limit? }` → the new usage; `GET` reads it.
 * - `POST /__control/sessions/expire` → ends every session (refresh tokens stay valid).
 * - `POST /__control/reset` → empty org (standard records only), counts, faults and API usage cleared.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Org } from '../../org/types.ts';
import type { ApiUsage } from '../apiUsage.ts';
import type { SessionStore } from '../auth/sessions.ts';
import { readText, sendJson } from '../io.ts';
import type { RequestCounts } from '../requestCounts.ts';
import { FAULT_KINDS, type FaultInjector, type FaultKind } from './faults.ts';

export interface ControlContext {
  org: Org;
  faults: FaultInjector;
  counts: RequestCounts;
  usage: ApiUsage;
  sessions: SessionStore;
}

export async function handleControl(context: ControlContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = req.method ?? 'GET';
  const body = method === 'POST' || method === 'PUT' ? parse(await readText(req)) : {};
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'POST /__control/faults': {
      const kind = body.kind as FaultKind;
      if (!FAULT_KINDS.includes(kind) || typeof body.path !== 'string') {
        return sendJson(res, 400, { error: `kind must be one of ${FAULT_KINDS.join(', ')} and path a regular expression` });
      }
      const fault = context.faults.add({
        kind,
        path: body.path,
        ...(typeof body.method === 'string' ? { method: body.method } : {}),
        ...(typeof body.count === 'number' ? { count: body.count } : {}),
        ...(typeof body.delayMs === 'number' ? { delayMs: body.delayMs } : {}),
        ...(typeof body.message === 'string' ? { message: body.message } : {}),
        ...(Array.isArray(body.fields) && body.fields.every((f) => typeof f === 'string') ? { fields: body.fields as string[] } : {}),
      });
      const { pattern: _pattern, ...json } = fault;
      return sendJson(res, 201, json);
    }
    case 'GET /__control/faults':
      return sendJson(res, 200, context.faults.list());
    case 'DELETE /__control/faults':
      context.faults.clear();
      return sendJson(res, 200, { cleared: true });
    case 'GET /__control/requests':
      return sendJson(res, 200, context.counts.toJSON());
    case 'DELETE /__control/requests':
      context.counts.clear();
      return sendJson(res, 200, { cleared: true });
    case 'GET /__control/api-usage':
      return sendJson(res, 200, context.usage.snapshot());
    case 'PUT /__control/api-usage': {
      if (typeof body.used !== 'number') return sendJson(res, 400, { error: 'used must be a number' });
      context.usage.set(body.used, typeof body.limit === 'number' ? body.limit : undefined);
      return sendJson(res, 200, context.usage.snapshot());
    }
    case 'POST /__control/sessions/expire':
      return sendJson(res, 200, { expired: context.sessions.expireAll() });
    case 'POST /__control/reset': {
      context.org.reset();
      context.faults.clear();
      context.counts.clear();
      context.usage.set(0);
      return sendJson(res, 200, { reset: true });
    }
    default:
      return sendJson(res, 404, { error: `No control resource ${route}` });
  }
}

function parse(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
