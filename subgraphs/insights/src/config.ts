import { DEV_GATEWAY_SIGNING_SECRET, env, parseConfig, z } from '@l2c/shared';

/** The insights subgraph's configuration, parsed once at start. Defaults come from subgraphs.json. */
export function loadInsightsConfig(defaults: { port: number; crmPort: number; cpqPort: number }, source: Record<string, string | undefined> = process.env) {
  const config = parseConfig(
    {
      /** Port for this subgraph. Default: its entry in subgraphs.json (4007). */
      INSIGHTS_PORT: env.port(defaults.port),
      /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
      HOST: z.string().default('127.0.0.1'),
      /** Where clients reach this subgraph's download routes (signed export and picture links). Default http://127.0.0.1:<INSIGHTS_PORT>. */
      INSIGHTS_PUBLIC_URL: env.url().optional(),
      /** CRM's and CPQ's GraphQL endpoints (dealer regions, stage order, backfills). Default: on this host at CRM_PORT, CPQ_PORT. */
      CRM_URL: env.url().optional(),
      CRM_PORT: env.port(defaults.crmPort),
      CPQ_URL: env.url().optional(),
      CPQ_PORT: env.port(defaults.cpqPort),
      /** A Postgres server; when unset the embedded PGlite store keeps its data under DATA_DIR. */
      DATABASE_URL: env.url().optional(),
      /** Folder for embedded stores. Default `.data`. */
      DATA_DIR: z.string().default('.data'),
      GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
      /** Redis for the event bus and the backfill queue. Default redis://127.0.0.1:6379. */
      REDIS_URL: z.string().url('must be a URL such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
      /** The stream the subgraphs publish domain events to. Default `l2c:events`. */
      EVENT_STREAM: z.string().min(1).default('l2c:events'),
      /** Prefix of every BullMQ key (the backfill queue lives under `<prefix>:insights-backfill:…`). Default `l2c`. */
      QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, `_`, `.` or `-`').default('l2c'),
      /** `inline`: this process follows the stream into the log and runs backfills; `off`: it only serves GraphQL. Default inline. */
      INSIGHTS_WORKER: z.enum(['inline', 'off']).default('inline'),
      LOG_LEVEL: env.logLevel(),
    },
    source,
  );
  return {
    ...config,
    CRM_URL: config.CRM_URL ?? `http://127.0.0.1:${config.CRM_PORT}/graphql`,
    CPQ_URL: config.CPQ_URL ?? `http://127.0.0.1:${config.CPQ_PORT}/graphql`,
    INSIGHTS_PUBLIC_URL: config.INSIGHTS_PUBLIC_URL ?? `http://127.0.0.1:${config.INSIGHTS_PORT}`,
  };
}

export type InsightsConfig = ReturnType<typeof loadInsightsConfig>;
