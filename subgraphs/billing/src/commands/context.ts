import { randomUUID } from 'node:crypto';
import { isoDate, requireRole, type Identity, type Logger, type Scope, type Store } from '@l2c/shared';
import type { InvoiceRunQueue } from '../runs/queue.ts';

/** What a command needs: the store, who is asking and what they may see, the run queue, a clock and an id source (fixed in tests). */
export interface CommandContext {
  store: Store;
  identity: Identity;
  scope: Scope;
  settings: BillingSettings;
  /** Where invoice runs are queued; null when this process has no Redis queue (runs are refused). */
  runs?: InvoiceRunQueue | null;
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
}

/** Billing policy the subgraph is configured with. */
export interface BillingSettings {
  /** Currency of every amount billed (CPQ prices in one currency). Default EUR. */
  currency: string;
  /** Days from an invoice's date to its due date. Default 30. */
  paymentTermDays: number;
  /** Whether an order of a contract already billed aligns to the first order's billing cycle. Default true. */
  alignAmendments: boolean;
}

export const defaultBillingSettings: BillingSettings = { currency: 'EUR', paymentTermDays: 30, alignAmendments: true };

export const clock = (ctx: Pick<CommandContext, 'now'>): Date => ctx.now?.() ?? new Date();
export const today = (ctx: Pick<CommandContext, 'now'>): string => isoDate(clock(ctx));
export const idSource = (ctx: Pick<CommandContext, 'newId'>): (() => string) => ctx.newId ?? randomUUID;

/** Finance work: holds, overrides, cancellations, payments. The OEM's staff and Salesforce admins; never a partner. */
export function assertFinance(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin');
}

/** Invoice runs are long-running jobs: finance starts them, engineers run and retry them too. */
export function assertRunsJobs(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin', 'engineer');
}
