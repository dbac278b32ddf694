/**
 * The Salesforce client: a jsforce `Connection` for the session (OAuth login, refresh, call options) and jsforce's
 * `HttpApi` for every call, wrapped so that each call
 * - is counted (the sync reports API calls used) and reads `Sforce-Limit-Info` (API usage against the daily allowance),
 * - fails with one normalised `SalesforceError` that carries the HTTP status,
 * - is retried with backoff and jitter when it is safe and can help. jsforce retries only GET/PUT/DELETE, without
 *   jitter, and never POST/PATCH; its own retries are switched off here so that every attempt is counted and writes
 *   that are idempotent by construction (upsert by external ID, update by Id) are retried too.
 * - never pages on its own: `query` returns one page and `queryMore` the next, so the caller checkpoints the locator
 *   (jsforce's autoFetch stops silently at maxFetch).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection as JsforceConnection } from 'jsforce';
import type { Logger } from '../logger.ts';
import { clientSecretOf, loginGrant, type SalesforceAuth } from './auth.ts';
import { normalizeError, SalesforceError } from './errors.ts';
import { backOff } from 'exponential-backoff';
import type { ApiUsage, DeletedResult, QueryPage, SaveResult, SfRecord, SObjectDescribe, UpdatedResult } from './types.ts';

export interface BackoffOptions {
  /** First delay, ms. Default 500. */
  baseMs?: number;
  /** Largest delay, ms. Default 30,000. */
  maxMs?: number;
}

export interface SalesforceClientOptions {
  auth: SalesforceAuth;
  /** REST API version, e.g. `62.0`. Always explicit: jsforce would use 50.0. Default `62.0`. */
  apiVersion?: string;
  /**
   * Sent as `Sforce-Call-Options: client=<name>` on every call; Change Data Capture reports it in `changeOrigin`,
   * which is how the sync recognises its own writes among change events. Default `l2c-sync`.
   */
  clientName?: string;
  /** Attempts per call for retryable failures, the first included. Default 5. */
  attempts?: number;
  /**
   * Delays between attempts: exponential from `baseMs` (doubling, at most `maxMs`), with full jitter (a random delay
   * up to that) so that many workers hitting the same fault do not retry in lockstep. Defaults 500 ms (jsforce's
   * own first delay) and 30,000 ms.
   */
  backoff?: BackoffOptions;
  /** A call without a complete response after this long is abandoned (and retried if it may be). Default 120,000 ms. */
  requestTimeoutMs?: number;
  /** Calls per second at most (a token bucket); undefined: no limit. */
  maxCallsPerSecond?: number;
  /** Consecutive session refreshes without a successful call in between before giving up. Default 3. */
  maxRefreshes?: number;
  logger?: Logger;
  /** Observes every HTTP call (metrics). */
  onCall?: (call: CallRecord) => void;
}

