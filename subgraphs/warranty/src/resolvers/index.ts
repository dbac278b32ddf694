import { DateScalar, DateTimeScalar, DecimalScalar } from '@l2c/shared';
import type { FederatedResolvers, Resolvers } from '../__generated__/resolvers-types.ts';
import { AdjudicationPolicy, Claim, ClaimLine, ClaimStatusChange, EligibilityCheck, EligibilityReason, LineEligibility } from './Claims.ts';
import { Code, LaborOperation } from './Codes.ts';
import { Asset, AssetWarranty, WarrantyExtension, WarrantyTerm } from './Coverage.ts';
import { CsvImport, CsvRowError } from './Imports.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';
import { IncentiveAllocation, IncentiveProgram, RebateClaim, TransactionJournal } from './Sales.ts';

/** The warranty resolver map: every `@key` entity resolves references through the request's scoped loaders. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
  Query,
  Mutation,
  Asset,
  Code,
  LaborOperation,
  WarrantyTerm,
  AssetWarranty,
  WarrantyExtension,
  Claim,
  ClaimLine,
  ClaimStatusChange,
  EligibilityReason,
  EligibilityCheck,
  LineEligibility,
  AdjudicationPolicy,
  IncentiveProgram,
  IncentiveAllocation,
  RebateClaim,
  TransactionJournal,
  CsvImport,
  CsvRowError,
} satisfies Resolvers & FederatedResolvers;
