import { scopeOf, type Identity, type IdentityHeaders, type Logger, type Scope, type Store, type SubgraphClient } from '@l2c/shared';
import { crmDirectory, type CrmDirectory } from './crm.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What every CPQ resolver receives: who is calling, which rows they may see, the store, CRM as the caller, and this request's loaders. */
export interface Context {
  identity: Identity;
  scope: Scope;
  store: Store;
  loaders: Loaders;
  crm: CrmDirectory;
  logger: Logger;
}

export interface ContextDependencies {
  store: Store;
  crmClient: SubgraphClient;
  logger: Logger;
}

/** A request's context; `identityHeaders` are the caller's signed headers as received, forwarded when CPQ calls CRM. */
export function createContext(deps: ContextDependencies, identity: Identity, identityHeaders: IdentityHeaders | null): Context {
  const scope = scopeOf(identity);
  return { identity, scope, store: deps.store, loaders: createLoaders(deps.store, scope), crm: crmDirectory(deps.crmClient, identityHeaders), logger: deps.logger };
}
