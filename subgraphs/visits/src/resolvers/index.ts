import { DateScalar, DateTimeScalar, DecimalScalar } from '@l2c/shared';
import type { FederatedResolvers, Resolvers } from '../__generated__/resolvers-types.ts';
import { Account, DealerPerformance } from './Entities.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { ActionPlanTemplate, ActionPlanTemplateVersion, ContextRecord, Expectation, IndicatorDefinition, IndicatorValue, TemplateTask } from './Template.ts';
import { Assessor, DealerLocation, Deviation, IndicatorResult, Visit, VisitScore, VisitTask } from './Visit.ts';

/** The visits resolver map: every `@key` entity resolves references through the request's scoped loaders. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
  Query,
  Mutation,
  Account,
  DealerPerformance,
  ActionPlanTemplate,
  ActionPlanTemplateVersion,
  TemplateTask,
  IndicatorDefinition,
  ContextRecord,
  Expectation,
  IndicatorValue,
  Assessor,
  DealerLocation,
  Visit,
  VisitScore,
  VisitTask,
  IndicatorResult,
  Deviation,
} satisfies Resolvers & FederatedResolvers;
