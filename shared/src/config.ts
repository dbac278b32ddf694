import { z } from 'zod';

export { z };

/** Raised at start when an environment variable is missing or invalid; names the variable and the reason. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: { variable: string; reason: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable}: ${i.reason}`).join('; ')}`);
  }
}

/**
 * Parses configuration from the environment once, at start. Library code receives the typed result and never
 * reads `process.env` itself.
 */
export function parseConfig<S extends z.ZodRawShape>(
  shape: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const values: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const raw = env[key];
    values[key] = raw === '' ? undefined : raw;
  }
  const parsed = z.object(shape).safeParse(values);
  if (parsed.success) {
    refuseDevelopmentSecrets(parsed.data, env);
    return parsed.data;
  }
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(unknown)');
      const got = values[variable];
      return { variable, reason: `${issue.message}${got === undefined ? ' (not set)' : ` (got ${JSON.stringify(got)})`}` };
    }),
  );
}

/**
 * Whether the environment is a developer's machine: `NODE_ENV` is not `production` and `HOST` is unset or a loopback
 * address (the default 127.0.0.1, localhost, ::1). Anything else (a container's 0.0.0.0, a server's address) is not.
 */
export function isDevelopment(source: Record<string, string | undefined> = process.env): boolean {
  const host = source.HOST === undefined || source.HOST === '' ? '127.0.0.1' : source.HOST;
  return source.NODE_ENV !== 'production' && LOOPBACK_HOSTS.has(host);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** Development defaults of secrets (see `env.secret`), with the variable that makes the secret unused when set. */
const developmentSecrets = new Map<string, { unusedWhen?: string }>();

/**
 * Secrets left at their development default are refused outside development: a default published in the README
 * would let anyone sign identities or tokens. Refused whether the variable is unset or set to the default itself.
 */
function refuseDevelopmentSecrets(config: Record<string, unknown>, source: Record<string, string | undefined>): void {
  if (isDevelopment(source)) return;
  const offending = Object.entries(config).filter(([, value]) => {
    const secret = typeof value === 'string' ? developmentSecrets.get(value) : undefined;
    return secret !== undefined && !(secret.unusedWhen && config[secret.unusedWhen] !== undefined);
  });
  if (offending.length === 0) return;
  const where = source.NODE_ENV === 'production' ? 'NODE_ENV=production' : `HOST=${source.HOST} is not a loopback address`;
  throw new ConfigError(
    offending.map(([variable]) => ({
      variable,
      reason: `is the development default, which is refused outside development (${where}); set a secret of your own, e.g. \`openssl rand -base64 32\``,
    })),
  );
}

/** Reusable variable parsers. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  url: () => z.string().url('must be a URL'),
  /**
   * A secret with a development default. Outside development (`isDevelopment`) `parseConfig` refuses the default;
   * `unusedWhen` names a variable that, when set, makes this secret unused (JWT_SECRET beside JWKS_URL).
   */
  secret: (fallback: string, options: { minLength?: number; unusedWhen?: string } = {}) => {
    developmentSecrets.set(fallback, { unusedWhen: options.unusedWhen });
    const minLength = options.minLength ?? 16;
    return z.string().min(minLength, `must be at least ${minLength} characters`).default(fallback);
  },
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
};

/** Development default for the secret that signs identities between gateway and subgraphs (documented in the README). */
export const DEV_GATEWAY_SIGNING_SECRET = 'dev-gateway-signing-secret-change-me';
/** Development default for the HS256 JWT secret (documented in the README). */
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-please';

/**
 * The internal listener of a process (`/metrics` and other operator routes): spread into a subgraph's config shape and
 * pass `{ port: METRICS_PORT, host: METRICS_HOST }` as the subgraph server's `internal` option.
 */
export const internalListenerShape = {
  /** Port of the internal listener (`/metrics`); 0 takes any free port. Default: the GraphQL port + 5000. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface of the internal listener. Default 127.0.0.1; set 0.0.0.0 in a container for a scraper on the same network. */
  METRICS_HOST: z.string().default('127.0.0.1'),
};
