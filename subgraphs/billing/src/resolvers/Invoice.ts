import { dateValue, isoDate, mustCents, pageQuery } from '@l2c/shared';
import type { InvoiceLineResolvers, InvoiceResolvers, InvoiceRunResolvers } from '../__generated__/resolvers-types.ts';
import { paymentStatus } from '../domain/allocation.ts';
import { daysBetween } from '../domain/calendar.ts';
import { runPercent } from '../domain/runProgress.ts';
import { listInvoices } from '../store/invoices.ts';
import { present, ref } from './fields.ts';

export const Invoice = {
  __resolveReference: (ref, ctx) => ctx.loaders.invoice.load(ref.id),
  account: (i) => ({ id: i.account_id }),
  dealer: (i) => ref(i.dealer_id),
  billingDayOfMonth: (i) => i.billing_day,
  invoiceDate: (i) => i.invoice_date,
  dueDate: (i) => i.due_date,
  targetDate: (i) => i.target_date,
  totalAmount: (i) => i.total_amount,
  paidAmount: (i) => i.allocated_amount,
  creditedAmount: (i) => i.credited_amount,
  paymentStatus: (i) => paymentStatus(i.total_amount, i.balance),
  daysOverdue: (i, args) => {
    const day = args.asOf ? dateValue('asOf', args.asOf) : isoDate(new Date());
    return i.kind === 'INVOICE' && i.status === 'POSTED' && mustCents(i.balance) > 0n ? Math.max(0, daysBetween(i.due_date, day)) : 0;
  },
  lines: (i, _args, ctx) => ctx.loaders.lines.load(i.id),
  orders: async (i, _args, ctx) => (await ctx.loaders.orderIdsOfInvoice.load(i.id)).map((id) => ({ id })),
  run: (i, _args, ctx) => (i.run_id ? ctx.loaders.run.load(i.run_id) : null),
  credits: (i, _args, ctx) => (i.credits_invoice_id ? ctx.loaders.invoice.load(i.credits_invoice_id) : null),
  creditNotes: (i, _args, ctx) => ctx.loaders.creditNotes.load(i.id),
  allocations: (i, _args, ctx) => ctx.loaders.allocationsByInvoice.load(i.id),
  postedAt: (i) => i.posted_at,
  cancelledAt: (i) => i.cancelled_at,
  cancelReason: (i) => i.cancel_reason,
  createdAt: (i) => i.created_at,
} satisfies InvoiceResolvers;

export const InvoiceLine = {
  invoice: async (l, _args, ctx) => present(await ctx.loaders.invoice.load(l.invoice_id), 'Invoice', l.invoice_id),
  order: (l) => ref(l.order_id),
  orderItem: (l) => ref(l.order_item_id),
  billingSchedule: (l, _args, ctx) => (l.schedule_id ? ctx.loaders.schedule.load(l.schedule_id) : null),
  productCode: (l) => l.product_code,
  productName: (l) => l.product_name,
  chargeType: (l) => l.charge_type,
  startDate: (l) => l.start_date,
  endDate: (l) => l.end_date,
  unitPrice: (l) => l.unit_price,
  isActive: (l) => l.is_active,
} satisfies InvoiceLineResolvers;

export const InvoiceRun = {
  __resolveReference: (ref, ctx) => ctx.loaders.run.load(ref.id),
  targetDate: (r) => r.target_date,
  invoiceDate: (r) => r.invoice_date,
  autoPost: (r) => r.auto_post,
  requestedBy: (r) => r.requested_by,
  linesDue: (r) => r.lines_due,
  linesInvoiced: (r) => r.lines_invoiced,
  invoicesCreated: (r) => r.invoices_created,
  invoicesPosted: (r) => r.invoices_posted,
  totalAmount: (r) => r.total_amount,
  percentComplete: (r) => runPercent(r),
  startedAt: (r) => r.started_at,
  finishedAt: (r) => r.finished_at,
  createdAt: (r) => r.created_at,
  invoices: (r, args, ctx) => listInvoices(ctx.store, ctx.scope, { runId: r.id }, pageQuery(args)),
} satisfies InvoiceRunResolvers;
