import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { DomainError } from '../errors.ts';
import { verifyIdentity, type Identity } from '../identity.ts';
import type { Logger } from '../logger.ts';
import { snakeCaseFieldResolver } from '../graphql/scalars.ts';
import { UUID_IDS, checkIdArguments, type IdFormat } from '../graphql/idArguments.ts';
import { identityHeadersOf } from '../graphClient/forwardIdentity.ts';
import type { IdentityHeaders } from '../graphClient/client.ts';
import { badUserInputStatus } from './badUserInput.ts';
import { formatError } from './formatError.ts';
import { partialErrorsPlugin } from './partialErrors.ts';
import { BodyTooLargeError, executeGraphQL, sendJson, toGraphQLRequest } from './http.ts';
import { INTERNAL_PORT_OFFSET } from '../subgraphs.ts';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /** Secret shared with the gateway; requests whose identity it did not sign are refused. */
  signingSecret: string;
  /**
   * Builds the per-request context (loaders, scope) for a verified caller. `identityHeaders` are the signed headers
   * exactly as received, for forwarding when this subgraph calls another with the caller's own identity.
   */
  createContext: (identity: Identity, identityHeaders: IdentityHeaders) => C;
  /** Whether the subgraph can serve: its store answers. Reported by `/ready`. */
  ready: () => Promise<boolean>;
  logger: Logger;
  /**
   * Extra routes by exact path (e.g. `/metrics`), answered without the gateway's signed identity: only for what
   * operators scrape on the internal network, so they are served on the internal listener (`internal`), never beside
   * `/graphql`. Default: none.
   */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>>;
  /**
   * Where `routes` are served: a second HTTP listener. Default port: the GraphQL port + 5000 (4001 → 9001; 0 when the
   * GraphQL port is 0); default host 127.0.0.1. `internalListenerShape` parses `METRICS_PORT` and `METRICS_HOST` for it.
   */
  internal?: { port?: number; host?: string };
  /**
   * Routes by exact path served beside `/graphql` on the GraphQL port, for what callers reach through the gateway or
   * by a link it handed out (an upload the gateway streams with the caller's signed identity, a signed download link).
   * Each route authenticates its own requests: the server does not check an identity for them. Default: none.
   */
  publicRoutes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>>;
  /**
   * The format of the ids this subgraph issues: every `ID` argument of a root field (and `ID` field of its inputs) is
   * checked against it, so a malformed id answers `BAD_USER_INPUT` instead of a silent `null`. Default `UUID_IDS`;
   * `false` checks nothing (a subgraph whose ids are codes from elsewhere).
   */
  ids?: IdFormat | false;
}

export { INTERNAL_PORT_OFFSET };

export interface SubgraphServer {
  readonly http: Server;
  /** Listens on `port` (0 for any free port) and resolves to the port taken. */
  listen(port: number, host?: string): Promise<number>;
  /** The port `routes` are served on once listening (null without routes). */
  readonly internalPort: number | null;
  /** Stops taking requests, lets those in flight finish, then stops Apollo. */
  close(): Promise<void>;
}

/**
 * The HTTP server every subgraph runs: `/graphql` for callers the gateway vouches for, `/health` (the process is up)
 * and `/ready` (it can serve; false while shutting down). It never listens by itself: `main.ts` decides the port.
 */
export async function createSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>): Promise<SubgraphServer> {
  const { logger } = options;
  const http = createServer();
  let shuttingDown = false;
  if (options.ids !== false) checkIdArguments(options.schema, options.ids ?? UUID_IDS, snakeCaseFieldResolver as never);
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    fieldResolver: snakeCaseFieldResolver,
    includeStacktraceInErrorResponses: false,
    // The process's own shutdown (onShutdown) stops Apollo after the HTTP server; Apollo must not stop itself first.
    stopOnTerminationSignals: false,
    formatError: formatError((error) => logger.error({ err: error }, 'unexpected error in resolver')),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: http }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), badUserInputStatus<C>(), partialErrorsPlugin<C>()],
  });
  await apollo.start();

  http.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://subgraph');
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', subgraph: options.name });
      if (url.pathname === '/ready') {
        const ready = !shuttingDown && (await options.ready());
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', subgraph: options.name });
      }
      if (url.pathname !== '/graphql') {
        const route = options.publicRoutes?.[url.pathname];
        return route ? await route(req, res) : sendJson(res, 404, { error: `no route ${url.pathname}` });
      }
      let identity: Identity;
      try {
        identity = verifyIdentity({ get: (name) => headerValue(req.headers[name]) }, options.signingSecret);
      } catch (error) {
        const message = error instanceof DomainError ? error.message : 'unauthenticated';
        return sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      const request = await toGraphQLRequest(req, url);
      // verifyIdentity above accepted both headers, so they are there.
      await executeGraphQL(apollo, request, async () => options.createContext(identity, identityHeadersOf(req.headers)!), res);
    })().catch((error: unknown) => {
      if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_INVALID_URL') return sendJson(res, 400, { error: 'request target is not a valid URL' });
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });

  const routes = options.routes ?? {};
  const internal = Object.keys(routes).length > 0 ? createServer((req, res) => serveInternal(routes, req, res, logger)) : null;
  let internalPort: number | null = null;
  return {
    http,
    get internalPort() {
      return internalPort;
    },
    async listen(port, host = '127.0.0.1') {
      const wanted = options.internal?.port ?? (port === 0 ? 0 : port + INTERNAL_PORT_OFFSET);
      if (internal && wanted > 65_535) {
        throw new RangeError(`port ${port}: the internal listener (metrics, sync) takes the port + ${INTERNAL_PORT_OFFSET}, past 65535; choose a port below ${65_536 - INTERNAL_PORT_OFFSET}`);
      }
      const taken = await listenOn(http, port, host);
      if (internal) internalPort = await listenOn(internal, wanted, options.internal?.host ?? '127.0.0.1');
      return taken;
    },
    async close() {
      shuttingDown = true;
      if (internal?.listening) await new Promise<void>((resolve) => internal.close(() => resolve()));
      await apollo.stop();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The internal listener: the extra routes by exact path, 404 for anything else (GraphQL is never served here). */
function serveInternal(routes: NonNullable<SubgraphServerOptions<BaseContext>['routes']>, req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  const path = (req.url ?? '/').split('?')[0]!;
  const route = routes[path];
  if (!route) return sendJson(res, 404, { error: `no route ${path} on the internal port` });
  Promise.resolve(route(req, res)).catch((error: unknown) => {
    logger.error({ err: error, path }, 'internal route failed');
    if (!res.headersSent) sendJson(res, 500, { error: 'internal route failed' });
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
