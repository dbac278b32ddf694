import { hostname } from 'node:os';
import { DEV_GATEWAY_SIGNING_SECRET, env, parseConfig, z } from '@l2c/shared';

/** Development default for the key that encrypts webhook signing secrets at rest; the subgraph warns while it is in use. */
export const DEV_WEBHOOK_SECRET_KEY = 'dev-webhook-secret-key-change-me-please';

/** The notifications subgraph's configuration (the subgraph and its webhook worker), parsed once at start. */
export function loadNotificationsConfig(defaultPort: number, source: Record<string, string | undefined> = process.env) {
  return parseConfig(
    {
      /** Port for this subgraph. Default: its entry in subgraphs.json (4003). */
      NOTIFICATIONS_PORT: env.port(defaultPort),
      /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
      HOST: z.string().default('127.0.0.1'),
      /** A Postgres server; when unset the embedded PGlite store keeps its data under DATA_DIR. */
      DATABASE_URL: env.url().optional(),
      /** Folder for embedded stores. Default `.data`. */
      DATA_DIR: z.string().default('.data'),
      GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
      /** Redis for the event bus and the delivery queue. Default redis://127.0.0.1:6379. */
      REDIS_URL: z.string().url('must be a URL such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
      /** Stream the subgraphs publish domain events to. Default `l2c:events`. */
      EVENT_STREAM: z.string().min(1).default('l2c:events'),
      /** Prefix of every BullMQ key (queue `webhooks` lives under `<prefix>:webhooks:…`). Default `l2c`. */
      QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, `_`, `.` or `-`').default('l2c'),
      /** `inline`: this process also matches events and delivers webhooks; `off`: it only serves GraphQL (run `worker.ts` elsewhere). Default inline. */
      WEBHOOK_WORKER: z.enum(['inline', 'off']).default('inline'),
      /**
       * This worker's name in the event bus's consumer group. Default: the host name. Keep it stable across restarts
       * (events handed to a consumer that died are read again only by a consumer of the same name), and distinct for
       * each worker process.
       */
      WEBHOOK_CONSUMER: z.string().min(1).default(hostname()),
      /** Encrypts webhook signing secrets in the store (at least 32 characters). Default: a development key, with a warning. */
      WEBHOOK_SECRET_KEY: env.secret(DEV_WEBHOOK_SECRET_KEY, { minLength: 32 }),
      /** Attempts per delivery before it is dead-lettered. Default 10. */
      WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
      /** Delay before the second attempt, ms; it doubles for each further one (with jitter). Default 10000. */
      WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).default(10_000),
      /** Longest delay between two attempts, ms. Default 3600000 (1 h). */
      WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(3_600_000),
      /** How long an endpoint has to answer, ms. Default 10000. */
      WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
      /** Deliveries in flight at once per worker process. Default 10. */
      WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(10),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
}

export type NotificationsConfig = ReturnType<typeof loadNotificationsConfig>;
