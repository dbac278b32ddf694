import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { DEFAULT_RETENTION_MS, DomainError, forbidden, type EventBus, type Identity, type StoredEvent } from '@l2c/shared';
import { gatewayFormatError } from '../formatError.ts';
import { checkDocumentSize } from '../limits.ts';
import type { GatewayLayer, GatewayLayerParts } from '../server.ts';
import { EntityResolver, responseKeyResolver } from './entityResolver.ts';
import { EVENT_FAMILIES, rolesAllowed, scopeFor, type EventFamily } from './eventFamilies.ts';
import { EventHub } from './eventHub.ts';
import { checkResumePoint, parseResumePoint } from './resumePoint.ts';
import { buildSubscriptionSchema } from './subscriptionSchema.ts';

export interface SubscriptionLayerOptions {
  /** Where domain events come from; the caller owns it and closes it after the gateway. */
  bus: EventBus;
  /** The event families served. Default `EVENT_FAMILIES`. */
  families?: readonly EventFamily[];
  /** Events that may wait for one subscriber before it is disconnected as fallen behind. Default 1000. */
  bufferSize?: number;
  /** How long the bus keeps events: older resume points are refused. Default 7 days. */
  retentionMs?: number;
  /** Interval of WebSocket pings; a client that does not answer one within the same time is dropped. Default 12000 ms. 0: none. */
  keepAliveMs?: number;
  /** On shutdown, how long sockets get to finish their closing handshake before they are cut. Default 2000 ms. */
  closeTimeoutMs?: number;
  /** How long one entity resolution is shared by subscribers with the same identity and selection. Default 2000 ms. */
  shareResolutionsMs?: number;
  /** Subscriptions one socket may hold at once: each has its own buffer. Default 100. */
  maxSubscriptionsPerConnection?: number;
}

/** Close codes beyond graphql-ws's own (4401, 4403, …). */
export const SubscriptionCloseCode = {
  /** The gateway is shutting down (RFC 6455 "going away"): reconnect, to another instance, and resume. */
  GoingAway: 1001,
  /** The subscriber fell behind: its buffer overflowed (RFC 6455 "try again later"): reconnect and resume. */
  FellBehind: 1013,
} as const;

/** What every subscription operation runs with. */
export interface SubscriptionContext {
  identity: Identity;
  /** Closes the subscriber's socket, e.g. when it fell behind. */
  disconnect(code: number, reason: string): void;
}

interface ConnectionExtra extends Record<PropertyKey, unknown> {
  identity: Identity;
  expiry: NodeJS.Timeout;
}

/**
 * GraphQL subscriptions over graphql-ws on the gateway's own port and path (`ws://…/graphql`). A client sends its
 * bearer token in `connection_init` (`{ authorization: "Bearer …" }` or `{ token }`); the gateway follows the event
 * stream once, filters each event by the subscriber's family, types and scope before any other work, and resolves
 * the selected entity through the supergraph with the subscriber's identity. Queries and mutations stay on HTTP.
 */
