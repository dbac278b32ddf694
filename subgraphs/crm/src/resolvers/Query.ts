import { dateTimeValue, dateValue, pageQuery } from '@l2c/shared';
import type { QueryLeadsArgs, QueryOpportunitiesArgs, QueryResolvers } from '../__generated__/resolvers-types.ts';
import { matchDealers } from '../commands/matchDealers.ts';
import { listAccounts, listContacts } from '../store/accounts.ts';
import { leadStatuses, listLeads, type LeadFilter } from '../store/leads.ts';
import { listOpportunities, opportunityStages, type OpportunityFilter } from '../store/opportunities.ts';

/** Every list is scoped to the caller and paginated; every single read goes through the request's scoped loaders. */
export const Query = {
  viewer: (_parent, _args, ctx) => ctx.identity,
  lead: (_parent, { id }, ctx) => ctx.loaders.lead.load(id),
  leads: (_parent, args, ctx) =>
    listLeads(ctx.store, ctx.scope, checkedLeadFilter(args.filter), { field: args.orderBy?.field ?? 'CREATED_AT', direction: args.orderBy?.direction ?? 'DESC' }, pageQuery(args)),
  leadStatuses: (_parent, _args, ctx) => leadStatuses(ctx.store),
  account: (_parent, { id }, ctx) => ctx.loaders.account.load(id),
  accounts: (_parent, args, ctx) =>
    listAccounts(ctx.store, ctx.scope, args.filter ?? {}, { field: args.orderBy?.field ?? 'NAME', direction: args.orderBy?.direction ?? 'ASC' }, pageQuery(args)),
  contact: (_parent, { id }, ctx) => ctx.loaders.contact.load(id),
  contacts: (_parent, args, ctx) => listContacts(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  opportunity: (_parent, { id }, ctx) => ctx.loaders.opportunity.load(id),
  opportunities: (_parent, args, ctx) =>
    listOpportunities(
      ctx.store,
      ctx.scope,
      checkedOpportunityFilter(args.filter),
      { field: args.orderBy?.field ?? 'CREATED_AT', direction: args.orderBy?.direction ?? 'DESC' },
      pageQuery(args),
    ),
  opportunityStages: (_parent, _args, ctx) => opportunityStages(ctx.store),
  testDrive: (_parent, { id }, ctx) => ctx.loaders.testDrive.load(id),
  dealerMatches: (_parent, args, ctx) => matchDealers(ctx, args.leadId, args.first ?? 5, args.maxDistanceKm),
} satisfies QueryResolvers;

function checkedLeadFilter(filter: QueryLeadsArgs['filter']): LeadFilter {
  if (!filter) return {};
  return {
    ...filter,
    createdAfter: filter.createdAfter == null ? null : dateTimeValue('filter.createdAfter', filter.createdAfter),
    createdBefore: filter.createdBefore == null ? null : dateTimeValue('filter.createdBefore', filter.createdBefore),
  };
}

function checkedOpportunityFilter(filter: QueryOpportunitiesArgs['filter']): OpportunityFilter {
  if (!filter) return {};
  return {
    ...filter,
    closeDateFrom: filter.closeDateFrom == null ? null : dateValue('filter.closeDateFrom', filter.closeDateFrom),
    closeDateTo: filter.closeDateTo == null ? null : dateValue('filter.closeDateTo', filter.closeDateTo),
  };
}