/** One HTTP call as the client made it. */
export interface CallRecord {
  method: string;
  /** Path after the instance URL, without the query string. */
  path: string;
  status: number;
  durationMs: number;
  /** The normalised error when the call failed. */
  error?: SalesforceError;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/sobjects/…` (after the version), `/services/…` (after the instance URL) or an absolute URL. */
  path: string;
  /** A JSON body (serialised here) or a string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Forces how the body is parsed; e.g. `text/plain` for CSV the caller parses itself. */
  responseType?: string;
  /** Whether sending the call twice has the effect of sending it once. Default: true for GET, PUT, DELETE. */
  idempotent?: boolean;
}

export interface ApiResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

type Connection = JsforceConnection;

/** jsforce is loaded on first connect, so processes that import the shared package without syncing do not pay for it. */
interface Jsforce {
  Connection: typeof import('jsforce').Connection;
  HttpApi: typeof import('jsforce/lib/http-api.js').HttpApi;
}
let jsforceModules: Promise<Jsforce> | null = null;
function loadJsforce(): Promise<Jsforce> {
  return (jsforceModules ??= Promise.all([import('jsforce'), import('jsforce/lib/http-api.js')]).then(([main, http]) => ({ Connection: main.default.Connection, HttpApi: http.HttpApi })));
}

/** Counts the calls made inside a scope (one sync job), however many jobs share the client. */
export interface CallCounter {
  calls: number;
}
const callScope = new AsyncLocalStorage<CallCounter>();

export class SalesforceClient {
  readonly connection: Connection;
  readonly apiVersion: string;
  /** HTTP calls made (every attempt, every page), since the client was created. */
  get apiCalls(): number {
    return this.#calls;
  }
  /** API usage from the newest response's `Sforce-Limit-Info`; null until a response carried one. */
  get apiUsage(): ApiUsage | null {
    return this.#usage;
  }

  readonly #options: SalesforceClientOptions;
  readonly #describes = new Map<string, Promise<SObjectDescribe>>();
  #calls = 0;
  #usage: ApiUsage | null = null;
  #usageAt = 0;
  #refreshesInARow = 0;
  #bucket: { tokens: number; at: number } | null = null;

  readonly #jsforce: Jsforce;

  private constructor(options: SalesforceClientOptions, modules: Jsforce) {
    this.#options = options;
    this.#jsforce = modules;
    this.apiVersion = options.apiVersion ?? '62.0';
    const auth = options.auth;
    this.connection = new modules.Connection({
      loginUrl: auth.loginUrl,
      version: this.apiVersion,
      oauth2: { loginUrl: auth.loginUrl, clientId: auth.clientId, clientSecret: clientSecretOf(auth) },
      callOptions: { client: options.clientName ?? 'l2c-sync' },
      // jsforce calls this on a 401 and resends; the logins used here return no refresh token, so log in again.
      refreshFn: (conn, callback) => {
        this.#refreshesInARow += 1;
        if (this.#refreshesInARow > (options.maxRefreshes ?? 3)) {
          callback(new Error(`session refresh keeps failing: ${this.#refreshesInARow - 1} refreshes in a row were rejected`));
          return;
        }
        options.logger?.info({ attempt: this.#refreshesInARow }, 'salesforce session expired; logging in again');
        this.#login(conn).then(
          () => callback(null, conn.accessToken ?? undefined),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
  }

  /** Logs in with `options.auth` and returns a ready client. */
  static async connect(options: SalesforceClientOptions): Promise<SalesforceClient> {
    const client = new SalesforceClient(options, await loadJsforce());
    try {
      await client.#login(client.connection);
    } catch (error) {
      throw normalizeError(error);
    }
    return client;
  }

  /** Runs `work` counting every call it makes (and its retries) in `counter`. */
  static counting<T>(counter: CallCounter, work: () => Promise<T>): Promise<T> {
    return callScope.run(counter, work);
  }

  get instanceUrl(): string {
    return this.connection.instanceUrl;
  }

  /** Sends one API call, with the retries described above. */
  async request<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
    const idempotent = request.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(request.method);
    return backOff(() => this.#send<T>(request), {
      ...retryDelays(this.#options.backoff),
      numOfAttempts: this.#options.attempts ?? 5,
      retry: (error: SalesforceError, attempt) => {
        if (!error.retryable || !idempotent) return false;
        this.#options.logger?.warn({ errorCode: error.errorCode, status: error.status, path: pathOf(request.path), attempt }, 'salesforce call failed; retrying');
        return true;
      },
    });
  }

