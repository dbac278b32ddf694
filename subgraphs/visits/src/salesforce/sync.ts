/**
 * The visits' Salesforce sync: the engine with the visits mappings, configured from the environment, as the CRM runs
 * its own (subgraphs/crm/src/salesforce/sync.ts). The subgraph process runs it with workers and triggers by default;
 * `worker.ts` runs workers alone in another process.
 *
 * Start-up never blocks the subgraph: when the org does not answer, the sync logs why and tries again; mappings the
 * org's describe does not fit are refused for good (the process logs which object and field, and syncs nothing).
 */
import { createSyncEngine, MappingError, syncSettingsFromConfig, type EventBus, type Logger, type Store, type SyncConfig, type SyncEngine } from '@l2c/shared';
import { visitsMappings } from './mappings.ts';

export interface VisitsSyncOptions {
  store: Store;
  config: SyncConfig & { REDIS_URL: string };
  logger: Logger;
  bus?: EventBus | null;
  /** `subgraph`: workers (unless SYNC_WORKERS=off) and triggers; `worker`: workers only. */
  role: 'subgraph' | 'worker';
  /** Delay between start attempts while the org does not answer, ms. Default 30,000. */
  retryMs?: number;
}

export interface VisitsSync {
  readonly engine: SyncEngine;
  /** True when no org is configured and the sync talks to the local emulator. */
  readonly emulator: boolean;
  /** Resolves once the engine has started (never rejects; refusals are logged). */
  readonly ready: Promise<boolean>;
  close(): Promise<void>;
}

export function startVisitsSync(options: VisitsSyncOptions): VisitsSync {
  const settings = syncSettingsFromConfig(options.config);
  const logger = options.logger.child({ component: 'salesforce-sync' });
  const engine = createSyncEngine({
    store: options.store,
    mappings: visitsMappings,
    salesforce: { ...settings.salesforce, logger },
    queue: { redisUrl: options.config.REDIS_URL, prefix: settings.prefix, name: 'visits-sync' },
    source: 'visits',
    logger,
    bus: options.bus ?? null,
    tuning: settings.tuning,
    workers: options.role === 'worker' ? (settings.workers === false ? {} : settings.workers) : settings.workers,
    triggers: options.role === 'worker' ? false : settings.triggers,
  });
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const ready = new Promise<boolean>((resolve) => {
    const attempt = () => {
      if (closed) return resolve(false);
      engine.start().then(
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