export function subscriptionLayer(options: SubscriptionLayerOptions): GatewayLayer {
  const families = options.families ?? EVENT_FAMILIES;
  const bufferSize = options.bufferSize ?? 1000;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const keepAliveMs = options.keepAliveMs ?? 12_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? 100;

  return async (parts: GatewayLayerParts) => {
    const { http, path, authenticate, gateway, validationRules, limits, logger } = parts;
    const formatError = gatewayFormatError(logger);
    const hub = new EventHub({ bus: options.bus, logger, retentionMs });
    const entities = new EntityResolver({ gateway, logger, shareMs: options.shareResolutionsMs });
    await hub.start();

    const subscribe = async (family: EventFamily, args: { types?: string[] | null; after?: string | null }, context: SubscriptionContext): Promise<AsyncIterable<StoredEvent>> => {
      const scope = scopeFor(family, context.identity);
      if (!scope) throw forbidden(`${family.field} needs one of the roles ${rolesAllowed(family).join(', ')}; caller has ${context.identity.roles.join(', ')}`);
      const after = parseResumePoint(args.after);
      if (after !== null) await checkResumePoint(options.bus, after, retentionMs);
      const types = new Set(args.types?.length ? args.types : family.types);
      const typename = family.entity.typename;
      // The only check an event meets before it costs anything: family, type, then scope.
      const accepts =
        scope.kind === 'all'
          ? (event: StoredEvent) => event.entity.typename === typename && types.has(event.type)
          : (event: StoredEvent) => event.entity.typename === typename && types.has(event.type) && Array.isArray(event.dealerIds) && event.dealerIds.includes(scope.dealerAccountId);
      return hub.subscribe({
        accepts,
        after,
        bufferSize,
        onOverflow: () => {
          logger.warn({ subject: context.identity.subject, field: family.field, bufferSize }, 'subscriber fell behind; disconnecting it');
          context.disconnect(SubscriptionCloseCode.FellBehind, `Fell behind: over ${bufferSize} events waiting; reconnect and resume with after`);
        },
      });
    };

    const build = (apiSchema: GraphQLSchema) => {
      const built = buildSubscriptionSchema<SubscriptionContext>(apiSchema, families, {
        subscribe,
        resolveEntity: (family, event, context, info) => entities.resolve(family.entity.query, event, context.identity, info),
      });
      for (const family of built.withoutEntity) {
        logger.info({ field: family.field, entity: family.entity.typename }, `the supergraph has no ${family.entity.typename} (or no Query.${family.entity.query}(id:)); ${family.eventType} carries its id only`);
      }
      return built.schema;
    };
    if (!gateway.schema) throw new Error('the gateway has not loaded its schema; the subscription layer is created after it starts');
    let schema = build(gateway.schema);
    const stopWatchingSchema = gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
      schema = build(apiSchema);
    });

    const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxBytes + 4096 });
    const server = useServer<Record<string, unknown>, ConnectionExtra>(
      {
        isProd: true,
        onConnect: async (ctx) => {
          const { socket } = ctx.extra;
          try {
            const authorization = authorizationOf(ctx.connectionParams);
            ctx.extra.identity = await authenticate(authorization);
            const expiresIn = expiresInMs(authorization);
            if (expiresIn !== null) {
              ctx.extra.expiry = setTimeout(() => socket.close(CloseCode.Forbidden, 'Forbidden: the token expired; reconnect with a fresh one'), expiresIn);
            }
            return true;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            socket.close(CloseCode.Forbidden, closeReason(`Forbidden: ${error.message}`));
            return false;
          }
        },
        onClose: (ctx) => clearTimeout(ctx.extra.expiry),
        onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
          // graphql-ws has reserved this subscription's id already, so it counts itself.
          if (Object.keys(ctx.subscriptions).length > maxSubscriptions) {
            return [new GraphQLError(`a connection may hold ${maxSubscriptions} subscriptions at once; complete one first, or open another connection`, { extensions: { code: 'BAD_REQUEST' } })];
          }
          const tooLarge = checkDocumentSize(payload.query, limits.maxBytes);
          if (tooLarge) return [tooLarge];
          let document;
          try {
            document = parse(payload.query);
          } catch (error) {
            return withCode([error as GraphQLError], 'GRAPHQL_PARSE_FAILED');
          }
          const current = schema;
          const errors = validate(current, document, [...specifiedRules, ...validationRules]);
          if (errors.length > 0) return withCode(errors, 'GRAPHQL_VALIDATION_FAILED');
          const operation = getOperationAST(document, payload.operationName);
          if (operation && operation.operation !== 'subscription') {
            return [new GraphQLError(`send ${operation.operation} operations over HTTP (POST ${path}); the WebSocket serves subscriptions`, { extensions: { code: 'BAD_REQUEST' } })];
          }
          const { identity } = ctx.extra;
          if (!identity) return [new GraphQLError('the connection is not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
          const contextValue: SubscriptionContext = { identity, disconnect: (code, reason) => ctx.extra.socket.close(code, reason) };
          return {
            schema: current,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue,
            fieldResolver: responseKeyResolver,
          };
        },
        onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined),
        onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
      },
      wss,
      keepAliveMs,
    );

    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (pathOf(request.url) !== path) {
        // Another layer may serve this path; when none listens, refuse rather than leave the socket hanging.
        if (http.listenerCount('upgrade') === 1) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    };
    http.on('upgrade', onUpgrade);

    return {
      async close() {
        http.off('upgrade', onUpgrade);
        stopWatchingSchema();
        await closeSockets(wss, closeTimeoutMs);
        await hub.stop();
        await server.dispose();
      },
    };
  };
}

/** Gives errors without a code the one Apollo gives them over HTTP, so the formatter does not take them for internal ones. */
function withCode(errors: readonly GraphQLError[], code: string): GraphQLError[] {
  return errors.map((error) =>
    error.extensions.code ? error : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } }),
  );
}

/** `{ authorization: "Bearer …" }` (or `Authorization`), or `{ token: "…" }`, from `connection_init`. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const authorization = params?.authorization ?? params?.Authorization;
  if (typeof authorization === 'string') return authorization;
  return typeof params?.token === 'string' ? `Bearer ${params.token}` : undefined;
}

/** Milliseconds until the (verified) bearer token's `exp`, or null when it has none or it is too far to time. */
function expiresInMs(authorization: string | undefined): number | null {
  const payload = authorization?.split(/\s+/)[1]?.split('.')[1];
  if (!payload) return null;
  const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
  if (typeof exp !== 'number') return null;
  const ms = exp * 1000 - Date.now();
  return ms < 2 ** 31 - 1 ? Math.max(0, ms) : null;
}

/** Sends 1001 to every socket, waits for their closing handshakes up to `timeoutMs`, then cuts the rest. */
async function closeSockets(wss: WebSocketServer, timeoutMs: number): Promise<void> {
  const sockets = [...wss.clients];
  const closed = sockets.map((socket) => new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once('close', () => resolve()))));
  for (const socket of sockets) socket.close(SubscriptionCloseCode.GoingAway, 'Going away: the gateway is shutting down; reconnect and resume');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
  for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
}

/** A WebSocket close reason has at most 123 bytes. */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}…`;
}

function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://gateway').pathname;
  } catch {
    return null;
  }
}
