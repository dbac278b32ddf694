import { DateTimeScalar, DecimalScalar } from '@l2c/shared';
import type { FederatedResolvers, Resolvers } from '../__generated__/resolvers-types.ts';
import { Mutation } from './Mutation.ts';
import { Opportunity, ProcessCase, ProcessEvent } from './ProcessCase.ts';
import { Query } from './Query.ts';
import { BottleneckReport, BottleneckTransition, ConformanceViolation, CycleTimeGroup, DiscountBand, DurationStats, ProcessMap, ProcessVariant } from './Reports.ts';

/** The insights resolver map: `ProcessCase` references resolve through the request's scoped loader. */
export const resolvers = {
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
  Query,
  Mutation,
  ProcessCase,
  ProcessEvent,
  Opportunity,
  Account: {},
  DurationStats,
  ProcessMap,
  ProcessVariant,
  CycleTimeGroup,
  BottleneckReport,
  BottleneckTransition,
  ConformanceViolation,
  DiscountBand,
} satisfies Resolvers & FederatedResolvers;
