import { scopeOf, type Identity, type Logger, type Scope, type Store } from '@l2c/shared';
import type { BillingSettings } from './commands/context.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { InvoiceRunQueue } from './runs/queue.ts';

/** What every billing resolver receives: who is calling, which rows they may see, the store, the run queue and this request's loaders. */
export interface Context {
  identity: Identity;
  scope: Scope;
  store: Store;
  loaders: Loaders;
  settings: BillingSettings;
  runs: InvoiceRunQueue | null;
  logger: Logger;
}

export interface ContextDependencies {
  store: Store;
  settings: BillingSettings;
  runs: InvoiceRunQueue | null;
  logger: Logger;
}

export function createContext(deps: ContextDependencies, identity: Identity): Context {
  const scope = scopeOf(identity);
  return { identity, scope, store: deps.store, loaders: createLoaders(deps.store, scope), settings: deps.settings, runs: deps.runs, logger: deps.logger };
}
