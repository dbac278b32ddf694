import { childrenLoader, rowLoader, type DataLoader, type Scope, type Store } from '@l2c/shared';
import { attemptsByDeliveryIds, deliveriesByIds } from './store/deliveries.ts';
import type { AttemptRow, DeliveryRow, SubscriptionRow } from './store/rows.ts';
import { subscriptionsByIds } from './store/subscriptions.ts';

/** One request's loaders, scoped to the caller: a partner's nested lookups never reach another dealer's webhooks. */
export interface Loaders {
  subscription: DataLoader<string, SubscriptionRow | null>;
  delivery: DataLoader<string, DeliveryRow | null>;
  deliveryAttempts: DataLoader<string, AttemptRow[]>;
}

export function createLoaders(store: Store, scope: Scope): Loaders {
  return {
    subscription: rowLoader((ids) => subscriptionsByIds(store, scope, ids), (row) => row.id),
    delivery: rowLoader((ids) => deliveriesByIds(store, scope, ids), (row) => row.id),
    // Attempts are reached only through a delivery already checked against scope.
    deliveryAttempts: childrenLoader((ids) => attemptsByDeliveryIds(store, ids), (row) => row.delivery_id),
  };
}
