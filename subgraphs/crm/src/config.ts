import { DEV_GATEWAY_SIGNING_SECRET, env, internalListenerShape, parseConfig, syncConfigShape, z } from '@l2c/shared';

/** The CRM subgraph's configuration, parsed once at start. `defaultSyncRemotes`: SYNC_REMOTES's default, from subgraphs.json. */
export function loadCrmConfig(defaultPort: number, source: Record<string, string | undefined> = process.env, defaultSyncRemotes = '') {
  return parseConfig(
    {
      /** Port for this subgraph. Default: its entry in subgraphs.json (4001). */
      CRM_PORT: env.port(defaultPort),
      /** Interface to listen on. Default 127.0.0.1; 0.0.0.0 in containers. */
      HOST: z.string().default('127.0.0.1'),
      /** A Postgres server; when unset the embedded PGlite store keeps its data under DATA_DIR. */
      DATABASE_URL: env.url().optional(),
      /** Folder for embedded stores. Default `.data`. */
      DATA_DIR: z.string().default('.data'),
      GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
      /** Demo network size loaded into an empty store at start; 0 loads nothing. Default 5. */
      DEMO_DATA_SIZE: z.coerce.number().int().min(0).max(1000).default(5),
      DEMO_DATA_SEED: z.coerce.number().int().default(2026),
      /** CPQ's GraphQL endpoint, asked for dealer stock when matching dealers. Default: CPQ on this host, at CPQ_PORT. */
      CPQ_URL: env.url().optional(),
      /** CPQ's port on this host (`npm start` sets it), for CPQ_URL's default. Default: CPQ's entry in subgraphs.json. */
      CPQ_PORT: z.coerce.number().int().min(1).max(65535).optional(),
      /** Redis for the event bus. Default redis://127.0.0.1:6379. */
      REDIS_URL: z.string().url('must be a URL such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
      /** Stream the outbox relay publishes domain events to. Default `l2c:events`. */
      EVENT_STREAM: z.string().default('l2c:events'),
      LOG_LEVEL: env.logLevel(),
      /** `/metrics` on its own port (METRICS_PORT, METRICS_HOST), never beside /graphql. */
      ...internalListenerShape,
      /** The Salesforce sync: org, login flow, workers, schedules (see docs/sync.md). */
      ...syncConfigShape,
      /**
       * The other subgraphs' syncs the graph's sync fields cover: `name=url` pairs separated by commas, each URL the
       * subgraph's internal `/sync` route (`cpq=http://127.0.0.1:9002/sync`); `none` for CRM's sync alone. Default:
       * every subgraph of subgraphs.json that syncs, on this host at its port + 5000 (`npm start` sets it).
       */
      SYNC_REMOTES: syncRemotes(defaultSyncRemotes),
    },
    source,
  );
}

function syncRemotes(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      if (value.trim() === 'none') return [];
      const remotes: { name: string; url: string }[] = [];
      for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
        const match = /^([a-z][a-z0-9_-]*)=(https?:\/\/\S+)$/.exec(pair);
        if (!match) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be name=url pairs separated by commas, or none; ${JSON.stringify(pair)} is not one` });
          return z.NEVER;
        }
        remotes.push({ name: match[1]!, url: match[2]! });
      }
      return remotes;
    });
}
