/**
 * The emulator's single request listener over node's `http`: OAuth and identity, the REST API with its session
 * check, API allowance and `Sforce-Limit-Info` header, the mounted Bulk and Streaming APIs, the control endpoint,
 * and fault injection ahead of all of them.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Org } from '../org/types.ts';
import type { ApiUsage } from './apiUsage.ts';
import { handleOAuth } from './auth/oauthRoutes.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { AuthContext } from './auth/types.ts';
import { handleControl } from './control/controlRoutes.ts';
import type { Fault, FaultInjector } from './control/faults.ts';
import { ApiError, apiErrors } from './errors.ts';
import { readText, sendJson } from './io.ts';
import type { Mounts } from './mounts.ts';
import type { RequestCounts } from './requestCounts.ts';
import { dispatchRest } from './rest/router.ts';
import { isServedVersion, versionList } from './rest/versions.ts';
import type { ApiRequest, RestContext, Session } from './types.ts';

export interface ListenerContext {
  org: Org;
  auth: AuthContext;
  sessions: SessionStore;
  usage: ApiUsage;
  counts: RequestCounts;
  faults: FaultInjector;
  rest: RestContext;
  mounts: Mounts;
  /** Serve `/__control/`. */
  control: boolean;
}

const API_PATH = /^\/services\/data\/v(\d{1,3}\.\d)(\/.*)?$/;

export function createRequestListener(context: ListenerContext): RequestListener {
  return (req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const errorId = randomUUID();
      console.error(`salesforce-emulator: unexpected error ${errorId}`, error);
      sendJson(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}` }]);
    });
  };
}

async function handle(context: ListenerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/__control')) {
    if (context.control) return handleControl(context, req, res, url.pathname);
    return sendError(res, apiErrors.notFound());
  }
  context.counts.record(method, url.pathname);
  const fault = context.faults.take(method, url.pathname);
  if (fault && (await applyFault(context, fault, req, res, url))) return;

  if (await handleOAuth(context.auth, req, res, url)) return;
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/services/data') return sendJson(res, 200, versionList(context.rest.latestVersion));
  if (path.startsWith('/cometd') && context.mounts.cometd) {
    const session = sessionOf(context, req);
    if (await context.mounts.cometd.handle(req, res, session ?? null)) return;
  }
  const api = API_PATH.exec(url.pathname);
  if (!api) return sendError(res, apiErrors.notFound());
  const [, version = '', rest = '/'] = api;
  if (!isServedVersion(version, context.rest.latestVersion)) return sendError(res, apiErrors.notFound());
  const session = sessionOf(context, req);
  if (!session) return sendError(res, apiErrors.invalidSession());
  if (!context.usage.draw()) {
    res.setHeader('Sforce-Limit-Info', context.usage.header());
    return sendError(res, apiErrors.requestLimitExceeded());
  }
  res.setHeader('Sforce-Limit-Info', context.usage.header());
  if (context.mounts.bulk && (await context.mounts.bulk.handle(req, res, session))) return;

  let body: unknown;
  const text = await readText(req);
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      return sendError(res, apiErrors.jsonParser(`Unexpected character in the request body: ${(error as Error).message}`));
    }
  }
  const request: ApiRequest = { method: method === 'HEAD' ? 'GET' : method, path: rest, version, query: url.searchParams, headers: headersOf(req), body, session };
  let response;
  try {
    response = dispatchRest(request, context.rest, context.mounts.restRoutes);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response = error.toResponse();
  }
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, response.headers ?? {}).end();
    return;
  }
  sendJson(res, response.status, response.body, response.headers ?? {});
}

function sessionOf(context: ListenerContext, req: IncomingMessage): Session | undefined {
  const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  return token ? context.sessions.use(token) : undefined;
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function sendError(res: ServerResponse, error: ApiError): void {
  const response = error.toResponse();
  sendJson(res, response.status, response.body);
}

/** Applies a fault; returns true when it answered (or dropped) the request, false when the request goes on. */
async function applyFault(context: ListenerContext, fault: Fault, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return false;
    case 'drop':
      req.socket.destroy();
      return true;
    case 'unavailable':
      req.resume();
      sendJson(res, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service temporarily unavailable. Please try again later.' }]);
      return true;
    case 'expiredSession': {
      req.resume();
      const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
      if (token) context.sessions.revoke(token);
      sendError(res, apiErrors.invalidSession());
      return true;
    }
    case 'unableToLockRow':
      return refuseRecords(req, res, url, { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: ', fields: [] });
    case 'validationRule':
      return refuseRecords(req, res, url, { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: fault.message, fields: fault.fields });
  }
}

/** Refuses every record of the request with `error`: per record for sObject Collections, as the request's error otherwise. */
async function refuseRecords(req: IncomingMessage, res: ServerResponse, url: URL, error: { statusCode: string; message: string; fields: string[] }): Promise<true> {
  const text = await readText(req);
  if (/\/composite\/sobjects/.test(url.pathname)) {
    const ids = url.searchParams.get('ids')?.split(',') ?? [];
    let records: unknown[] = ids;
    try {
      const parsed = JSON.parse(text) as { records?: unknown[] };
      if (Array.isArray(parsed.records)) records = parsed.records;
    } catch {
      // A DELETE has no body: the IDs came from the query string.
    }
    sendJson(res, 200, records.map(() => ({ success: false, errors: [error] })));
    return true;
  }
  sendJson(res, 400, [{ message: error.message, errorCode: error.statusCode, fields: error.fields }]);
  return true;
}
