import type { OpportunityResolvers, ProcessCaseResolvers, ProcessEventResolvers } from '../__generated__/resolvers-types.ts';
import { activityName } from '../domain/activities.ts';

export const ProcessCase = {
  __resolveReference: (ref, ctx) => ctx.loaders.processCase.load(ref.id),
  id: (c) => c.case_id,
  // CRM resolves the opportunity and the dealer, each in the caller's own scope.
  opportunity: (c) => (c.kind === 'OPPORTUNITY' ? { id: c.case_id } : null),
  dealer: (c) => (c.dealer_id ? { id: c.dealer_id } : null),
  durationSeconds: (c) => (c.ended_at.getTime() - c.started_at.getTime()) / 1000,
  activities: (c) => c.trace.map(([code]) => activityName(code)),
  events: (c, _args, ctx) => ctx.loaders.caseEvents.load(c.case_id),
} satisfies ProcessCaseResolvers;

export const ProcessEvent = {
  occurredAt: (e) => e.occurred_at,
  attributes: (e) => Object.entries(e.attributes).map(([name, value]) => ({ name, value: String(value) })),
} satisfies ProcessEventResolvers;

/** CRM's opportunity, with its lead-to-cash case: the caller's scope applies (a partner sees its dealer's only). */
export const Opportunity = {
  __resolveReference: (ref) => ({ id: ref.id }),
  processCase: async (opportunity, _args, ctx) => {
    const found = await ctx.loaders.processCase.load(opportunity.id);
    return found?.kind === 'OPPORTUNITY' ? found : null;
  },
} satisfies OpportunityResolvers;
