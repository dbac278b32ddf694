import { randomUUID } from 'node:crypto';
import { notFound, requireRole, type Identity, type Queryable, type Store } from '@l2c/shared';
import type { DealerDirectory } from '../crm.ts';
import type { VisitRow } from '../store/rows.ts';
import type { VisitsScope } from '../store/scope.ts';
import { visitsByIds } from '../store/visits.ts';

/** What a command needs: the store, who is asking and what they may see, CRM, a clock and an id source (fixed in tests). */
export interface CommandContext {
  store: Store;
  identity: Identity;
  scope: VisitsScope;
  /** CRM as the caller sees it; needed where a dealer is named. */
  crm?: DealerDirectory;
  now?: () => Date;
  newId?: () => string;
}

export const clock = (ctx: CommandContext): Date => ctx.now?.() ?? new Date();
export const idSource = (ctx: CommandContext): (() => string) => ctx.newId ?? randomUUID;

/** The OEM's managers and admins define templates, assessors and locations, and plan, assign and cancel visits. */
export function assertPlanner(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin');
}

/**
 * Carrying out a visit (start, record, complete): the assessors assigned to it, or staff. An assessor reaches only
 * visits assigned to it (its scope), so reading the visit in scope is the assignment check.
 */
export function assertExecutor(ctx: CommandContext, action: string): void {
  requireRole(ctx.identity, action, 'staff', 'sf_admin', 'assessor');
}

export function crmOf(ctx: CommandContext): DealerDirectory {
  if (!ctx.crm) throw new Error('this command needs CRM, and the context has no dealer directory');
  return ctx.crm;
}

/** The visit, locked for the rest of the transaction; NOT_FOUND when it does not exist or the caller may not see it. */
export async function lockVisit(tx: Queryable, ctx: CommandContext, id: string, field?: string): Promise<VisitRow> {
  const [visit] = await visitsByIds(tx, ctx.scope, [id], true);
  if (!visit) throw notFound('Visit', id, field);
  return visit;
}

export async function readVisit(db: Queryable, ctx: CommandContext, id: string): Promise<VisitRow> {
  const [visit] = await visitsByIds(db, ctx.scope, [id]);
  if (!visit) throw notFound('Visit', id);
  return visit;
}
