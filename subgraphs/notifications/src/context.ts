import { scopeOf, type Identity, type QueueInspector, type Scope, type Store } from '@l2c/shared';
import type { DeliveryQueue } from './delivery/queue.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { SecretBox } from './secrets/secretBox.ts';

/**
 * What every notifications resolver receives: the caller and its scope, the store, the secret box, the delivery
 * queue, the job queues' inspector (null when not configured), this request's loaders.
 */
export interface Context {
  identity: Identity;
  scope: Scope;
  store: Store;
  secrets: SecretBox;
  queue: DeliveryQueue;
  jobs: QueueInspector | null;
  loaders: Loaders;
}

export function createContext(services: { store: Store; secrets: SecretBox; queue: DeliveryQueue; jobs?: QueueInspector | null }, identity: Identity): Context {
  const scope = scopeOf(identity);
  return { identity, scope, ...services, jobs: services.jobs ?? null, loaders: createLoaders(services.store, scope) };
}
