import { DateScalar, DateTimeScalar, DecimalScalar } from '@l2c/shared';
import type { FederatedResolvers, Resolvers } from '../__generated__/resolvers-types.ts';
import { Account, Contact } from './Account.ts';
import { Lead, Qualification } from './Lead.ts';
import { Mutation } from './Mutation.ts';
import { LeadLineItem, LeadPreferredSeller, Opportunity, OpportunityLineItem, OpportunityPreferredSeller, TestDrive } from './Opportunity.ts';
import { Query } from './Query.ts';
import { SyncConflict, SyncFailure, SyncJob, SyncJobError, SyncMutation, SyncObjectState, SyncQuery, SyncStats } from './Sync.ts';
import { Viewer } from './Viewer.ts';

/** The CRM resolver map: every `@key` entity resolves references through the request's scoped loaders. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
  Query: { ...Query, ...SyncQuery },
  Mutation: { ...Mutation, ...SyncMutation },
  Viewer,
  Lead,
  Qualification,
  LeadLineItem,
  LeadPreferredSeller,
  Account,
  Contact,
  Opportunity,
  OpportunityLineItem,
  OpportunityPreferredSeller,
  TestDrive,
  SyncJob,
  SyncJobError,
  SyncStats,
  SyncObjectState,
  SyncFailure,
  SyncConflict,
} satisfies Resolvers & FederatedResolvers;
