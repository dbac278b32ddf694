/** What the job processors share: the store, the Salesforce client, the compiled mappings, the queue. */
import type { Queue } from 'bullmq';
import type { Logger } from '../../logger.ts';
import type { SalesforceClient } from '../../salesforce/client.ts';
import type { Store } from '../../store/store.ts';
import type { CompiledMapping } from '../compile.ts';
import type { SyncEvents } from '../events.ts';
import type { SyncTuning } from '../options.ts';
import type { SyncJobData } from './types.ts';

export interface SyncRuntime {
  store: Store;
  client: SalesforceClient;
  /** By name. */
  mappings: ReadonlyMap<string, CompiledMapping>;
  tuning: SyncTuning;
  logger: Logger;
  events: SyncEvents;
  queue: Queue<SyncJobData>;
  newLocalId: () => string;
  /** Job options every sync job gets (attempts, backoff, retention). */
  jobOptions: { attempts: number; backoffMs: number };
  /** Set when the engine is closing: running jobs stop at their next page and wait, to resume from their checkpoint. */
  stopping: { value: boolean };
}
