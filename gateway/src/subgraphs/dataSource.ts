import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { parse } from 'graphql';
import { Pool } from 'undici';
import type { GatewayContext } from '../context.ts';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuitBreaker.ts';
import type { IdentitySigner } from './identitySigner.ts';
import { MAX_BATCH, mergeFetches, splitAnswer, type FetchAnswer, type FetchRequest } from './batch.ts';
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
  /** Whether the query fetches a caller's operation sends to the subgraph at the same moment go as one call. Default true. */
  batch?: boolean;
}

/**
 * How the gateway calls one subgraph: over a pool of kept-alive connections, with the caller's identity signed once per
 * request, a timeout, and a circuit breaker. A subgraph that does not answer (refused, reset, timed out, 5xx, circuit
 * open) never fails the whole operation: the fetch resolves to `SUBGRAPH_UNAVAILABLE` errors on the paths it would have
 * filled, and the gateway answers with the data the other fetches brought.
 *
 * Identical queries in flight at the same moment for the same caller (same subgraph, same signed identity, same body)
 * share one call; each waiter gets its own copy of the answer, because the gateway merges answers into its result in
 * place. The distinct query fetches a caller's operations send to the subgraph in the same turn of the event loop (a
 * plan's parallel branches) go as one call, merged by `batch.ts`. Mutations are never shared or merged.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly circuit: CircuitBreaker;
  readonly #pool: Pool;
  readonly #path: string;
  readonly #timeoutMs: number;
  readonly #deduplicate: boolean;
  readonly #batch: boolean;
  readonly #inFlight = new Map<string, Promise<Answer>>();
  /** Query fetches waiting for the end of this turn of the event loop, by caller (signed identity). */
  readonly #queued = new Map<string, { headers: Readonly<Record<string, string>>; fetches: QueuedFetch[] }>();

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
    this.#batch = options.batch ?? true;
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
    const fetch: FetchRequest = { query: request.query, variables: request.variables };
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    // Fetches of a query operation are queries; the fetch's own document is not built unless the planner is told to.
    const isQuery = options.incomingRequestContext.operation?.operation === 'query';
    const caller = isQuery && (this.#deduplicate || this.#batch) ? callerKey(headers) : '';
    const send = () => (isQuery && this.#batch ? this.#enqueue(caller, headers, fetch, body) : this.#call(headers, body));
    const answer = isQuery && this.#deduplicate ? await this.#shared(`${caller}\n${body}`, send) : await send();
    if (answer.kind === 'unavailable') return { errors: unavailableErrors(this.name, answer.reason, { document: options.document ?? parse(request.query), variables: request.variables }) };
    return answer.read() as GatewayGraphQLResponse;
  }

  #sendAlone(headers: Readonly<Record<string, string>>, fetches: QueuedFetch[]): void {
    for (const fetch of fetches) void this.#call(headers, fetch.body).then(fetch.resolve);
  }

  /** Stops the connection pool; calls in flight fail. */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }

  #shared(key: string, send: () => Promise<Answer>): Promise<Answer> {
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = send().finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  /** Queues a query fetch; the caller's queue is sent at the end of this turn of the event loop. */
  #enqueue(caller: string, headers: Readonly<Record<string, string>>, request: FetchRequest, body: string): Promise<Answer> {
    let queue = this.#queued.get(caller);
    if (!queue) {
      queue = { headers, fetches: [] };
      this.#queued.set(caller, queue);
      // Once this turn's I/O callbacks and promise jobs have run: the executor reaches a plan's parallel fetches across
      // several of them (sending when the promise jobs alone have run catches far fewer), and waiting costs no timer.
      setImmediate(() => this.#flush(caller));
    }
    const fetches = queue.fetches;
    return new Promise((resolve) => fetches.push({ request, body, resolve }));
  }

  #flush(caller: string): void {
    const queue = this.#queued.get(caller);
    if (!queue) return;
    this.#queued.delete(caller);
    for (let start = 0; start < queue.fetches.length; start += MAX_BATCH) void this.#sendBatch(queue.headers, queue.fetches.slice(start, start + MAX_BATCH));
  }

  async #sendBatch(headers: Readonly<Record<string, string>>, fetches: QueuedFetch[]): Promise<void> {
    const request = fetches.length > 1 ? mergeFetches(fetches.map((fetch) => fetch.request)) : null;
    if (!request) return this.#sendAlone(headers, fetches);
    const answer = await this.#call(headers, JSON.stringify(request));
    if (answer.kind === 'unavailable') return fetches.forEach((fetch) => fetch.resolve(answer));
    let whole: FetchAnswer;
    try {
      whole = answer.read() as FetchAnswer;
    } catch {
      const unreadable: Answer = { kind: 'unavailable', reason: 'it answered with JSON that does not parse' };
      return fetches.forEach((fetch) => fetch.resolve(unreadable));
    }
    // A failed non-null root field nulls the whole merged answer, the other fetches' data with it: each is sent alone.
    if (whole.data === null) return this.#sendAlone(headers, fetches);
    const parts = splitAnswer(whole, fetches.length);
    fetches.forEach((fetch, index) => fetch.resolve(parsedAnswer(parts[index]!)));
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
        return textAnswer(text);
      }
      failure = `it answered HTTP ${response.statusCode}${json ? '' : ' without a GraphQL response'}`;
    } catch (error) {
      failure = describeFailure(error, this.#timeoutMs);
    }
    this.circuit.failed(failure);
    return { kind: 'unavailable', reason: failure };
  }
}

/** What a call brought: an answer each waiter reads its own copy of, or why the subgraph is unavailable. */
type Answer = { kind: 'answer'; read(): unknown } | { kind: 'unavailable'; reason: string };

interface QueuedFetch {
  request: FetchRequest;
  /** The fetch's body when it is sent alone. */
  body: string;
  resolve(answer: Answer): void;
}

function textAnswer(text: string): Answer {
  return { kind: 'answer', read: () => JSON.parse(text) as unknown };
}

/** An answer already parsed: the first reader takes it, later readers (deduplicated waiters) get copies. */
function parsedAnswer(value: unknown): Answer {
  let taken = false;
  return {
    kind: 'answer',
    read: () => {
      if (taken) return structuredClone(value);
      taken = true;
      return value;
    },
  };
}

/** The signed identity headers as one string: calls for the same caller share and merge, no others. */
const callerKeys = new WeakMap<Readonly<Record<string, string>>, string>();
function callerKey(headers: Readonly<Record<string, string>>): string {
  let key = callerKeys.get(headers);
  if (key === undefined) {
    key = Object.values(headers).join('\n');
    callerKeys.set(headers, key);
  }
  return key;
}

/** Says what went wrong on the wire, in words an operator can act on. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${timeoutMs} ms`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its host name does not resolve';
  return error instanceof Error ? `${error.message}${code ? ` (${code})` : ''}` : String(error);
}
