import { randomUUID } from 'node:crypto';
import { isoDate, notFound, requireRole, type Identity, type Logger, type Queryable, type Scope, type Store } from '@l2c/shared';
import type { CrmDirectory } from '../crm.ts';
import { quotesByIds } from '../store/quotes.ts';
import type { QuoteRow } from '../store/rows.ts';

/** What a command needs: the store, who is asking and what they may see, CRM, a clock and an id source (fixed in tests). */
export interface CommandContext {
  store: Store;
  identity: Identity;
  scope: Scope;
  /** CRM as the caller sees it; needed to create quotes and sync accepted ones. */
  crm?: CrmDirectory;
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
}

export const clock = (ctx: CommandContext): Date => ctx.now?.() ?? new Date();
/** Today in UTC, `YYYY-MM-DD`: the day delegations, expirations and entitlements are judged on. */
export const today = (ctx: CommandContext): string => isoDate(clock(ctx));
export const idSource = (ctx: CommandContext): (() => string) => ctx.newId ?? randomUUID;

/** Staff, Salesforce admins and partners (for their own dealer) sell; engineers only read. */
export function assertCanSell(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin', 'partner');
}

/** The OEM's own people: catalogue, price books, approval set-up, approving. Never a partner. */
export function assertInternal(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin');
}

export function crmOf(ctx: CommandContext): CrmDirectory {
  if (!ctx.crm) throw new Error('this command needs CRM, and the context has no CRM directory');
  return ctx.crm;
}

/** The quote, locked for the rest of the transaction; NOT_FOUND when it does not exist or the caller may not see it. */
export async function lockQuote(tx: Queryable, ctx: CommandContext, id: string, field?: string): Promise<QuoteRow> {
  const [quote] = await quotesByIds(tx, ctx.scope, [id], true);
  if (!quote) throw notFound('Quote', id, field);
  return quote;
}

export async function readQuote(db: Queryable, ctx: CommandContext, id: string): Promise<QuoteRow> {
  const [quote] = await quotesByIds(db, ctx.scope, [id]);
  if (!quote) throw notFound('Quote', id);
  return quote;
}

/** Drops undefined entries, so an update touches only the columns given. */
export function withoutUndefined<T extends Record<string, unknown>>(row: T): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as Partial<T>;
}
