import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { BodyTooLargeError, DomainError, badUserInputStatus, executeGraphQL, sendJson, toGraphQLRequest, type Identity, type JwtVerifierOptions, type Logger } from '@l2c/shared';
import { createAuthenticate, sendUnauthenticated, type Authenticate } from './authenticate.ts';
import type { GatewayContext } from './context.ts';
import { gatewayFormatError } from './formatError.ts';
import { IDE_ASSET_PREFIX, sendIdeAsset, sendIdePage } from './ide.ts';
import { introspectionPolicy } from './introspection.ts';
import { applyTrustedDocuments, type TrustedDocuments, type TrustedDocumentsMode } from './trustedDocuments.ts';
import { DEFAULT_QUERY_LIMITS, checkRequestSize, queryLimitRules, type QueryLimits } from './limits.ts';
import { checkSubgraphs } from './readiness.ts';
import { subgraphServices } from './subgraphServices.ts';
import type { SubgraphCallOptions } from './subgraphs/dataSource.ts';

export type { GatewayContext } from './context.ts';

/** The one path GraphQL is served on, over HTTP now and over WebSocket (graphql-ws) when subscriptions arrive. */
export const GRAPHQL_PATH = '/graphql';

export interface GatewayOptions {
  /** The composed supergraph SDL (`main.ts` reads it from `SUPERGRAPH_PATH`). Static: nothing is introspected at start. */
  supergraphSdl: string;
  /** Subgraph name → URL, replacing the supergraph's URL for that subgraph. Default: none. A name the supergraph lacks fails start. */
  subgraphUrls?: Record<string, string>;
  /** How bearer tokens are verified: an HS256 secret, or a JWKS URL; optionally the required issuer and audience. */
  jwt: JwtVerifierOptions;
  /** Signs the caller's identity for subgraphs; they refuse requests it did not sign. */
  signingSecret: string;
  /** Depth, size and alias limits. Default `DEFAULT_QUERY_LIMITS` (12 levels, 20000 bytes, 30 aliases). */
  limits?: Partial<QueryLimits>;
  logger: Logger;
  /** Timeout, connection pool and circuit breaker of every subgraph call. Default: 10 s, 64 connections, 5 failures open the circuit for 10 s. */
  subgraphCalls?: SubgraphCallOptions;
  /**
   * The trusted operations (from the persisted query manifest) and who is held to them. Default: no manifest, nobody
   * held; `main.ts` loads the generated manifest and holds partners to it.
   */
  trustedDocuments?: { documents: TrustedDocuments; mode: TrustedDocumentsMode };
  /** How long `/ready` waits for each subgraph's `/ready`. Default 2000 ms. */
  readyTimeoutMs?: number;
  /** Protocols attached to the same HTTP server, such as graphql-ws subscriptions on `GRAPHQL_PATH`. Default: none. */
  layers?: GatewayLayer[];
  /** HTTP handlers that own every path under a prefix (e.g. Bull Board at `/admin/queues`) and authenticate themselves. Default: none. */
  mounts?: { prefix: string; handle(req: IncomingMessage, res: ServerResponse): void }[];
}

