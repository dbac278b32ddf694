import { DEV_GATEWAY_SIGNING_SECRET, env, parseConfig, syncConfigShape, z } from '@l2c/shared';

/**
 * The warranty subgraph's configuration, parsed once at start. `defaults` come from subgraphs.json: this subgraph's
 * port and CPQ's and CRM's, whose URLs default to this host at their ports.
 */
export function loadWarrantyConfig(defaults: { port: number; cpqPort: number; crmPort: number }, source: Record<string, string | undefined> = process.env) {
  const flag = z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1');
  const config = parseConfig(
    {
      /** Port for this subgraph. Default: its entry in subgraphs.json (4005). */
      WARRANTY_PORT: env.port(defaults.port),
      /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
      HOST: z.string().default('127.0.0.1'),
      /** A Postgres server; when unset the embedded PGlite store keeps its data under DATA_DIR. */
      DATABASE_URL: env.url().optional(),
      /** Folder for embedded stores. Default `.data`. */
      DATA_DIR: z.string().default('.data'),
      GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
      /** CPQ's GraphQL endpoint: activated orders' assets are read there. Default: CPQ on this host at CPQ_PORT. */
      CPQ_URL: env.url().optional(),
      CPQ_PORT: env.port(defaults.cpqPort),
      /** CRM's GraphQL endpoint: dealers named by dealer code in CSV files are looked up there. Default: CRM on this host at CRM_PORT. */
      CRM_URL: env.url().optional(),
      CRM_PORT: env.port(defaults.crmPort),
      /** Redis for the event bus and the import queue. Default redis://127.0.0.1:6379. */
      REDIS_URL: z.string().url('must be a URL such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
      /** Stream the outbox relay publishes domain events to (and CPQ's events are read from). Default `l2c:events`. */
      EVENT_STREAM: z.string().default('l2c:events'),
      /** Loads the demo book (codes, terms for the demo catalogue, incentive programs) into an empty store; 0 loads nothing. Default 5. */
      DEMO_DATA_SIZE: z.coerce.number().int().min(0).max(1000).default(5),
      /** Register the assets of CPQ's activated orders as they happen. Default true. */
      ASSET_INTAKE: flag,
      /** `inline`: CSV import workers run in this process (default); `off`: `worker.ts` processes run them. */
      IMPORT_WORKERS: z.enum(['inline', 'off']).default('inline'),
      /** Imports one process runs at once. Default 1. */
      IMPORT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
      /** Largest CSV file accepted, bytes. Default 104857600 (100 MiB). */
      IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(100 * 1024 * 1024),
      /** Most rows a CSV file may have. Default 500000. */
      IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(500_000),
      /** Rows saved per transaction. Default 1000. */
      IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
      LOG_LEVEL: env.logLevel(),
      /** The Salesforce sync: org, login flow, workers, schedules (see docs/sync.md). */
      ...syncConfigShape,
    },
    source,
  );
  return {
    ...config,
    CPQ_URL: config.CPQ_URL ?? `http://127.0.0.1:${config.CPQ_PORT}/graphql`,
    CRM_URL: config.CRM_URL ?? `http://127.0.0.1:${config.CRM_PORT}/graphql`,
  };
}

export type WarrantyConfig = ReturnType<typeof loadWarrantyConfig>;
