import { randomUUID } from 'node:crypto';
import { badInput, forbidden, isoDate, requireRole, type Identity, type Logger, type Scope, type Store } from '@l2c/shared';
import type { AssetDirectory } from '../intake/assetDirectory.ts';
import type { DealerDirectory } from '../intake/dealerDirectory.ts';

/** What a command needs: the store, who is asking and what they may see, CPQ's assets, a clock and ids (fixed in tests). */
export interface CommandContext {
  store: Store;
  identity: Identity;
  scope: Scope;
  /** CPQ's assets, read through the graph when the warranty store has not heard of one yet. */
  assets?: AssetDirectory;
  /** CRM's dealers by dealer code (CSV imports name trading partners by code). */
  dealers?: DealerDirectory;
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
}

export const clock = (ctx: Pick<CommandContext, 'now'>): Date => ctx.now?.() ?? new Date();
/** Today in UTC, `YYYY-MM-DD`: the day failure and sale dates must not be after. */
export const today = (ctx: Pick<CommandContext, 'now'>): string => isoDate(clock(ctx));
export const idSource = (ctx: Pick<CommandContext, 'newId'>): (() => string) => ctx.newId ?? randomUUID;

/** The OEM's warranty and sales managers: codes, terms, programs, registrations, voids and extensions. */
export function assertManager(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin');
}

/** Dealers (for their own dealer) and OEM staff file claims and upload sales reports. */
export function assertFiler(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'partner', 'staff', 'sf_admin');
}

/** Only adjusters decide claims. */
export function assertAdjuster(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'warranty_adjuster');
}

/** Payments are recorded by adjusters and the OEM's staff. */
export function assertPayer(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'warranty_adjuster', 'staff', 'sf_admin');
}

/**
 * The dealer a claim or an upload is for: a partner's own dealer always (naming another is refused), the one staff
 * name otherwise.
 */
export function dealerFor(ctx: CommandContext, given: string | null | undefined, field: string): string {
  if (ctx.scope.kind === 'dealer') {
    if (given && given !== ctx.scope.dealerAccountId) throw forbidden(`${field}: a partner files for its own dealer only (${ctx.scope.dealerAccountId})`);
    return ctx.scope.dealerAccountId;
  }
  if (!given) throw badInput(field, given ?? null, 'staff must name the dealer');
  return given;
}
