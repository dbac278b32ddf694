import { dateValue, isoDate } from '@l2c/shared';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { assertFinance } from '../commands/context.ts';
import { cancelInvoiceRun, resumeInvoiceRun, startInvoiceRun } from '../commands/invoiceRuns.ts';
import { cancelInvoice, postInvoice, rebillInvoice } from '../commands/invoices.ts';
import { flagOverdueIn } from '../commands/overdue.ts';
import { allocatePayment, recordPayment, unallocatePayment } from '../commands/payments.ts';
import { overrideNextBillingDate, placeBillingHold, recordUsage, releaseBillingHold, updateBillingTerms } from '../commands/schedules.ts';

export const Mutation = {
  startInvoiceRun: (_p, { input }, ctx) => startInvoiceRun(ctx, input ?? {}),
  cancelInvoiceRun: (_p, { id }, ctx) => cancelInvoiceRun(ctx, id),
  resumeInvoiceRun: (_p, { id }, ctx) => resumeInvoiceRun(ctx, id),
  placeBillingHold: (_p, { scheduleId, reason }, ctx) => placeBillingHold(ctx, scheduleId, reason),
  releaseBillingHold: (_p, { scheduleId }, ctx) => releaseBillingHold(ctx, scheduleId),
  overrideNextBillingDate: (_p, { scheduleId, date }, ctx) => overrideNextBillingDate(ctx, scheduleId, date ?? null),
  updateBillingSchedule: (_p, { id, input }, ctx) =>
    updateBillingTerms(ctx, id, { frequency: input.frequency ?? null, billingDay: input.billingDayOfMonth ?? null, timing: input.timing ?? null, partialPeriodTreatment: input.partialPeriodTreatment ?? null }),
  recordUsage: (_p, { scheduleId, input }, ctx) => recordUsage(ctx, scheduleId, input),
  postInvoice: (_p, { id }, ctx) => postInvoice(ctx, id),
  cancelInvoice: (_p, { id, reason }, ctx) => cancelInvoice(ctx, id, reason),
  rebillInvoice: (_p, { id, reason }, ctx) => rebillInvoice(ctx, id, reason),
  flagOverdueInvoices: async (_p, { asOf }, ctx) => {
    assertFinance(ctx, 'flagOverdueInvoices');
    const day = asOf ? dateValue('asOf', asOf) : isoDate(new Date());
    return ctx.store.transaction((tx) => flagOverdueIn(tx, day, new Date()));
  },
  recordPayment: (_p, { input }, ctx) =>
    recordPayment(ctx, { ...input, paymentDate: input.paymentDate ?? null, reference: input.reference ?? null, dealerId: input.dealerId ?? null, allocations: input.allocations ?? null }),
  allocatePayment: (_p, { paymentId, allocations }, ctx) => allocatePayment(ctx, paymentId, allocations),
  unallocatePayment: (_p, { allocationId }, ctx) => unallocatePayment(ctx, allocationId),
} satisfies MutationResolvers;
