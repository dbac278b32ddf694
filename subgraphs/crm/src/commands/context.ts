import { randomUUID } from 'node:crypto';
import { badInput, notFound, requireRole, type Identity, type Queryable, type Scope, type Store } from '@l2c/shared';
import { accountsByIds } from '../store/accounts.ts';
import { leadsByIds } from '../store/leads.ts';
import { opportunitiesByIds } from '../store/opportunities.ts';
import type { AccountRow, LeadRow, OpportunityRow } from '../store/rows.ts';

/** What a command needs: the store, who is asking and what they may see, a clock and an id source (fixed in tests). */
export interface CommandContext {
  store: Store;
  identity: Identity;
  scope: Scope;
  now?: () => Date;
  newId?: () => string;
}

export const clock = (ctx: CommandContext): Date => ctx.now?.() ?? new Date();
export const idSource = (ctx: CommandContext): (() => string) => ctx.newId ?? randomUUID;

/** Staff, Salesforce admins and partners (within their dealer) change CRM data; engineers only read it. */
export function assertCanWrite(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin', 'partner');
}

/** Only OEM staff and Salesforce admins, never a partner. */
export function assertInternal(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin');
}

/** The lead, locked for the rest of the transaction; NOT_FOUND when it does not exist or the caller may not see it. */
export async function lockLead(tx: Queryable, ctx: CommandContext, id: string): Promise<LeadRow> {
  const [lead] = await leadsByIds(tx, ctx.scope, [id], true);
  if (!lead) throw notFound('Lead', id);
  return lead;
}

export async function lockOpportunity(tx: Queryable, ctx: CommandContext, id: string): Promise<OpportunityRow> {
  const [opportunity] = await opportunitiesByIds(tx, ctx.scope, [id], true);
  if (!opportunity) throw notFound('Opportunity', id);
  return opportunity;
}

export async function readLead(db: Queryable, ctx: CommandContext, id: string): Promise<LeadRow> {
  const [lead] = await leadsByIds(db, ctx.scope, [id]);
  if (!lead) throw notFound('Lead', id);
  return lead;
}

export async function readOpportunity(db: Queryable, ctx: CommandContext, id: string): Promise<OpportunityRow> {
  const [opportunity] = await opportunitiesByIds(db, ctx.scope, [id]);
  if (!opportunity) throw notFound('Opportunity', id);
  return opportunity;
}

/** An account the caller may see, or NOT_FOUND naming the field that pointed at it. */
export async function readAccount(db: Queryable, ctx: CommandContext, id: string, field?: string): Promise<AccountRow> {
  const [account] = await accountsByIds(db, ctx.scope, [id]);
  if (!account) throw notFound('Account', id, field);
  return account;
}

/** A dealer account, looked up across the network: naming another dealer (a customer's preferred seller) is allowed. */
export async function readDealer(db: Queryable, id: string, field: string): Promise<AccountRow> {
  const [dealer] = await accountsByIds(db, { kind: 'all' }, [id]);
  if (!dealer) throw notFound('Account', id, field);
  if (dealer.type !== 'DEALER') throw badInput(field, id, `must be a dealer account, not a ${dealer.type.toLowerCase()}`);
  return dealer;
}
