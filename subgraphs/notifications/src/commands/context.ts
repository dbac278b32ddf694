import { randomUUID } from 'node:crypto';
import { requireRole, type Identity, type Scope, type Store } from '@l2c/shared';
import type { DeliveryQueue } from '../delivery/queue.ts';
import type { SecretBox } from '../secrets/secretBox.ts';

/** What a command needs: the store, who is asking and what they may see, the secret box, the delivery queue, a clock and ids. */
export interface CommandContext {
  store: Store;
  identity: Identity;
  scope: Scope;
  secrets: SecretBox;
  queue: DeliveryQueue;
  now?: () => Date;
  newId?: () => string;
}

export const clock = (ctx: CommandContext): Date => ctx.now?.() ?? new Date();
export const idSource = (ctx: CommandContext): (() => string) => ctx.newId ?? randomUUID;

/** Staff and Salesforce admins manage every webhook, partners their own dealer's; engineers only watch them. */
export function assertCanManage(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin', 'partner');
}
