/**
 * The sync's environment variables, as a configuration shape a subgraph spreads into its own (parsed once at start,
 * failing with the variable's name), and the translation of the parsed values into engine settings.
 *
 * Which login is used follows from what is set (or `SF_AUTH_FLOW`):
 * - `SF_PRIVATE_KEY` (+ `SF_CLIENT_ID`, `SF_USERNAME`): JWT bearer;
 * - `SF_USERNAME` + `SF_PASSWORD` (+ `SF_CLIENT_ID`, `SF_CLIENT_SECRET`): username-password (OAuth password grant);
 * - `SF_CLIENT_ID` + `SF_CLIENT_SECRET`: client credentials;
 * - none of them: the local emulator (`SF_EMULATOR_URL`, development credentials).
 */
import { readFileSync } from 'node:fs';
import { ConfigError, z } from '../config.ts';
import type { SalesforceAuth } from '../salesforce/auth.ts';
import type { SalesforceClientOptions } from '../salesforce/client.ts';
import type { WorkerSettings } from './jobs/queue.ts';
import type { SyncTuning } from './options.ts';
import type { TriggerSettings } from './triggers.ts';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const syncConfigShape = {
  /** Turns the Salesforce sync on or off in this process. Default true. */
  SYNC_ENABLED: flag(true),
  /** `inline`: workers run in this process (default); `off`: a separate worker process runs them. */
  SYNC_WORKERS: z.enum(['inline', 'off']).default('inline'),
  /** Jobs one worker process runs at once. Default 2. */
  SYNC_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Prefix of every BullMQ key (shared with the other queues of the graph). Default `l2c`. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, `_`, `.` or `-`').default('l2c'),
  /** Minutes between scheduled incrementals of each object; 0: no schedule. Default 10. */
  SYNC_SCHEDULE_MINUTES: z.coerce.number().min(0).default(10),
  /** Per-object schedules overriding the default: `Lead=5,Account=60,Contact=0`. */
  SYNC_SCHEDULE: z
    .string()
    .regex(/^(\s*[A-Za-z0-9_]+\s*=\s*\d+(\.\d+)?\s*)(,\s*[A-Za-z0-9_]+\s*=\s*\d+(\.\d+)?\s*)*$/, 'must look like Lead=5,Account=60')
    .optional(),
  /** How often committed local changes are looked for and pushed, ms; 0: on schedule only. Default 2000. */
  SYNC_PUSH_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
  /** Subscribe to Change Data Capture when the org offers it. Default true. */
  SYNC_CDC: flag(true),
  /** API calls left unused of the daily allowance: a count (`5000`) or a share (`10%`). Jobs pause, not fail, there. Default 10%. */
  SYNC_API_RESERVE: z
    .string()
    .regex(/^\d+(\.\d+)?%?$/, 'must be a count such as 5000 or a share such as 10%')
    .default('10%')
    .transform((v) => (v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v))),
  /** Minutes a paused job waits before trying again. Default 15. */
  SYNC_PAUSE_MINUTES: z.coerce.number().min(0).default(15),
  /** Records from which a full load uses Bulk API 2.0 query. Default 10000. */
  SYNC_BULK_QUERY_THRESHOLD: z.coerce.number().int().min(1).default(10_000),
  /** Queued records from which a push uses Bulk API 2.0 ingest. Default 2000. */
  SYNC_BULK_INGEST_THRESHOLD: z.coerce.number().int().min(1).default(2_000),
  /** Salesforce calls per second at most from this process; unset: no limit. */
  SF_MAX_CALLS_PER_SECOND: z.coerce.number().positive().optional(),
  /** `client_credentials`, `jwt_bearer` or `password`; default: inferred from the variables set. */
  SF_AUTH_FLOW: z.enum(['client_credentials', 'jwt_bearer', 'password']).optional(),
  /** The org's login URL: My Domain (`https://acme.my.salesforce.com`), login.salesforce.com or test.salesforce.com. */
  SF_LOGIN_URL: z.string().url('must be a URL such as https://acme.my.salesforce.com').optional(),
  /** The connected app's consumer key. */
  SF_CLIENT_ID: z.string().optional(),
  /** The connected app's consumer secret (client credentials, username-password). */
  SF_CLIENT_SECRET: z.string().optional(),
  /** The integration user (JWT bearer, username-password). */
  SF_USERNAME: z.string().optional(),
  /** Its password followed by its security token if the org asks for one (username-password). */
  SF_PASSWORD: z.string().optional(),
  /** PEM private key for the JWT bearer flow, or `@/path/to/key.pem` to read it from a file. */
  SF_PRIVATE_KEY: z.string().optional(),
  /** JWT `aud`; default: the login URL for login/test.salesforce.com, else https://login.salesforce.com. */
  SF_JWT_AUDIENCE: z.string().url().optional(),
  /** REST API version. Default 62.0. */
  SF_API_VERSION: z.string().regex(/^\d{2}\.0$/, 'must look like 62.0').default('62.0'),
  /** The local emulator, used when no org is configured. Default http://127.0.0.1:4900. */
  SF_EMULATOR_URL: z.string().url().default('http://127.0.0.1:4900'),
  /** The emulator's connected app (its development defaults). */
  SF_EMULATOR_CLIENT_ID: z.string().default('3MVG9L2C.Emulator.Development.Consumer.Key'),
  SF_EMULATOR_CLIENT_SECRET: z.string().default('emulator-consumer-secret'),
};

