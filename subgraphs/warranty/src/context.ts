import { scopeOf, type Identity, type Logger, type Scope, type Store } from '@l2c/shared';
import type { CommandContext } from './commands/context.ts';
import type { AssetDirectory } from './intake/assetDirectory.ts';
import type { DealerDirectory } from './intake/dealerDirectory.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What every warranty resolver receives: the caller, what they may see, the store, CPQ's assets, and this request's loaders. */
export interface Context extends CommandContext {
  identity: Identity;
  scope: Scope;
  store: Store;
  loaders: Loaders;
  logger: Logger;
}

export interface ContextDependencies {
  store: Store;
  logger: Logger;
  assets?: AssetDirectory;
  dealers?: DealerDirectory;
}

export function createContext(deps: ContextDependencies, identity: Identity): Context {
  const scope = scopeOf(identity);
  return {
    identity,
    scope,
    store: deps.store,
    loaders: createLoaders(deps.store, scope),
    logger: deps.logger,
    ...(deps.assets ? { assets: deps.assets } : {}),
    ...(deps.dealers ? { dealers: deps.dealers } : {}),
  };
}
