import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { parse } from 'graphql';
import { Pool } from 'undici';
import type { GatewayContext } from '../context.ts';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuitBreaker.ts';
import type { IdentitySigner } from './identitySigner.ts';
import { unavailableErrors } from './unavailable.ts';

export interface SubgraphCallOptions {
  /** How long one subgraph call may take, from sending to the last byte of the answer, in ms. Default 10000. */
  timeoutMs?: number;
  /** Kept-alive connections per subgraph. Default 64. */
  connections?: number;
  /** When a subgraph that keeps failing is short-circuited, and for how long. Default: 5 failures, 10 s. */
  circuit?: CircuitBreakerOptions;
  /** Whether identical queries in flight for the same caller share one call. Default true. */
  deduplicate?: boolean;
}

/**
 * How the gateway calls one subgraph: over a pool of kept-alive connections, with the caller's identity signed once per
 * request, a timeout, and a circuit breaker. A subgraph that does not answer (refused, reset, timed out, 5xx, circuit
 * open) never fails the whole operation: the fetch resolves to `SUBGRAPH_UNAVAILABLE` errors on the paths it would have
 * filled, and the gateway answers with the data the other fetches brought.
 *
 * Identical queries in flight at the same moment for the same caller (same subgraph, same signed identity, same body)
 * share one call; each waiter parses its own copy of the answer, because the gateway merges answers into its result in
 * place. Mutations are never shared.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly circuit: CircuitBreaker;
  readonly #pool: Pool;
  readonly #path: string;
  readonly #timeoutMs: number;
  readonly #deduplicate: boolean;
  readonly #inFlight = new Map<string, Promise<Answer>>();

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly sign: IdentitySigner,
    options: SubgraphCallOptions = {},
  ) {
    const target = new URL(url);
    this.#path = `${target.pathname}${target.search}`;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#deduplicate = options.deduplicate ?? true;
    this.#pool = new Pool(target.origin, { connections: options.connections ?? 64, keepAliveTimeout: 4_000 });
    this.circuit = new CircuitBreaker(options.circuit);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('a subgraph fetch without a query');
    // Only client operations carry a caller (a static supergraph loads no schema; health checks are not enabled).
    if (!('incomingRequestContext' in options)) throw new Error(`the gateway asked ${this.name} for something other than a client operation`);
    const identity = options.context.identity;
    if (!identity) throw new Error('no caller identity in the request context; the HTTP layer must authenticate before executing');
    const headers = this.sign(identity);
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    // Fetches of a query operation are queries; the fetch's own document is not built unless the planner is told to.
    const shareable = this.#deduplicate && options.incomingRequestContext.operation?.operation === 'query';
    const answer = shareable ? await this.#shared(headers, body) : await this.#call(headers, body);
    if (answer.kind === 'unavailable') return { errors: unavailableErrors(this.name, answer.reason, { document: options.document ?? parse(request.query), variables: request.variables }) };
    return JSON.parse(answer.text) as GatewayGraphQLResponse;
  }

  /** Stops the connection pool; calls in flight fail. */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }

  #shared(headers: Readonly<Record<string, string>>, body: string): Promise<Answer> {
    const key = `${Object.values(headers).join('\n')}\n${body}`;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#call(headers, body).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  async #call(headers: Readonly<Record<string, string>>, body: string): Promise<Answer> {
    const decision = this.circuit.tryCall();
    if (!decision.allowed) {
      return { kind: 'unavailable', reason: `it failed repeatedly (last: ${decision.lastError}); calls are paused for another ${Math.ceil(decision.retryInMs / 1000)} s` };
    }
    let failure: string;
    try {
      const response = await this.#pool.request({
        path: this.#path,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
        body,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
      const text = await response.body.text();
      const json = text.startsWith('{');
      if (response.statusCode < 500 && json) {
        this.circuit.succeeded();
        return { kind: 'answer', text };
      }
      failure = `it answered HTTP ${response.statusCode}${json ? '' : ' without a GraphQL response'}`;
    } catch (error) {
      failure = describeFailure(error, this.#timeoutMs);
    }
    this.circuit.failed(failure);
    return { kind: 'unavailable', reason: failure };
  }
}

type Answer = { kind: 'answer'; text: string } | { kind: 'unavailable'; reason: string };

/** Says what went wrong on the wire, in words an operator can act on. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${timeoutMs} ms`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its host name does not resolve';
  return error instanceof Error ? `${error.message}${code ? ` (${code})` : ''}` : String(error);
}
