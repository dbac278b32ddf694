import { pageQuery } from '@l2c/shared';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { receivablesAgeing } from '../commands/ageing.ts';
import { listInvoices } from '../store/invoices.ts';
import { listPayments } from '../store/payments.ts';
import { listRuns } from '../store/runs.ts';
import { listSchedules } from '../store/schedules.ts';

/** Every list is scoped to the caller and paginated; single reads go through the scoped loaders. */
export const Query = {
  billingSchedule: (_p, { id }, ctx) => ctx.loaders.schedule.load(id),
  billingSchedules: (_p, args, ctx) => listSchedules(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  invoice: (_p, { id }, ctx) => ctx.loaders.invoice.load(id),
  invoices: (_p, args, ctx) => listInvoices(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  payment: (_p, { id }, ctx) => ctx.loaders.payment.load(id),
  payments: (_p, args, ctx) => listPayments(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  invoiceRun: (_p, { id }, ctx) => ctx.loaders.run.load(id),
  invoiceRuns: (_p, args, ctx) => listRuns(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  receivablesAgeing: (_p, { asOf, accountId }, ctx) => receivablesAgeing(ctx, asOf, accountId),
} satisfies QueryResolvers;
