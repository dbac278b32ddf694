import { fileURLToPath } from 'node:url';
import { scopeOf, type Identity, type Store } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import type { CommandContext } from '../commands/context.ts';
import type { DeliveryQueue, QueueableDelivery } from '../delivery/queue.ts';
import { createSecretBox } from '../secrets/secretBox.ts';
import { migrationsDir } from '../server.ts';

export const testSecrets = createSecretBox('test-webhook-secret-key-0123456789abcdef');

/** A fresh, migrated notifications store on the named driver (PGlite in memory unless asked otherwise). */
export function openNotificationsStore(driver: 'pglite' | 'postgres' = 'pglite'): Promise<DisposableStore> {
  return storeDrivers.find((d) => d.name === driver)!.open(fileURLToPath(migrationsDir));
}

export const staff: Identity = { subject: 'staff-1', roles: ['staff'], dealerAccountId: null };
export const engineer: Identity = { subject: 'eng-1', roles: ['engineer'], dealerAccountId: null };
export const partnerOf = (dealerId: string): Identity => ({ subject: `partner-${dealerId}`, roles: ['partner'], dealerAccountId: dealerId });

/** A delivery queue that only records what it was given. */
export class RecordingQueue implements DeliveryQueue {
  readonly enqueued: QueueableDelivery[] = [];
  async enqueue(deliveries: readonly QueueableDelivery[]): Promise<void> {
    this.enqueued.push(...deliveries);
  }
  async close(): Promise<void> {}
}

/** The context a command runs in for `identity`. */
export function as(store: Store, identity: Identity, queue: DeliveryQueue = new RecordingQueue(), now?: Date): CommandContext {
  return { store, identity, scope: scopeOf(identity), secrets: testSecrets, queue, ...(now ? { now: () => now } : {}) };
}