export interface Gateway {
  readonly http: Server;
  /** Listens on `port` (0 for any free port) and resolves to the port taken. */
  listen(port: number, host?: string): Promise<number>;
  /** Closes the layers, lets requests in flight finish, then stops the gateway. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The seam for a protocol that shares the gateway's HTTP server: a graphql-ws layer listens for `upgrade` on
 * `http` at `path`, authenticates `connection_init` with `authenticate`, takes the API schema from
 * `gateway.onSchemaLoadOrUpdate`, validates with `validationRules`, and resolves fields through the supergraph.
 * It is created before the server listens, and closed first on shutdown so its sockets do not hold the server open.
 */
export type GatewayLayer = (parts: GatewayLayerParts) => Promise<{ close(): Promise<void> }>;

export interface GatewayLayerParts {
  http: Server;
  path: string;
  authenticate: Authenticate;
  gateway: ApolloGateway;
  validationRules: ReturnType<typeof queryLimitRules>;
  /** The limits `validationRules` enforce, and the document size the HTTP layer checks before parsing. */
  limits: QueryLimits;
  logger: Logger;
}

/**
 * Builds the gateway: authentication, limits, the federated executor, the IDE, health and readiness, on a plain
 * Node HTTP server. It never listens by itself; `main.ts` decides the port.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger } = options;
  const limits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  const http = createServer();
  const authenticate = createAuthenticate(options.jwt);
  const services = subgraphServices({ signingSecret: options.signingSecret, urlOverrides: options.subgraphUrls ?? {}, calls: options.subgraphCalls });
  const validationRules = queryLimitRules(limits);
  const trusted = options.trustedDocuments;

  // @apollo/gateway reports usage metrics to Apollo unless this is set, and reads it only from the environment.
  // A graph that must work offline, over an OEM's data, does not phone home; set it to `false` to opt in.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({ supergraphSdl: options.supergraphSdl, buildService: services.buildService, logger });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    validationRules,
    introspection: true, // every caller is authenticated; introspectionPolicy decides who may
    // Automatic persisted queries (Apollo's default in-memory cache) stay on; trusted documents are applied before.
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (onShutdown); Apollo's own handler would stop the server and re-raise the signal under it.
    stopOnTerminationSignals: false,
    formatError: gatewayFormatError(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      ApolloServerPluginLandingPageDisabled(),
      // Subgraphs send no cache hints through the gateway's data sources, so the policy Apollo would compute per request is always "no cache".
      ApolloServerPluginCacheControlDisabled(),
      introspectionPolicy(),
      badUserInputStatus<GatewayContext>(),
    ],
  });
  await apollo.start();
  const unknown = services.unusedOverrides();
  if (unknown.length > 0) {
    await apollo.stop();
    const known = services.endpoints().map((endpoint) => endpoint.name);
    throw new Error(`subgraph URL overrides (SUBGRAPH_URLS) name ${unknown.join(', ')}, which the supergraph does not have; it has ${known.join(', ')}`);
  }
  const layers: { close(): Promise<void> }[] = [];
  try {
    for (const layer of options.layers ?? []) layers.push(await layer({ http, path: GRAPHQL_PATH, authenticate, gateway, validationRules, limits, logger }));
  } catch (error) {
    for (const layer of layers.reverse()) await layer.close();
    await apollo.stop();
    throw error;
  }

  let phase: 'serving' | 'stopping' = 'serving';
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    '/health': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_req, res) => {
      if (phase !== 'serving') return sendJson(res, 503, { status: 'not ready', reason: 'the gateway is shutting down' });
      const { ready, subgraphs } = await checkSubgraphs(services.endpoints(), readyTimeoutMs);
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', subgraphs });
    },
    '/': async (req, res) => (req.method === 'GET' ? sendIdePage(res, GRAPHQL_PATH) : sendJson(res, 405, { error: 'use GET' }, { allow: 'GET' })),
    [GRAPHQL_PATH]: async (req, res, url) => {
      if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) return sendIdePage(res, GRAPHQL_PATH);
      let identity: Identity;
      try {
        identity = await authenticate(req.headers.authorization);
      } catch (error) {
        if (error instanceof DomainError) return sendUnauthenticated(res, error);
        throw error;
      }
      const request = await toGraphQLRequest(req, url);
      const tooLarge = checkRequestSize(request, limits.maxBytes);
      if (tooLarge) return sendJson(res, 413, { errors: [{ message: tooLarge.message, extensions: tooLarge.extensions }] });
      const untrusted = trusted && applyTrustedDocuments(request, identity, trusted.documents, trusted.mode);
      if (untrusted) return sendJson(res, 400, { errors: [{ message: untrusted.message, extensions: { code: untrusted.code } }] });
      await executeGraphQL(apollo, request, async () => ({ identity }), res);
    },
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = parseUrl(req.url);
    if (!url) return sendJson(res, 400, { error: 'the request target is not a valid URL' });
    const route = routes[url.pathname];
    if (route) return route(req, res, url);
    const mount = options.mounts?.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`));
    if (mount) return mount.handle(req, res);
    const isAsset = url.pathname.startsWith(IDE_ASSET_PREFIX) && req.method === 'GET';
    if (isAsset && (await sendIdeAsset(res, url.pathname.slice(IDE_ASSET_PREFIX.length)))) return;
    sendJson(res, 404, { error: `no route ${url.pathname}` });
  };
  http.on('request', (req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
      // A client that hangs up before its answer is not the gateway's failure.
      if ((error as { code?: string }).code === 'ECONNRESET' || req.destroyed) return void logger.debug({ url: req.url }, 'client went away before the answer');
      logger.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });

  let closing: Promise<void> | undefined;
  return {
    http,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        phase = 'stopping';
        for (const layer of layers) await layer.close();
        await apollo.stop();
        await services.close();
        if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      })()),
  };
}

function parseUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://gateway');
  } catch {
    return null;
  }
}
