import { DEV_GATEWAY_SIGNING_SECRET, env, parseConfig, syncConfigShape, z } from '@l2c/shared';

/**
 * The CPQ subgraph's configuration, parsed once at start. `defaults` come from subgraphs.json: this subgraph's port
 * and CRM's; CRM's URL defaults to CRM on this host at `CRM_PORT` (which `npm start` sets).
 */
export function loadCpqConfig(defaults: { port: number; crmPort: number }, source: Record<string, string | undefined> = process.env) {
  const config = parseConfig(
    {
      /** Port for this subgraph. Default: its entry in subgraphs.json (4002). */
      CPQ_PORT: env.port(defaults.port),
      /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
      HOST: z.string().default('127.0.0.1'),
      /** CRM's GraphQL endpoint, called with the caller's identity for opportunities. Default: CRM on this host, at CRM_PORT. */
      CRM_URL: env.url().optional(),
      /** CRM's port on this host, for CRM_URL's default. Default: CRM's entry in subgraphs.json (4001). */
      CRM_PORT: env.port(defaults.crmPort),
      /** A Postgres server; when unset the embedded PGlite store keeps its data under DATA_DIR. */
      DATABASE_URL: env.url().optional(),
      /** Folder for embedded stores. Default `.data`. */
      DATA_DIR: z.string().default('.data'),
      GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
      /** Loads the demo catalogue into an empty store, and stock and dealer price books for CRM's demo dealers; 0 loads nothing. Default 5. */
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
  return { ...config, CRM_URL: config.CRM_URL ?? `http://127.0.0.1:${config.CRM_PORT}/graphql` };
}
