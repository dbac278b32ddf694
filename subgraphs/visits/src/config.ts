import { DEV_GATEWAY_SIGNING_SECRET, env, parseConfig, syncConfigShape, z } from '@l2c/shared';

/**
 * The visits subgraph's configuration, parsed once at start. `defaults` come from subgraphs.json: this subgraph's
 * port and CRM's and CPQ's; their URLs default to this host at `CRM_PORT` and `CPQ_PORT` (which `npm start` sets).
 */
export function loadVisitsConfig(defaults: { port: number; crmPort: number; cpqPort: number }, source: Record<string, string | undefined> = process.env) {
  const config = parseConfig(
    {
      /** Port for this subgraph. Default: its entry in subgraphs.json (4006). */
      VISITS_PORT: env.port(defaults.port),
      /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
      HOST: z.string().default('127.0.0.1'),
      /** CRM's GraphQL endpoint, asked (as the caller) for the dealer a visit is planned for. Default: CRM on this host, at CRM_PORT. */
      CRM_URL: env.url().optional(),
      /** CRM's port on this host, for CRM_URL's default. Default: CRM's entry in subgraphs.json (4001). */
      CRM_PORT: env.port(defaults.crmPort),
      /** CPQ's GraphQL endpoint, asked for demo products when demo data is loaded. Default: CPQ on this host, at CPQ_PORT. */
      CPQ_URL: env.url().optional(),
      /** CPQ's port on this host, for CPQ_URL's default. Default: CPQ's entry in subgraphs.json (4002). */
      CPQ_PORT: env.port(defaults.cpqPort),
      /** A Postgres server; when unset the embedded PGlite store keeps its data under DATA_DIR. */
      DATABASE_URL: env.url().optional(),
      /** Folder for embedded stores. Default `.data`. */
      DATA_DIR: z.string().default('.data'),
      GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
      /** Loads demo templates and assessors into an empty store, and visits to CRM's demo dealers once CRM answers; 0 loads nothing. Default 5. */
      DEMO_DATA_SIZE: z.coerce.number().int().min(0).max(1000).default(5),
      /** Redis for the event bus. Default redis://127.0.0.1:6379. */
      REDIS_URL: z.string().url('must be a URL such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
      /** Stream the outbox relay publishes domain events to. Default `l2c:events`. */
      EVENT_STREAM: z.string().default('l2c:events'),
      LOG_LEVEL: env.logLevel(),
      /** The Salesforce sync: org, login flow, workers, schedules (see docs/sync.md). */
      ...syncConfigShape,
    },
    source,
  );
  return {
    ...config,
    CRM_URL: config.CRM_URL ?? `http://127.0.0.1:${config.CRM_PORT}/graphql`,
    CPQ_URL: config.CPQ_URL ?? `http://127.0.0.1:${config.CPQ_PORT}/graphql`,
  };
}