export type SyncConfig = z.infer<z.ZodObject<typeof syncConfigShape>>;

export interface SyncSettings {
  salesforce: SalesforceClientOptions;
  /** True when no org is configured and the emulator is used. */
  emulator: boolean;
  workers: WorkerSettings | false;
  triggers: TriggerSettings;
  tuning: Partial<SyncTuning>;
  prefix: string;
}

/** Engine settings from parsed configuration; throws `ConfigError` naming the variables a login flow misses. */
export function syncSettingsFromConfig(config: SyncConfig): SyncSettings {
  const { auth, emulator } = authFromConfig(config);
  const perObject: Record<string, number> = {};
  for (const part of config.SYNC_SCHEDULE?.split(',') ?? []) {
    const [name, minutes] = part.split('=').map((s) => s.trim());
    if (name) perObject[name] = Number(minutes);
  }
  return {
    salesforce: { auth, apiVersion: config.SF_API_VERSION, ...(config.SF_MAX_CALLS_PER_SECOND ? { maxCallsPerSecond: config.SF_MAX_CALLS_PER_SECOND } : {}) },
    emulator,
    workers: config.SYNC_WORKERS === 'inline' ? { concurrency: config.SYNC_WORKER_CONCURRENCY } : false,
    triggers: { schedules: { defaultMinutes: config.SYNC_SCHEDULE_MINUTES, perObject }, pushIntervalMs: config.SYNC_PUSH_INTERVAL_MS, cdc: config.SYNC_CDC },
    tuning: { apiReserve: config.SYNC_API_RESERVE, pauseMs: config.SYNC_PAUSE_MINUTES * 60_000, bulkQueryThreshold: config.SYNC_BULK_QUERY_THRESHOLD, bulkIngestThreshold: config.SYNC_BULK_INGEST_THRESHOLD },
    prefix: config.QUEUE_PREFIX,
  };
}

function authFromConfig(config: SyncConfig): { auth: SalesforceAuth; emulator: boolean } {
  const flow = config.SF_AUTH_FLOW ?? (config.SF_PRIVATE_KEY ? 'jwt_bearer' : config.SF_USERNAME && config.SF_PASSWORD ? 'password' : config.SF_CLIENT_ID ? 'client_credentials' : null);
  if (!flow) return { auth: { kind: 'client_credentials', loginUrl: config.SF_EMULATOR_URL, clientId: config.SF_EMULATOR_CLIENT_ID, clientSecret: config.SF_EMULATOR_CLIENT_SECRET }, emulator: true };
  const needs: Record<typeof flow, (keyof SyncConfig)[]> = {
    client_credentials: ['SF_LOGIN_URL', 'SF_CLIENT_ID', 'SF_CLIENT_SECRET'],
    jwt_bearer: ['SF_LOGIN_URL', 'SF_CLIENT_ID', 'SF_USERNAME', 'SF_PRIVATE_KEY'],
    password: ['SF_LOGIN_URL', 'SF_CLIENT_ID', 'SF_CLIENT_SECRET', 'SF_USERNAME', 'SF_PASSWORD'],
  };
  const missing = needs[flow].filter((key) => !config[key]);
  if (missing.length) throw new ConfigError(missing.map((variable) => ({ variable, reason: `required for the ${flow} login (not set)` })));
  const loginUrl = config.SF_LOGIN_URL!;
  const clientId = config.SF_CLIENT_ID!;
  switch (flow) {
    case 'client_credentials':
      return { auth: { kind: 'client_credentials', loginUrl, clientId, clientSecret: config.SF_CLIENT_SECRET! }, emulator: false };
    case 'password':
      return { auth: { kind: 'password', loginUrl, clientId, clientSecret: config.SF_CLIENT_SECRET!, username: config.SF_USERNAME!, password: config.SF_PASSWORD! }, emulator: false };
    case 'jwt_bearer': {
      const key = config.SF_PRIVATE_KEY!;
      const privateKey = key.startsWith('@') ? readFileSync(key.slice(1), 'utf8') : key.replace(/\\n/g, '\n');
      return { auth: { kind: 'jwt_bearer', loginUrl, clientId, username: config.SF_USERNAME!, privateKey, ...(config.SF_JWT_AUDIENCE ? { audience: config.SF_JWT_AUDIENCE } : {}) }, emulator: false };
    }
  }
}
