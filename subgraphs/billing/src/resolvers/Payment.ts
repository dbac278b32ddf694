import type { AccountAgeingResolvers, AgeingBucketsResolvers, PaymentAllocationResolvers, PaymentResolvers } from '../__generated__/resolvers-types.ts';
import { present, ref } from './fields.ts';

export const Payment = {
  __resolveReference: (ref, ctx) => ctx.loaders.payment.load(ref.id),
  account: (p) => ({ id: p.account_id }),
  dealer: (p) => ref(p.dealer_id),
  paymentDate: (p) => p.payment_date,
  allocatedAmount: (p) => p.allocated_amount,
  unallocatedAmount: (p) => p.unallocated_amount,
  allocations: (p, _args, ctx) => ctx.loaders.allocationsByPayment.load(p.id),
  receivedAt: (p) => p.received_at,
} satisfies PaymentResolvers;

export const PaymentAllocation = {
  payment: async (a, _args, ctx) => present(await ctx.loaders.payment.load(a.payment_id), 'Payment', a.payment_id),
  invoice: async (a, _args, ctx) => present(await ctx.loaders.invoice.load(a.invoice_id), 'Invoice', a.invoice_id),
  allocationDate: (a) => a.allocation_date,
  createdAt: (a) => a.created_at,
} satisfies PaymentAllocationResolvers;

export const AgeingBuckets = {
  current: (b) => b.CURRENT,
  days1To30: (b) => b.DAYS_1_30,
  days31To60: (b) => b.DAYS_31_60,
  days61To90: (b) => b.DAYS_61_90,
  over90: (b) => b.DAYS_OVER_90,
} satisfies AgeingBucketsResolvers;

export const AccountAgeing = {
  account: (row) => ({ id: row.accountId }),
} satisfies AccountAgeingResolvers;