  /** `describe` of an object, fetched once per client. */
  describe(type: string): Promise<SObjectDescribe> {
    let pending = this.#describes.get(type);
    if (!pending) {
      pending = this.request<SObjectDescribe>({ method: 'GET', path: `/sobjects/${type}/describe` }).then((r) => r.body);
      pending.catch(() => this.#describes.delete(type));
      this.#describes.set(type, pending);
    }
    return pending;
  }

  /** The first page of a query (`/queryAll` with `all`), `batchSize` records at most (Salesforce may send fewer). */
  async query<R extends SfRecord = SfRecord>(soql: string, options: { all?: boolean; batchSize?: number } = {}): Promise<QueryPage<R>> {
    const headers = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : undefined;
    const path = `/${options.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
    return (await this.request<QueryPage<R>>({ method: 'GET', path, headers })).body;
  }

  /** The page a `nextRecordsUrl` points at. */
  async queryMore<R extends SfRecord = SfRecord>(nextRecordsUrl: string, options: { batchSize?: number } = {}): Promise<QueryPage<R>> {
    const headers = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : undefined;
    return (await this.request<QueryPage<R>>({ method: 'GET', path: nextRecordsUrl, headers })).body;
  }

  /** Upserts up to 200 records of one object by an external ID field (sObject Collections). Idempotent. */
  async upsert(type: string, externalIdField: string, records: readonly Record<string, unknown>[], options: { allOrNone?: boolean } = {}): Promise<SaveResult[]> {
    assertCollectionSize(records.length);
    if (records.length === 0) return [];
    const body = { allOrNone: options.allOrNone ?? false, records: records.map((record) => ({ attributes: { type }, ...record })) };
    return (await this.request<SaveResult[]>({ method: 'PATCH', path: `/composite/sobjects/${type}/${externalIdField}`, body, idempotent: true })).body;
  }

  /** Updates up to 200 records by `Id` (sObject Collections). Idempotent. */
  async update(type: string, records: readonly Record<string, unknown>[], options: { allOrNone?: boolean } = {}): Promise<SaveResult[]> {
    assertCollectionSize(records.length);
    if (records.length === 0) return [];
    const body = { allOrNone: options.allOrNone ?? false, records: records.map((record) => ({ attributes: { type }, ...record })) };
    return (await this.request<SaveResult[]>({ method: 'PATCH', path: '/composite/sobjects', body, idempotent: true })).body;
  }

  /** Creates up to 200 records (sObject Collections). Not idempotent: a retry could duplicate, so it is not retried. */
  async create(type: string, records: readonly Record<string, unknown>[], options: { allOrNone?: boolean } = {}): Promise<SaveResult[]> {
    assertCollectionSize(records.length);
    if (records.length === 0) return [];
    const body = { allOrNone: options.allOrNone ?? false, records: records.map((record) => ({ attributes: { type }, ...record })) };
    return (await this.request<SaveResult[]>({ method: 'POST', path: '/composite/sobjects', body, idempotent: false })).body;
  }

  /** Deletes up to 200 records by Id (sObject Collections). */
  async destroy(ids: readonly string[], options: { allOrNone?: boolean } = {}): Promise<SaveResult[]> {
    assertCollectionSize(ids.length);
    if (ids.length === 0) return [];
    const path = `/composite/sobjects?ids=${ids.map(encodeURIComponent).join(',')}&allOrNone=${options.allOrNone ?? false}`;
    return (await this.request<SaveResult[]>({ method: 'DELETE', path })).body;
  }

  /** Up to 2,000 records by Id with the given fields; a record that does not exist comes back as null. */
  async retrieve<R extends SfRecord = SfRecord>(type: string, ids: readonly string[], fields: readonly string[]): Promise<(R | null)[]> {
    if (ids.length === 0) return [];
    const body = { ids, fields };
    return (await this.request<(R | null)[]>({ method: 'POST', path: `/composite/sobjects/${type}`, body, idempotent: true })).body;
  }

  /** Records deleted in [start, end] (15 days back at most); the next window starts at `latestDateCovered`. */
  async getDeleted(type: string, start: Date, end: Date): Promise<DeletedResult> {
    const path = `/sobjects/${type}/deleted/?start=${encodeURIComponent(sfDateTime(start))}&end=${encodeURIComponent(sfDateTime(end))}`;
    return (await this.request<DeletedResult>({ method: 'GET', path })).body;
  }

  /** Ids of records updated in [start, end] (30 days back at most). */
  async getUpdated(type: string, start: Date, end: Date): Promise<UpdatedResult> {
    const path = `/sobjects/${type}/updated/?start=${encodeURIComponent(sfDateTime(start))}&end=${encodeURIComponent(sfDateTime(end))}`;
    return (await this.request<UpdatedResult>({ method: 'GET', path })).body;
  }

  /** `/limits`: the org's allowances, `DailyApiRequests` among them. */
  async limits(): Promise<Record<string, { Max: number; Remaining: number }>> {
    return (await this.request<Record<string, { Max: number; Remaining: number }>>({ method: 'GET', path: '/limits' })).body;
  }

  /**
   * Reads the allowance again (`/limits`) and returns it: a paused job calls this before deciding to go on, since
   * the usage it last saw came with its last call. With `maxAgeMs`, usage seen that recently is returned without a
   * call. A refused call (limit exceeded) counts as no allowance left.
   */
  async refreshUsage(options: { maxAgeMs?: number } = {}): Promise<ApiUsage | null> {
    if (options.maxAgeMs !== undefined && this.#usage && Date.now() - this.#usageAt <= options.maxAgeMs) return this.#usage;
    try {
      const limits = await this.limits();
      const daily = limits.DailyApiRequests;
      if (daily && typeof daily.Max === 'number' && typeof daily.Remaining === 'number') {
        this.#usage = { used: daily.Max - daily.Remaining, limit: daily.Max };
        this.#usageAt = Date.now();
      }
    } catch (error) {
      if (!(error instanceof SalesforceError) || error.errorCode !== 'REQUEST_LIMIT_EXCEEDED') throw error;
      if (this.#usage) this.#usage = { used: this.#usage.limit, limit: this.#usage.limit };
    }
    return this.#usage;
  }

  async #login(conn: Connection): Promise<void> {
    await conn.authorize(await loginGrant(this.#options.auth));
  }

  async #send<T>(request: ApiRequest): Promise<ApiResponse<T>> {
    await this.#takeToken();
    const url = this.#url(request.path);
    const api = new this.#jsforce.HttpApi(this.connection, {
      responseType: request.responseType,
      noContentResponse: undefined,
      retry: { maxRetries: 0 },
      timeout: this.#options.requestTimeoutMs ?? 120_000,
    });
    let status = 0;
    let headers: Record<string, string> = {};
    const scope = callScope.getStore();
    api.on('response', (response: { statusCode: number; headers: Record<string, string> }) => {
      this.#calls += 1;
      if (scope) scope.calls += 1;
      status = response.statusCode;
      headers = response.headers ?? {};
      const usage = /api-usage=(\d+)\/(\d+)/.exec(headers['sforce-limit-info'] ?? '');
      if (usage) {
        this.#usage = { used: Number(usage[1]), limit: Number(usage[2]) };
        this.#usageAt = Date.now();
      }
    });
    const started = performance.now();
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const requestHeaders: Record<string, string> = { ...(body !== undefined && typeof request.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...request.headers };
    try {
      const result = (await api.request({ method: request.method, url, body, headers: requestHeaders })) as T;
      this.#refreshesInARow = 0;
      this.#options.onCall?.({ method: request.method, path: pathOf(url), status, durationMs: performance.now() - started });
      return { status, headers, body: result };
    } catch (error) {
      const normalized = normalizeError(error, status);
      this.#options.onCall?.({ method: request.method, path: pathOf(url), status, durationMs: performance.now() - started, error: normalized });
      throw normalized;
    }
  }

  #url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    if (path.startsWith('/services/')) return this.connection.instanceUrl + path;
    return `${this.connection.instanceUrl}/services/data/v${this.apiVersion}${path}`;
  }

  async #takeToken(): Promise<void> {
    const rate = this.#options.maxCallsPerSecond;
    if (!rate) return;
    for (;;) {
      const now = Date.now();
      const bucket = (this.#bucket ??= { tokens: rate, at: now });
      bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - bucket.tokens) / rate) * 1000));
    }
  }
}

/** Salesforce's datetime literal form: `2024-05-01T09:30:00Z` (UTC, no milliseconds). */
export function sfDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function assertCollectionSize(count: number): void {
  if (count > 200) throw new SalesforceError({ errorCode: 'EXCEEDED_ID_LIMIT', message: `sObject Collections take 200 records at most, got ${count}`, source: 'client', retryable: false });
}

function pathOf(url: string): string {
  const withoutQuery = url.split('?')[0] ?? url;
  return withoutQuery.replace(/^https?:\/\/[^/]+/, '');
}

/** `exponential-backoff` settings for `BackoffOptions`: doubling delays with full jitter. */
export function retryDelays(options: BackoffOptions = {}): { startingDelay: number; maxDelay: number; timeMultiple: number; jitter: 'full' } {
  return { startingDelay: options.baseMs ?? 500, maxDelay: options.maxMs ?? 30_000, timeMultiple: 2, jitter: 'full' };
}
