import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DEV_GATEWAY_SIGNING_SECRET, DEV_JWT_SECRET, env, parseConfig, repoRoot } from '@l2c/shared';

/** The gateway's configuration, parsed once from the environment by `main.ts`. */
export type GatewayConfig = ReturnType<typeof parseGatewayConfig>;

/** The trusted documents manifest codegen writes from gateway/operations, from the repository root. */
export const DEFAULT_TRUSTED_DOCUMENTS_PATH = 'gateway/src/__generated__/persisted-query-manifest.json';

/** Where the composed supergraph is read from when `SUPERGRAPH_PATH` is not set, from the repository root. */
export const DEFAULT_SUPERGRAPH_PATH = 'gateway/supergraph.graphql';

const shape = {
  /** Port the gateway listens on. Default 4000. */
  GATEWAY_PORT: env.port(4000),
  /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
  HOST: z.string().default('127.0.0.1'),
  /** The supergraph SDL composed by codegen. A relative path is taken from the repository root. */
  SUPERGRAPH_PATH: z
    .string()
    .default(DEFAULT_SUPERGRAPH_PATH)
    .transform((path) => (isAbsolute(path) ? path : resolve(repoRoot, path))),
  /** Subgraph URLs that replace the ones in the supergraph, by subgraph name: `{"crm":"http://…"}` or `crm=http://…,cpq=http://…`. */
  SUBGRAPH_URLS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      try {
        return text === undefined ? {} : parseSubgraphUrls(text);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** HS256 secret for bearer tokens; ignored when `JWKS_URL` is set. */
  JWT_SECRET: env.secret(DEV_JWT_SECRET, { unusedWhen: 'JWKS_URL' }),
  /** When set, bearer tokens are verified against this key set instead of `JWT_SECRET`. */
  JWKS_URL: env.url().optional(),
  /** When set, tokens must carry this `iss`. */
  JWT_ISSUER: z.string().optional(),
  /** When set, tokens must carry this `aud`. */
  JWT_AUDIENCE: z.string().optional(),
  /** The longest life a bearer token may have (from iat to exp), in hours; tokens without exp are refused. Default 12. */
  JWT_MAX_LIFETIME_HOURS: z.coerce.number().positive('must be a positive number of hours').max(24 * 366).default(12),
  /** How long one subgraph call may take before its fields answer SUBGRAPH_UNAVAILABLE, in ms. Default 10000. */
  SUBGRAPH_TIMEOUT_MS: env.positiveInt(10_000),
  /** Consecutive failures of a subgraph that open its circuit (calls fail at once while it is open). Default 5. */
  SUBGRAPH_CIRCUIT_FAILURES: env.positiveInt(5),
  /** How long an open circuit refuses calls before one trial call goes through, in ms. Default 10000. */
  SUBGRAPH_CIRCUIT_OPEN_MS: env.positiveInt(10_000),
  /** Whether identical queries in flight for the same caller share one subgraph call (`true`/`false`). Default true. */
  SUBGRAPH_DEDUPLICATE: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** Whether the query fetches a caller's operation sends to one subgraph at the same moment go as one call (`true`/`false`). Default true. */
  SUBGRAPH_BATCH: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** Kept-alive connections to each subgraph. Default 64. */
  SUBGRAPH_CONNECTIONS: env.positiveInt(64),
  /** Signs the identity the gateway forwards to subgraphs; they must share it. */
  GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
  /** Who may run only the trusted operations of the manifest: `partners` (default), `all`, or `off`. */
  TRUSTED_DOCUMENTS: z.enum(['partners', 'all', 'off']).default('partners'),
  /** The persisted query manifest of trusted operations. A relative path is taken from the repository root. */
  TRUSTED_DOCUMENTS_PATH: z
    .string()
    .default(DEFAULT_TRUSTED_DOCUMENTS_PATH)
    .transform((path) => (isAbsolute(path) ? path : resolve(repoRoot, path))),
  /** Deepest field nesting an operation may have. Default 12. */
  MAX_QUERY_DEPTH: env.positiveInt(12),
  /** Largest GraphQL document accepted, in UTF-8 bytes. Default 20000. */
  MAX_QUERY_BYTES: env.positiveInt(20_000),
  /** Most aliases an operation may use, counted through fragments. Default 30. */
  MAX_QUERY_ALIASES: env.positiveInt(30),
  /** Redis carrying the event streams subscriptions read. Default redis://127.0.0.1:6379. */
  REDIS_URL: z.string().url('must be a URL such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix the subgraphs' queues use, for the queue dashboard at /admin/queues. Default `l2c`. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, `_`, `.` or `-`').default('l2c'),
  /** The stream of domain events the subgraphs' relays publish to. Default `l2c:events`. */
  EVENT_STREAM: z.string().min(1).default('l2c:events'),
  /** How many days events are kept for subscribers that resume; older resume points are refused. Default 7. */
  EVENT_RETENTION_DAYS: z.coerce.number().positive('must be a positive number of days').max(3650).default(7),
  /** Events that may wait for one subscriber before it is disconnected as fallen behind. Default 1000. */
  SUBSCRIBER_BUFFER: env.positiveInt(1000),
  /** Interval of WebSocket keep-alive pings, ms; 0 turns them off. Default 12000. */
  SUBSCRIPTION_KEEPALIVE_MS: z.coerce.number().int().min(0).default(12_000),
  LOG_LEVEL: env.logLevel(),
};

/** Parses the gateway's variables; a bad value fails with a `ConfigError` naming the variable. */
export function parseGatewayConfig(source: Record<string, string | undefined> = process.env) {
  return parseConfig(shape, source);
}

/**
 * Reads `SUBGRAPH_URLS`: a JSON object of name → URL, or a `name=url` list separated by commas. Every URL must be an
 * absolute http(s) URL, so a typo fails at start rather than at the first request.
 */
export function parseSubgraphUrls(text: string): Record<string, string> {
  const trimmed = text.trim();
  const entries: [string, unknown][] = trimmed.startsWith('{')
    ? Object.entries(parseJsonObject(trimmed))
    : trimmed.split(',').filter((part) => part.trim() !== '').map(splitPair);
  const urls: Record<string, string> = {};
  for (const [name, url] of entries) {
    if (typeof url !== 'string' || !isHttpUrl(url)) throw new Error(`the URL for subgraph "${name}" must be an http(s) URL (got ${JSON.stringify(url)})`);
    urls[name] = url;
  }
  return urls;
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('must be a JSON object of subgraph name to URL');
  return value as Record<string, unknown>;
}

function splitPair(part: string): [string, string] {
  const at = part.indexOf('=');
  const name = part.slice(0, at).trim();
  if (at < 1 || name === '') throw new Error(`entry ${JSON.stringify(part.trim())} is not name=url`);
  return [name, part.slice(at + 1).trim()];
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
