/**
 * The query service as REST routes: `/query`, `/queryAll`, `/query/<locator>`, `/queryAll/<locator>` and `/search`
 * under `/services/data/vXX.X`. The request and response types are the subset of the HTTP layer's `ApiRequest` and
 * `ApiResponse` these routes read, so the list can be passed as the router's `extraRoutes` as it is.
 */
import { errors, SoqlError } from './errors.ts';
import { batchSizeFromHeader, type SoqlService } from './service.ts';

/** What the routes read of a REST request. */
export interface QueryApiRequest {
  readonly method: string;
  /** The path after the version, e.g. `/query`, without the query string. */
  readonly path: string;
  /** e.g. `60.0`. */
  readonly version: string;
  readonly query: URLSearchParams;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly session: { readonly userId: string };
}

export interface QueryApiResponse {
  status: number;
  body?: unknown;
}

export interface QueryRoute {
  /** Matches the path after the version. */
  pattern: RegExp;
  handler: (request: QueryApiRequest) => QueryApiResponse;
}

export function queryRoutes(service: SoqlService): QueryRoute[] {
  return [
    {
      pattern: /^\/(query|queryAll)\/?$/,
      handler: guarded((request) => {
        const soql = request.query.get('q');
        if (soql === null) throw errors.noQueryString();
        return service.query({
          soql,
          apiVersion: request.version,
          queryAll: request.path.startsWith('/queryAll'),
          batchSize: batchSizeFromHeader(request.headers['sforce-query-options']),
          owner: request.session.userId,
        });
      }),
    },
    {
      pattern: /^\/(query|queryAll)\/[^/]+\/?$/,
      handler: guarded((request) => {
        const locator = decodeURIComponent(request.path.replace(/\/$/, '').split('/').pop() ?? '');
        const header = request.headers['sforce-query-options'];
        return service.queryMore({ locator, apiVersion: request.version, batchSize: header === undefined ? undefined : batchSizeFromHeader(header) });
      }),
    },
    {
      pattern: /^\/search\/?$/,
      handler: guarded((request) => {
        const sosl = request.query.get('q');
        if (sosl === null || sosl.trim() === '') throw new SoqlError('MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
        return service.search(sosl, { apiVersion: request.version });
      }),
    },
  ];
}

/** Only GET and HEAD; `SoqlError` becomes Salesforce's error body, anything else propagates to the server. */
function guarded(answer: (request: QueryApiRequest) => unknown): (request: QueryApiRequest) => QueryApiResponse {
  return (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw errors.methodNotAllowed(request.method);
      return { status: 200, body: answer(request) };
    } catch (error) {
      if (error instanceof SoqlError) return { status: error.status, body: error.toBody() };
      throw error;
    }
  };
}
