import type { Identity, IdentityHeaders, Logger, Store, SubgraphClient } from '@l2c/shared';
import { crmDealerDirectory, type DealerDirectory } from './crm.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { visitsScopeOf, type VisitsScope } from './store/scope.ts';

/** What every visits resolver receives: who is calling, which visits they may see, the store, CRM as the caller, and this request's loaders. */
export interface Context {
  identity: Identity;
  scope: VisitsScope;
  store: Store;
  loaders: Loaders;
  crm: DealerDirectory;
  logger: Logger;
}

export interface ContextDependencies {
  store: Store;
  crmClient: SubgraphClient;
  logger: Logger;
}

/** A request's context; `identityHeaders` are the caller's signed headers as received, forwarded when visits call CRM. */
export function createContext(deps: ContextDependencies, identity: Identity, identityHeaders: IdentityHeaders | null): Context {
  const scope = visitsScopeOf(identity);
  return { identity, scope, store: deps.store, loaders: createLoaders(deps.store, scope), crm: crmDealerDirectory(deps.crmClient, identityHeaders), logger: deps.logger };
}
