import { dateTimeValue, pageQuery } from '@l2c/shared';
import type { AccountResolvers, AccountVisitsArgs, DealerPerformanceResolvers } from '../__generated__/resolvers-types.ts';
import { dealerPerformanceOf } from '../commands/performance.ts';
import { listVisits, type VisitFilter } from '../store/visits.ts';

/**
 * CRM's accounts, extended with what visits know about a dealer. Visits hold only the dealer's id: the reference
 * resolves to the id itself, CRM decides whether the caller may see the account, and the visits listed are those
 * the caller may see.
 */
export const Account = {
  __resolveReference: (ref) => ({ id: ref.id }),
  visits: (account, args, ctx) => listVisits(ctx.store, ctx.scope, { ...checkedVisitFilter(args.filter), dealerId: account.id }, visitOrder(args.orderBy), pageQuery(args)),
  dealerLocations: (account, _args, ctx) => ctx.loaders.dealerLocations.load(account.id),
  visitPerformance: (account, args, ctx) => dealerPerformanceOf(ctx, account.id, args),
} satisfies AccountResolvers;

export const DealerPerformance = {
  dealer: (performance) => ({ id: performance.dealerId }),
  template: (performance, _args, ctx) => (performance.templateId ? ctx.loaders.template.load(performance.templateId) : null),
} satisfies DealerPerformanceResolvers;

export function checkedVisitFilter(filter: AccountVisitsArgs['filter']): VisitFilter {
  if (!filter) return {};
  return {
    ...filter,
    scheduledFrom: filter.scheduledFrom == null ? null : dateTimeValue('filter.scheduledFrom', filter.scheduledFrom),
    scheduledBefore: filter.scheduledBefore == null ? null : dateTimeValue('filter.scheduledBefore', filter.scheduledBefore),
  };
}

export function visitOrder(order: AccountVisitsArgs['orderBy']): { field: 'SCHEDULED_START' | 'COMPLETED_AT' | 'CREATED_AT' | 'NUMBER'; direction: 'ASC' | 'DESC' } {
  return { field: order?.field ?? 'SCHEDULED_START', direction: order?.direction ?? 'ASC' };
}
