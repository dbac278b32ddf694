/**
 * The REST layer's request and response, independent of node's `http` so handlers are plain synchronous functions
 * over the org: `/composite` runs its subrequests through the same handlers inside one org transaction.
 */
import type { Org } from '../org/types.ts';

/** An authenticated session (see `auth/sessions.ts`). */
export interface Session {
  readonly accessToken: string;
  readonly userId: string;
  readonly clientId: string;
}

/** One REST request under `/services/data/vXX.X`. */
export interface ApiRequest {
  readonly method: string;
  /** The path after the version, e.g. `/sobjects/Account/001…`, without the query string. */
  readonly path: string;
  /** The API version of the URL, e.g. `60.0`. */
  readonly version: string;
  readonly query: URLSearchParams;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body; undefined when there was none. */
  readonly body: unknown;
  readonly session: Session;
}

/** What a handler answers; the server adds the common headers. */
export interface ApiResponse {
  status: number;
  /** Serialised as JSON; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the REST handlers need. */
export interface RestContext {
  readonly org: Org;
  /** The instance URL the emulator answers on, e.g. `http://127.0.0.1:4900`. */
  readonly instanceUrl: () => string;
  /** The newest API version served, e.g. `64.0`. */
  readonly latestVersion: string;
  /** The daily API allowance, for `/limits`. */
  readonly apiUsage: () => { used: number; limit: number };
  /** Other limits some mounted API reports (Bulk API 2.0 query jobs), merged into `/limits`. */
  readonly extraLimits?: () => Record<string, { Max: number; Remaining: number }>;
}

/** A REST handler: synchronous, so `/composite` can run it inside an org transaction. */
export type RestHandler = (request: ApiRequest, context: RestContext) => ApiResponse;
