/**
 * Warranty's Salesforce sync: the engine with the warranty mappings, configured from the environment, run as CRM runs
 * its own (`subgraphs/crm/src/salesforce/sync.ts`): workers and triggers in the subgraph process, or workers alone in
 * `worker.ts`. Start-up never blocks the subgraph: an org that does not answer is tried again; mappings the org's
 * describe does not fit are refused for good, every problem named in the log.
 */
import { createSyncEngine, MappingError, syncSettingsFromConfig, type EventBus, type Logger, type Store, type SyncConfig, type SyncEngine } from '@l2c/shared';
import { warrantyMappings } from './mappings.ts';

export interface WarrantySyncOptions {
  store: Store;
  config: SyncConfig & { REDIS_URL: string };
  logger: Logger;
  bus?: EventBus | null;
  /** `subgraph`: workers (unless SYNC_WORKERS=off) and triggers; `worker`: workers only. */
  role: 'subgraph' | 'worker';
  /** Delay between start attempts while the org does not answer, ms. Default 30,000. */
  retryMs?: number;
}

export interface WarrantySync {
  readonly engine: SyncEngine;
  /** Resolves once the engine has started (never rejects; refusals are logged). */
  readonly ready: Promise<boolean>;
  close(): Promise<void>;
}

/** The sync's BullMQ queue (`<QUEUE_PREFIX>:warranty-sync`, dead letters in `warranty-sync-dead`). */
export const WARRANTY_SYNC_QUEUE = 'warranty-sync';

export function startWarrantySync(options: WarrantySyncOptions): WarrantySync {
  const settings = syncSettingsFromConfig(options.config);
  const logger = options.logger.child({ component: 'salesforce-sync' });
  const engine = createSyncEngine({
    store: options.store,
    mappings: warrantyMappings,
    salesforce: { ...settings.salesforce, logger },
    queue: { redisUrl: options.config.REDIS_URL, prefix: settings.prefix, name: WARRANTY_SYNC_QUEUE },
    source: 'warranty',
    logger,
    bus: options.bus ?? null,
    tuning: settings.tuning,
    workers: options.role === 'worker' ? (settings.workers === false ? {} : settings.workers) : settings.workers,
    triggers: options.role === 'worker' ? false : settings.triggers,
  });
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const retryMs = options.retryMs ?? 30_000;
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
          logger.warn({ err: error, org: settings.salesforce.auth.loginUrl, emulator: settings.emulator }, `salesforce sync could not start; trying again in ${retryMs / 1000} s`);
          timer = setTimeout(attempt, retryMs);
        },
      );
    };
    attempt();
  });
  return {
    engine,
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await engine.close();
    },
  };
}
