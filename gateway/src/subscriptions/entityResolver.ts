import type { ApolloGateway } from '@apollo/gateway';
import { GraphQLError, type ExecutionResult, type FieldNode, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import type { Identity, Logger, StoredEvent } from '@l2c/shared';
import type { GatewayContext } from '../context.ts';
import { buildEntityQuery, type EntityQuery } from './entityQuery.ts';

type RequestContext = Parameters<ApolloGateway['executor']>[0];

export interface EntityResolverOptions {
  gateway: ApolloGateway;
  logger: Logger;
  /**
   * How long one resolution is shared by subscribers asking for the same event, with the same identity, selection
   * and variables (say, ten instances of one dealer's app). Default 2000 ms.
   */
  shareMs?: number;
}

/**
 * Resolves the entity of an event through the supergraph: the subscriber's selection on the entity field becomes a
 * query for the entity by id, executed by the Apollo gateway with the subscriber's own identity, which the gateway
 * signs to every subgraph it calls exactly as for an HTTP request. Fields from any subgraph can be selected, and each
 * subgraph applies its row-level scope again (a lead moved to another dealer reads as `null` to the old dealer).
 */
export class EntityResolver {
  readonly #gateway: ApolloGateway;
  readonly #logger: Logger;
  readonly #shareMs: number;
  readonly #queries = new WeakMap<FieldNode, { nodes: readonly FieldNode[]; query: EntityQuery }>();
  readonly #shared = new Map<string, Promise<ExecutionResult>>();

  constructor(options: EntityResolverOptions) {
    this.#gateway = options.gateway;
    this.#logger = options.logger;
    this.#shareMs = options.shareMs ?? 2000;
  }

  /** Resolutions currently shared (for tests and metrics). */
  get shared(): number {
    return this.#shared.size;
  }

  /**
   * The entity as the subscriber selected it, or null when the subscriber may not see it (any more). An error on the
   * entity itself is thrown; errors below it are raised on their own fields by `responseKeyResolver`.
   */
  async resolve(rootField: string, event: StoredEvent, identity: Identity, info: GraphQLResolveInfo): Promise<unknown> {
    const query = this.#queryFor(rootField, info);
    const variables: Record<string, unknown> = { [query.idVariable]: event.entity.id };
    for (const name of query.variables) if (name in info.variableValues) variables[name] = info.variableValues[name];
    const key = JSON.stringify([event.id, identity.subject, identity.roles, identity.dealerAccountId, query.queryHash, variables]);
    let pending = this.#shared.get(key);
    if (!pending) {
      pending = this.#execute(query, variables, identity);
      this.#shared.set(key, pending);
      const forget = () => void setTimeout(() => this.#shared.delete(key), this.#shareMs).unref();
      pending.then(forget, forget);
    }
    return entityOf(await pending, query.rootField);
  }

  #queryFor(rootField: string, info: GraphQLResolveInfo): EntityQuery {
    const first = info.fieldNodes[0]!;
    const cached = this.#queries.get(first);
    if (cached && cached.nodes.length === info.fieldNodes.length && cached.nodes.every((node, i) => node === info.fieldNodes[i])) return cached.query;
    const query = buildEntityQuery(rootField, info.fieldNodes, info.fragments, info.operation.variableDefinitions);
    this.#queries.set(first, { nodes: info.fieldNodes, query });
    return query;
  }

  #execute(query: EntityQuery, variables: Record<string, unknown>, identity: Identity): Promise<ExecutionResult> {
    const schema = this.#gateway.schema;
    if (!schema) return Promise.reject(new Error('the gateway has not loaded its schema'));
    const context: GatewayContext = { identity };
    const requestContext: RequestContext = {
      request: { query: query.source, operationName: query.operationName, variables },
      source: query.source,
      document: query.document,
      operation: query.operation,
      operationName: query.operationName,
      queryHash: query.queryHash,
      schema,
      schemaHash: '' as RequestContext['schemaHash'],
      context,
      cache: NO_CACHE,
      logger: this.#logger,
      metrics: {},
      overallCachePolicy: {},
    };
    return this.#gateway.executor(requestContext);
  }
}

/**
 * The field resolver for everything below an event's entity: the entity query's result is keyed by response name
 * (alias or field name), as the subscriber selected it; a null the subgraph explained with an error raises that error.
 */
export const responseKeyResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (typeof source !== 'object' || source === null) return undefined;
  const key = String(info.path.key);
  const value = (source as Record<string, unknown>)[key];
  if (value === null || value === undefined || typeof value === 'function') {
    const error = fieldErrors.get(source)?.get(key);
    if (error) throw error;
  }
  return value;
};

/** Errors of an entity query, by the object and response key where the value became null. */
const fieldErrors = new WeakMap<object, Map<string, GraphQLError>>();

const NO_CACHE: RequestContext['cache'] = {
  get: async () => undefined,
  set: async () => undefined,
  delete: async () => true,
};

function entityOf(result: ExecutionResult, rootField: string): unknown {
  const data = (result.data ?? {}) as Record<string, unknown>;
  const entity = data[rootField] ?? null;
  const errors = result.errors ?? [];
  if (errors.length === 0) return entity;
  if (entity === null) {
    const own = errors.find((error) => !error.path || error.path.length <= 1) ?? errors[0]!;
    throw relocated(own);
  }
  for (const error of errors) attach(data, error);
  return entity;
}

/** Remembers `error` on the nearest object of `data` along its path whose field is null, for `responseKeyResolver`. */
function attach(data: Record<string, unknown>, error: GraphQLError): void {
  const path = error.path ?? [];
  let parent: unknown = data;
  let key = path[0];
  for (let i = 1; i < path.length; i++) {
    const child = (parent as Record<string | number, unknown>)[key!];
    if (typeof child !== 'object' || child === null) break;
    parent = child;
    key = path[i];
  }
  // A null inside a list has no field resolver to raise it; graphql-js reports the list's own null if there is one.
  if (typeof key !== 'string' || Array.isArray(parent)) return;
  const errors = fieldErrors.get(parent as object) ?? new Map<string, GraphQLError>();
  if (!errors.has(key)) errors.set(key, relocated(error));
  fieldErrors.set(parent as object, errors);
  // Fields below the entity are not always resolved by `responseKeyResolver` (over graphql-ws, execution falls back to
  // graphql-js's default resolver for them); every field resolver calls a function it finds under the field's key, so
  // the null becomes a function that raises the error where the subscriber selected the field.
  const record = parent as Record<string, unknown>;
  if (record[key] === null || record[key] === undefined) {
    const raised = errors.get(key)!;
    record[key] = () => {
      throw raised;
    };
  }
}

/** The error without its path in the entity query, so that graphql-js places it at the subscriber's path. */
function relocated(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, { extensions: error.extensions });
}
