import type {
  AssessorResolvers,
  DealerLocationResolvers,
  DeviationResolvers,
  IndicatorResultResolvers,
  VisitResolvers,
  VisitScoreResolvers,
  VisitTaskResolvers,
} from '../__generated__/resolvers-types.ts';
import { deviationUnit } from '../domain/events.ts';
import { actualOf } from '../domain/indicators.ts';
import { missingRequired } from '../domain/visitRules.ts';
import { present } from './fields.ts';
import { deviationDescription, expectationOf, resultStatus } from './values.ts';

export const Visit = {
  __resolveReference: (ref, ctx) => ctx.loaders.visit.load(ref.id),
  dealer: (visit) => ({ id: visit.dealer_id }),
  location: async (visit, _args, ctx) => present(await ctx.loaders.location.load(visit.location_id), 'DealerLocation', visit.location_id),
  template: async (visit, _args, ctx) => present(await ctx.loaders.template.load(visit.template_id), 'ActionPlanTemplate', visit.template_id),
  templateVersion: async (visit, _args, ctx) => present(await ctx.loaders.templateVersion.load(visit.template_version_id), 'ActionPlanTemplateVersion', visit.template_version_id),
  cancellationReason: (visit) => (visit.status === 'CANCELLED' ? visit.status_remarks : null),
  assessors: (visit, _args, ctx) => ctx.loaders.visitAssessors.load(visit.id),
  tasks: (visit, _args, ctx) => ctx.loaders.visitTasks.load(visit.id),
  results: (visit, _args, ctx) => ctx.loaders.visitResults.load(visit.id),
  deviations: async (visit, _args, ctx) => (await ctx.loaders.visitResults.load(visit.id)).filter((r) => r.met === false),
  missingRequired: async (visit, _args, ctx) => missingRequired(await ctx.loaders.visitResults.load(visit.id)),
  score: (visit) => visit,
} satisfies VisitResolvers;

export const VisitScore = {
  score: (visit) => visit.score,
  met: (visit) => visit.met_count,
  evaluated: (visit) => visit.evaluated_count,
  deviations: (visit) => visit.evaluated_count - visit.met_count,
  missingRequired: async (visit, _args, ctx) => missingRequired(await ctx.loaders.visitResults.load(visit.id)).length,
} satisfies VisitScoreResolvers;

export const VisitTask = {
  visit: async (task, _args, ctx) => present(await ctx.loaders.visit.load(task.visit_id), 'Visit', task.visit_id),
  results: async (task, _args, ctx) => (await ctx.loaders.visitResults.load(task.visit_id)).filter((r) => r.visit_task_id === task.id),
} satisfies VisitTaskResolvers;

export const IndicatorResult = {
  indicator: (result, _args, ctx) => (result.indicator_id ? ctx.loaders.indicator.load(result.indicator_id) : null),
  expectation: (result) => expectationOf(result.data_type, result),
  actual: (result) => actualOf(result),
  status: (result) => resultStatus(result),
  deviation: (result) => (result.met === false ? result : null),
} satisfies IndicatorResultResolvers;

export const Deviation = {
  value: (result) => result.deviation,
  size: (result) => (result.deviation === null ? null : result.deviation.replace(/^-/, '')),
  relative: (result) => (result.relative_deviation === null ? null : result.relative_deviation.replace(/^-/, '')),
  unit: (result) => deviationUnit(result.data_type),
  description: (result) => deviationDescription(result),
} satisfies DeviationResolvers;

export const Assessor = {
  __resolveReference: (ref, ctx) => ctx.loaders.assessor.load(ref.id),
  subject: (assessor, _args, ctx) => (ctx.scope.kind === 'dealer' ? null : assessor.subject),
  email: (assessor, _args, ctx) => (ctx.scope.kind === 'dealer' ? null : assessor.email),
} satisfies AssessorResolvers;

export const DealerLocation = {
  __resolveReference: (ref, ctx) => ctx.loaders.location.load(ref.id),
  dealer: (location) => ({ id: location.dealer_id }),
} satisfies DealerLocationResolvers;
