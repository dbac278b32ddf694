import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { createAssessor, updateAssessor } from '../commands/assessors.ts';
import { addDealerLocation } from '../commands/dealers.ts';
import { completeVisit, completeVisitTask, recordIndicatorValues, startVisit } from '../commands/execution.ts';
import { createActionPlanTemplate, publishTemplateVersion, reviseActionPlanTemplate, updateActionPlanTemplate } from '../commands/templates.ts';
import { assignVisit, cancelVisit, planVisit, rescheduleVisit } from '../commands/visits.ts';

/** Mutations hand their arguments to commands, which check the caller, apply the rules and write in one transaction. */
export const Mutation = {
  createActionPlanTemplate: (_p, { input }, ctx) => createActionPlanTemplate(ctx, input),
  updateActionPlanTemplate: (_p, { id, input }, ctx) => updateActionPlanTemplate(ctx, id, input),
  reviseActionPlanTemplate: (_p, { id, input }, ctx) => reviseActionPlanTemplate(ctx, id, input),
  publishTemplateVersion: (_p, { id }, ctx) => publishTemplateVersion(ctx, id),
  createAssessor: (_p, { input }, ctx) => createAssessor(ctx, input),
  updateAssessor: (_p, { id, input }, ctx) => updateAssessor(ctx, id, input),
  addDealerLocation: (_p, { dealerId, input }, ctx) => addDealerLocation(ctx, dealerId, input),
  planVisit: (_p, { input }, ctx) => planVisit(ctx, input),
  assignVisit: (_p, { id, assessorIds }, ctx) => assignVisit(ctx, id, assessorIds),
  rescheduleVisit: (_p, { id, scheduledStart, scheduledEnd }, ctx) => rescheduleVisit(ctx, id, scheduledStart, scheduledEnd),
  startVisit: (_p, { id }, ctx) => startVisit(ctx, id),
  recordIndicatorValues: (_p, { visitId, values }, ctx) => recordIndicatorValues(ctx, visitId, values),
  completeVisitTask: (_p, { id }, ctx) => completeVisitTask(ctx, id),
  completeVisit: (_p, { id }, ctx) => completeVisit(ctx, id),
  cancelVisit: (_p, { id, reason }, ctx) => cancelVisit(ctx, id, reason),
} satisfies MutationResolvers;
