import { IDENTITY_HEADER, IDENTITY_SIGNATURE_HEADER } from '../identity.ts';

/**
 * A subgraph calling another subgraph: one GraphQL operation over HTTP, carrying the caller's signed identity so the
 * subgraph called enforces the caller's own scope (a partner stays a partner across the hop). Subgraphs never import
 * each other's code or read each other's tables; this is the one way they talk outside the gateway.
 */

/**
 * The caller's signed identity: the `x-l2c-identity` and `x-l2c-identity-signature` headers as the gateway signed them
 * (what `signIdentity` returns). Only these two are sent on; any other entry is ignored.
 */
export type IdentityHeaders = Readonly<Record<string, string>>;

export interface SubgraphClientOptions {
  /** The GraphQL endpoint of the subgraph called, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  /** The subgraph's name (`crm`), for errors that say which subgraph did not answer. Default: the URL's host and port. */
  name?: string;
  /** How long one request may take before it fails as `UNREACHABLE`. Default 5000 ms. */
  timeoutMs?: number;
  /** The fetch implementation. Default: the global `fetch` (tests pass a recorder). */
  fetch?: typeof fetch;
}

export interface SubgraphClient {
  readonly url: string;
  /**
   * Runs one operation as the caller whose identity headers are given, and resolves to its `data`. Throws a
   * `SubgraphRequestError` when the subgraph cannot be reached, answers with an HTTP error, or returns GraphQL errors
   * (even alongside partial data: a caller that needs the data cannot trust half of it).
   */
  request<Data = Record<string, unknown>>(identity: IdentityHeaders, query: string, variables?: Record<string, unknown>): Promise<Data>;
}

/** One GraphQL error as the subgraph called returned it. */
export interface RemoteGraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * Why a subgraph request failed: `UNREACHABLE` (network error or timeout: worth a retry later), `HTTP` (a status other
 * than 200, e.g. 401 when the identity expired), or `GRAPHQL` (the subgraph answered with errors; `errors` holds them
 * and `code` the first one's `extensions.code`, e.g. `NOT_FOUND` or `CONFLICT`).
 */
export class SubgraphRequestError extends Error {
  override readonly name = 'SubgraphRequestError';
  constructor(
    readonly kind: 'UNREACHABLE' | 'HTTP' | 'GRAPHQL',
    readonly url: string,
    message: string,
    readonly details: { status?: number; errors?: RemoteGraphQLError[]; cause?: unknown; subgraph?: string; reason?: string } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }

  /** The subgraph called, by name when the client was given one. */
  get subgraph(): string {
    return this.details.subgraph ?? new URL(this.url).host;
  }

  /** Whether the subgraph gave no usable answer at all (unreachable, timed out, 5xx): retrying later may help. */
  get unavailable(): boolean {
    return this.kind === 'UNREACHABLE' || (this.kind === 'HTTP' && (this.details.status ?? 0) >= 500);
  }

  /** How the call failed, in a few words. */
  get reason(): string {
    return this.details.reason ?? (this.details.status ? `it answered HTTP ${this.details.status}` : this.message);
  }

  /** The first GraphQL error's code, when the subgraph answered with errors. */
  get code(): string | undefined {
    const code = this.details.errors?.[0]?.extensions?.['code'];
    return typeof code === 'string' ? code : undefined;
  }

  get errors(): RemoteGraphQLError[] {
    return this.details.errors ?? [];
  }
}

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const { url } = options;
  const subgraph = options.name ?? new URL(url).host;
  const timeoutMs = options.timeoutMs ?? 5000;
  const send = options.fetch ?? fetch;
  return {
    url,
    async request<Data>(identity: IdentityHeaders, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
      const value = identity[IDENTITY_HEADER];
      const signature = identity[IDENTITY_SIGNATURE_HEADER];
      if (!value || !signature) throw new SubgraphRequestError('HTTP', url, `no signed identity to send to ${url}: a subgraph calls another only on behalf of a caller`);
      let response: Response;
      try {
        response = await send(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [IDENTITY_HEADER]: value,
            [IDENTITY_SIGNATURE_HEADER]: signature,
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describe(error);
        throw new SubgraphRequestError('UNREACHABLE', url, `${url} could not be reached: ${reason}`, { cause: error, subgraph, reason });
      }
      const text = await response.text().catch(() => '');
      const body = parseJson(text);
      const errors = Array.isArray(body?.errors) ? (body.errors as RemoteGraphQLError[]) : [];
      // A 400 with GraphQL errors is the subgraph refusing the input (BAD_USER_INPUT answers 400): a GRAPHQL error.
      if (!response.ok && !(response.status === 400 && errors.length > 0)) {
        const first = errors[0]?.message ?? text.slice(0, 200);
        throw new SubgraphRequestError('HTTP', url, `${url} answered HTTP ${response.status}${first ? `: ${first}` : ''}`, { status: response.status, errors, subgraph });
      }
      if (errors.length > 0) {
        throw new SubgraphRequestError('GRAPHQL', url, `${url} answered with ${errors.length} error(s): ${errors.map((e) => e.message).join('; ')}`, {
          status: response.status,
          errors,
        });
      }
      if (!body || typeof body.data !== 'object' || body.data === null) {
        throw new SubgraphRequestError('HTTP', url, `${url} answered without data`, { status: response.status });
      }
      return body.data as Data;
    },
  };
}

function parseJson(text: string): { data?: unknown; errors?: unknown } | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as { data?: unknown; errors?: unknown }) : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
