/**
 * One normalised Salesforce error. Every failure the client sees (a top-level REST error, a per-record error of a
 * collection or a Bulk API result, an OAuth error, a dropped connection) becomes a `SalesforceError`, so callers
 * decide on one shape: `retryable` says whether sending the same request again can help.
 */

/** Where the error came from. */
export type SalesforceErrorSource = 'api' | 'record' | 'auth' | 'network' | 'client';

export class SalesforceError extends Error {
  override readonly name = 'SalesforceError';
  /** Salesforce's code (`REQUEST_LIMIT_EXCEEDED`, `REQUIRED_FIELD_MISSING`, `ERROR_HTTP_503`, `ECONNRESET`, …). */
  readonly errorCode: string;
  /** Field API names the error names; empty when it concerns the record or the request as a whole. */
  readonly fields: string[];
  /** HTTP status of the response; 0 when there was none (network) or for per-record errors of a 2xx response. */
  readonly status: number;
  /** True when the same request may succeed later: limits, 5xx, row locks, dropped connections. */
  readonly retryable: boolean;
  readonly source: SalesforceErrorSource;

  constructor(init: { errorCode: string; message: string; fields?: readonly string[]; status?: number; retryable?: boolean; source?: SalesforceErrorSource; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.errorCode = init.errorCode;
    this.fields = [...(init.fields ?? [])];
    this.status = init.status ?? 0;
    this.source = init.source ?? 'api';
    this.retryable = init.retryable ?? isRetryable(this.errorCode, this.status);
  }

  toJSON(): { errorCode: string; message: string; fields: string[]; status: number; retryable: boolean } {
    return { errorCode: this.errorCode, message: this.message, fields: this.fields, status: this.status, retryable: this.retryable };
  }
}

/** Codes a retry can fix: limits and locks clear, servers come back, connections reconnect. */
const RETRYABLE_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'QUERY_TIMEOUT',
  'TXN_SECURITY_METERING_ERROR',
  'API_CURRENTLY_DISABLED',
  'CONCURRENT_REQUESTS_LIMIT_EXCEEDED',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'SOCKET_HANG_UP',
  'REQUEST_TIMEOUT',
]);

/** Whether an error with this code and HTTP status can be retried. Validation errors (4xx) cannot. */
export function isRetryable(errorCode: string, status: number): boolean {
  if (RETRYABLE_CODES.has(errorCode)) return true;
  if (/^ERROR_HTTP_(5\d\d|429|420)$/.test(errorCode)) return true;
  return status >= 500 || status === 429 || status === 420;
}

/** The shape of a per-record error in DML and collection results (`statusCode`, not `errorCode`). */
export interface RecordErrorJson {
  statusCode?: string;
  errorCode?: string;
  message?: string;
  fields?: string[];
}

/** A per-record error of a collection or DML result. */
export function recordError(error: RecordErrorJson): SalesforceError {
  return new SalesforceError({
    errorCode: error.statusCode ?? error.errorCode ?? 'UNKNOWN_ERROR',
    message: error.message ?? '',
    fields: error.fields ?? [],
    source: 'record',
  });
}

/**
 * Normalises anything jsforce or the transport threw. jsforce names an `HttpApiError` by its `errorCode` and keeps the
 * body in `data`; node-fetch raises `FetchError` with a socket `code`; the OAuth client raises an error named by the
 * OAuth `error`. `status` is the HTTP status when the caller saw the response.
 */
export function normalizeError(error: unknown, status = 0): SalesforceError {
  if (error instanceof SalesforceError) return error;
  if (!(error instanceof Error)) return new SalesforceError({ errorCode: 'UNKNOWN_ERROR', message: String(error), status, source: 'client' });
  const anyError = error as Error & { errorCode?: string; code?: string; data?: unknown; type?: string };
  if (anyError.name === 'FetchError' || anyError.name === 'AbortError' || (anyError.code && /^E[A-Z_]+$|^UND_ERR/.test(anyError.code))) {
    const code = anyError.name === 'AbortError' ? 'REQUEST_TIMEOUT' : (anyError.code ?? (/socket hang up/i.test(anyError.message) ? 'SOCKET_HANG_UP' : 'NETWORK_ERROR'));
    return new SalesforceError({ errorCode: code, message: anyError.message, status: 0, source: 'network', retryable: true, cause: error });
  }
  if (/socket hang up|ECONNRESET|other side closed|terminated/i.test(anyError.message) && !anyError.errorCode) {
    return new SalesforceError({ errorCode: 'SOCKET_HANG_UP', message: anyError.message, source: 'network', retryable: true, cause: error });
  }
  if (typeof anyError.errorCode === 'string') {
    const data = anyError.data as { fields?: unknown } | undefined;
    const fields = Array.isArray(data?.fields) ? data.fields.filter((f): f is string => typeof f === 'string') : [];
    const httpStatus = status || statusFromCode(anyError.errorCode);
    return new SalesforceError({ errorCode: anyError.errorCode, message: anyError.message, fields, status: httpStatus, cause: error });
  }
  if (/^(invalid_grant|invalid_client|invalid_client_id|unsupported_grant_type|invalid_request|inactive_user|inactive_org|ERROR_HTTP_\d+)$/.test(anyError.name)) {
    const httpStatus = status || statusFromCode(anyError.name) || 400;
    return new SalesforceError({ errorCode: anyError.name, message: anyError.message, status: httpStatus, source: 'auth', retryable: httpStatus >= 500, cause: error });
  }
  return new SalesforceError({ errorCode: 'UNKNOWN_ERROR', message: anyError.message, status, source: 'client', retryable: false, cause: error });
}

function statusFromCode(code: string): number {
  const match = /^ERROR_HTTP_(\d{3})$/.exec(code);
  return match ? Number(match[1]) : 0;
}
