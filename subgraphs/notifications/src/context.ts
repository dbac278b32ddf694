import { scopeOf, type Identity, type Scope, type Store } from '@l2c/shared';
import type { DeliveryQueue } from './delivery/queue.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { SecretBox } from './secrets/secretBox.ts';

/** What every notifications resolver receives: the caller and its scope, the store, the secret box, the delivery queue, this request's loaders. */
export interface Context {
  identity: Identity;
  scope: Scope;
  store: Store;
  secrets: SecretBox;
  queue: DeliveryQueue;
  loaders: Loaders;
}

export function createContext(services: { store: Store; secrets: SecretBox; queue: DeliveryQueue }, identity: Identity): Context {
  const scope = scopeOf(identity);
  return { identity, scope, ...services, loaders: createLoaders(services.store, scope) };
}
