import { forbidden, pageQuery } from '@l2c/shared';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { dealerPerformanceOf } from '../commands/performance.ts';
import { assessorBySubject, listAssessors } from '../store/assessors.ts';
import { listTemplates } from '../store/templates.ts';
import { listVisits } from '../store/visits.ts';
import { checkedVisitFilter, visitOrder } from './Entities.ts';

/** Every list is scoped to the caller and paginated (or small and bounded); single reads go through the scoped loaders. */
export const Query = {
  visit: (_p, { id }, ctx) => ctx.loaders.visit.load(id),
  visits: (_p, args, ctx) => listVisits(ctx.store, ctx.scope, checkedVisitFilter(args.filter), visitOrder(args.orderBy), pageQuery(args)),
  actionPlanTemplate: (_p, { id }, ctx) => ctx.loaders.template.load(id),
  actionPlanTemplates: (_p, args, ctx) => listTemplates(ctx.store, { search: args.search ?? null }, pageQuery(args)),
  templateVersion: (_p, { id }, ctx) => ctx.loaders.templateVersion.load(id),
  assessors: (_p, args, ctx) => {
    if (ctx.scope.kind === 'dealer') throw forbidden('assessors: partners see the assessors of their own visits only (Visit.assessors)');
    return listAssessors(ctx.store, args.includeInactive ?? false);
  },
  myAssessorProfile: (_p, _args, ctx) => (ctx.identity.roles.includes('assessor') ? assessorBySubject(ctx.store, ctx.identity.subject) : null),
  dealerPerformance: (_p, args, ctx) => dealerPerformanceOf(ctx, args.dealerId, args),
} satisfies QueryResolvers;
