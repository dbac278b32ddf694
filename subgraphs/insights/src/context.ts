import { scopeOf, type Identity, type Logger, type Scope, type Store } from '@l2c/shared';
import type { BackfillQueue } from './backfill/queue.ts';
import type { LinkSigner } from './export/links.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { StageOrder } from './stages.ts';

/** What the insights subgraph is built from, shared by every request. */
export interface InsightsServices {
  store: Store;
  links: LinkSigner;
  /** CRM's stage order for the skipped-stage rule (null when CRM cannot say). */
  stages: () => Promise<StageOrder | null>;
  /** Where backfills are queued; null when this process runs without Redis queues. */
  backfills: BackfillQueue | null;
  logger: Logger;
}

/** What every insights resolver receives: the caller and its scope, the services, this request's loaders. */
export interface Context extends InsightsServices {
  identity: Identity;
  scope: Scope;
  loaders: Loaders;
}

export function createContext(services: InsightsServices, identity: Identity): Context {
  const scope = scopeOf(identity);
  return { ...services, identity, scope, loaders: createLoaders(services.store, scope) };
}
