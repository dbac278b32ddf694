import { DateScalar, DateTimeScalar, DecimalScalar } from '@l2c/shared';
import type { FederatedResolvers, Resolvers } from '../__generated__/resolvers-types.ts';
import { Account, Opportunity, Order, OrderItem } from './Entities.ts';
import { Invoice, InvoiceLine, InvoiceRun } from './Invoice.ts';
import { Mutation } from './Mutation.ts';
import { AccountAgeing, AgeingBuckets, Payment, PaymentAllocation } from './Payment.ts';
import { Query } from './Query.ts';
import { BillingPeriod, BillingSchedule, BillingTreatment, UsageRecord } from './Schedule.ts';

/** The billing resolver map: every `@key` entity resolves references through the request's scoped loaders. */
export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
  Query,
  Mutation,
  Order,
  OrderItem,
  Opportunity,
  Account,
  BillingSchedule,
  BillingTreatment,
  BillingPeriod,
  UsageRecord,
  Invoice,
  InvoiceLine,
  InvoiceRun,
  Payment,
  PaymentAllocation,
  AgeingBuckets,
  AccountAgeing,
} satisfies Resolvers & FederatedResolvers;
