/**
 * `POST /composite`: up to 25 subrequests run in order in one transaction, later ones reading earlier results
 * through `@{referenceId.path}` (`@{NewAccount.id}`, `@{Query.records[0].Id}`). With allOrNone, one failure
 * rolls everything back and every subrequest answers PROCESSING_HALTED except the one that failed.
 */
import { ApiError, apiErrors } from '../errors.ts';
import type { ApiRequest, ApiResponse, RestContext } from '../types.ts';
import { bodyObject } from './paths.ts';

const MAX_SUBREQUESTS = 25;
const SUBREQUEST_URL = /^\/services\/data\/v(\d{2,3}\.\d)(\/[^?]*)(?:\?(.*))?$/;
const REFERENCE = /@\{([^}.[\]]+)((?:\.[^}.[\]]+|\[\d+\])*)\}/g;
const ROLLBACK = Symbol('rollback');

interface SubResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export function handleComposite(request: ApiRequest, context: RestContext, dispatch: (request: ApiRequest) => ApiResponse): ApiResponse {
  if (request.method !== 'POST') throw apiErrors.methodNotAllowed(request.method, ['POST']);
  const body = bodyObject(request.body);
  const subrequests = Array.isArray(body.compositeRequest) ? body.compositeRequest.map((sub) => bodyObject(sub)) : undefined;
  if (!subrequests || subrequests.length === 0) throw new ApiError(400, 'INVALID_INPUT', 'compositeRequest must be a non-empty array');
  if (subrequests.length > MAX_SUBREQUESTS) throw new ApiError(400, 'INVALID_INPUT', `Composite requests can contain at most ${MAX_SUBREQUESTS} subrequests`);
  const allOrNone = body.allOrNone === true;
  const results: SubResult[] = [];
  const bodies = new Map<string, unknown>();
  let failedAt = -1;

  const run = () => {
    for (const [index, sub] of subrequests.entries()) {
      const referenceId = String(sub.referenceId ?? '');
      const result = runSubrequest(request, sub, referenceId, bodies, dispatch);
      results.push(result);
      if (result.httpStatusCode < 300) bodies.set(referenceId, result.body);
      if (result.httpStatusCode >= 400 && allOrNone) {
        failedAt = index;
        throw ROLLBACK;
      }
    }
  };
  try {
    context.org.transaction(run, { userId: request.session.userId });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  if (failedAt >= 0) {
    const halted = (referenceId: string): SubResult => ({
      body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }],
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId,
    });
    const all = subrequests.map((sub, index) => (index === failedAt ? results[index]! : halted(String(sub.referenceId ?? ''))));
    return { status: 200, body: { compositeResponse: all } };
  }
  return { status: 200, body: { compositeResponse: results } };
}

function runSubrequest(
  parent: ApiRequest,
  sub: Record<string, unknown>,
  referenceId: string,
  bodies: Map<string, unknown>,
  dispatch: (request: ApiRequest) => ApiResponse,
): SubResult {
  const answer = (response: ApiResponse): SubResult => ({
    body: response.status === 204 ? null : (response.body ?? null),
    httpHeaders: response.headers ?? {},
    httpStatusCode: response.status,
    referenceId,
  });
  try {
    const url = resolveReferences(String(sub.url ?? ''), bodies, true) as string;
    const match = SUBREQUEST_URL.exec(url);
    if (!match) throw new ApiError(400, 'INVALID_INPUT', `Invalid URL in composite subrequest: ${url}`);
    const [, version = parent.version, path = '/', query = ''] = match;
    const subBody = sub.body === undefined ? undefined : resolveReferences(sub.body, bodies, false);
    const headers = { ...parent.headers };
    if (typeof sub.httpHeaders === 'object' && sub.httpHeaders !== null) {
      for (const [name, value] of Object.entries(sub.httpHeaders)) headers[name.toLowerCase()] = String(value);
    }
    const response = dispatch({
      method: String(sub.method ?? 'GET').toUpperCase(),
      path: decodeURI(path),
      version,
      query: new URLSearchParams(query),
      headers,
      body: subBody,
      session: parent.session,
    });
    if (response.status === 201 && typeof response.body === 'object' && response.body !== null && 'id' in response.body) {
      const type = /^\/sobjects\/([^/]+)$/.exec(path)?.[1];
      if (type) response.headers = { ...response.headers, Location: `/services/data/v${version}/sobjects/${type}/${String(response.body.id)}` };
    }
    return answer(response);
  } catch (error) {
    if (error instanceof ApiError) return answer(error.toResponse());
    throw error;
  }
}

/** Replaces `@{ref.path}` in strings (deeply). A string that is exactly one reference takes the value's own type. */
function resolveReferences(value: unknown, bodies: Map<string, unknown>, inUrl: boolean): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{[^}]+\}$/.test(value);
    let resolved: unknown = value;
    const text = value.replace(REFERENCE, (expression, referenceId: string, path: string) => {
      const found = lookup(bodies, referenceId, path);
      if (found === undefined) {
        throw new ApiError(400, 'PROCESSING_HALTED', `Invalid reference specified. No value for ${expression.slice(2, -1)} found in ${referenceId}.`);
      }
      resolved = found;
      return inUrl ? encodeURIComponent(String(found)) : String(found);
    });
    return whole && !inUrl ? resolved : text;
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, bodies, inUrl));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveReferences(item, bodies, inUrl)]));
  }
  return value;
}

function lookup(bodies: Map<string, unknown>, referenceId: string, path: string): unknown {
  if (!bodies.has(referenceId)) return undefined;
  let current: unknown = bodies.get(referenceId);
  for (const step of path.match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current === null ? undefined : current;
}
