import { scopeOf, type CombinedSyncSurface, type Identity, type Scope, type Store } from '@l2c/shared';
import type { DealerStockSource } from './dealerStock.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What every CRM resolver receives: who is calling, which rows they may see, the store, and this request's loaders. */
export interface Context {
  identity: Identity;
  scope: Scope;
  store: Store;
  loaders: Loaders;
  /** Dealer stock from CPQ, for dealer matching; absent when no CPQ is configured (stock is then unknown). */
  dealerStock?: DealerStockSource;
  /** Every subgraph's Salesforce sync as this caller reaches it; null when there is none (its fields answer `SYNC_DISABLED`). */
  sync: CombinedSyncSurface | null;
}

export function createContext(store: Store, identity: Identity, dealerStock?: DealerStockSource, sync: CombinedSyncSurface | null = null): Context {
  const scope = scopeOf(identity);
  return { identity, scope, store, loaders: createLoaders(store, scope), sync, ...(dealerStock ? { dealerStock } : {}) };
}
