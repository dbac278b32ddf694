/**
 * Billing's Salesforce sync: the engine with the billing mappings, configured from the environment, as CRM runs its
 * own (queue `<prefix>:billing-sync`). Start-up never blocks the subgraph: when the org does not answer, the sync logs
 * why and tries again; mappings the org's describe does not fit are refused for good (logged by object and field).
 */
import { createSyncEngine, MappingError, syncSettingsFromConfig, type EventBus, type Logger, type Store, type SyncConfig, type SyncEngine } from '@l2c/shared';
import { billingMappings } from './mappings.ts';

export interface BillingSyncOptions {
  store: Store;
  config: SyncConfig & { REDIS_URL: string; BILLING_CURRENCY: string };
  logger: Logger;
  bus?: EventBus | null;
  /** `subgraph`: workers (unless SYNC_WORKERS=off) and triggers; `worker`: workers only. */
  role: 'subgraph' | 'worker';
  /** Delay between start attempts while the org does not answer, ms. Default 30,000. */
  retryMs?: number;
}

export interface BillingSync {
  readonly engine: SyncEngine;
  readonly ready: Promise<boolean>;
  close(): Promise<void>;
}

export function startBillingSync(options: BillingSyncOptions): BillingSync {
  const settings = syncSettingsFromConfig(options.config);
  const logger = options.logger.child({ component: 'salesforce-sync' });
  const engine = createSyncEngine({
    store: options.store,
    mappings: billingMappings(options.config.BILLING_CURRENCY),
    salesforce: { ...settings.salesforce, logger },
    queue: { redisUrl: options.config.REDIS_URL, prefix: settings.prefix, name: 'billing-sync' },
    source: 'billing',
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
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await engine.close();
    },
  };
}
