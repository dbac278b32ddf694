/**
 * A subgraph's Salesforce sync: the engine with the subgraph's mappings, configured from the environment, on its own
 * queue (`<prefix>:<subgraph>-sync`). The subgraph process runs it with workers and triggers by default; a worker
 * process (`role: 'worker'`) runs workers alone.
 *
 * Start-up never blocks the subgraph: when the org does not answer, the sync logs why and tries again; mappings the
 * org's describe does not fit are refused for good (the process logs which object and field, and syncs nothing).
 */
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { syncSettingsFromConfig, type SyncConfig } from './config.ts';
import { createSyncEngine, type SyncEngine } from './engine.ts';
import type { SyncMetrics } from './events.ts';
import { MappingError, type SyncMapping } from './mapping.ts';
import { SalesforceClient } from '../salesforce/client.ts';

/** The queue a subgraph's sync jobs run on (under `QUEUE_PREFIX`), and its dead letters on `<name>-dead`. */
export function syncQueueName(subgraph: string): string {
  return `${subgraph}-sync`;
}

export interface SubgraphSyncOptions {
  /** The subgraph: names the queue and the events' source. */
  subgraph: string;
  mappings: readonly SyncMapping[];
  store: Store;
  config: SyncConfig & { REDIS_URL: string };
  logger: Logger;
  bus?: EventBus | null;
  /** `subgraph`: workers (unless SYNC_WORKERS=off) and triggers; `worker`: workers only. */
  role: 'subgraph' | 'worker';
  /** Delay between start attempts while the org does not answer, ms. Default 30,000. */
  retryMs?: number;
  /** Metrics hooks (the Prometheus surface). Default: none. */
  metrics?: SyncMetrics;
  /**
   * Runs once the org answers and before the engine starts (no job runs yet), with a client logged in as the engine
   * will be: for one-off alignment such as matching a record both sides already have. Default: none.
   */
  beforeStart?: (client: SalesforceClient) => Promise<void>;
}

export interface SubgraphSync {
  readonly engine: SyncEngine;
  /** True when no org is configured and the sync talks to the local emulator. */
  readonly emulator: boolean;
  /** Resolves once the engine has started (never rejects; refusals are logged). */
  readonly ready: Promise<boolean>;
  close(): Promise<void>;
}

export function startSubgraphSync(options: SubgraphSyncOptions): SubgraphSync {
  const settings = syncSettingsFromConfig(options.config);
  const logger = options.logger.child({ component: 'salesforce-sync' });
  const engine = createSyncEngine({
    store: options.store,
    mappings: options.mappings,
    salesforce: { ...settings.salesforce, logger },
    queue: { redisUrl: options.config.REDIS_URL, prefix: settings.prefix, name: syncQueueName(options.subgraph) },
    source: options.subgraph,
    logger,
    bus: options.bus ?? null,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    tuning: settings.tuning,
    workers: options.role === 'worker' ? (settings.workers === false ? {} : settings.workers) : settings.workers,
    triggers: options.role === 'worker' ? false : settings.triggers,
  });
  let closed = false;
  let prepared = false;
  let timer: NodeJS.Timeout | null = null;
  const prepare = async () => {
    if (prepared || !options.beforeStart) return;
    await options.beforeStart(await SalesforceClient.connect({ ...settings.salesforce, logger }));
    prepared = true;
  };
  const ready = new Promise<boolean>((resolve) => {
    const attempt = () => {
      if (closed) return resolve(false);
      prepare().then(() => engine.start()).then(
        () => resolve(true),
        (error: unknown) => {
          if (error instanceof MappingError) {
            logger.error({ problems: error.problems }, 'salesforce sync refused: the mappings do not fit the org');
            return resolve(false);
          }
          logger.warn({ err: error, org: settings.salesforce.auth.loginUrl, emulator: settings.emulator }, `salesforce sync could not start; trying again in ${(options.retryMs ?? 30_000) / 1000} s`);
          timer = setTimeout(attempt, options.retryMs ?? 30_000);
        },
      );
    };
    attempt();
  });
  return {
    engine,
    emulator: settings.emulator,
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await engine.close();
    },
  };
}
