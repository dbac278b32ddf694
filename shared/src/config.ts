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
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(unknown)');
      const got = values[variable];
      return { variable, reason: `${issue.message}${got === undefined ? ' (not set)' : ` (got ${JSON.stringify(got)})`}` };
    }),
  );
}

/** Reusable variable parsers. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  url: () => z.string().url('must be a URL'),
  secret: (fallback: string) => z.string().min(16, 'must be at least 16 characters').default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
};

/** Development default for the secret that signs identities between gateway and subgraphs (documented in the README). */
export const DEV_GATEWAY_SIGNING_SECRET = 'dev-gateway-signing-secret-change-me';
/** Development default for the HS256 JWT secret (documented in the README). */
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-please';
