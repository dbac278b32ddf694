import { fromCents, mustCents } from '@l2c/shared';
import type { BillingPeriodResolvers, BillingScheduleResolvers, BillingTreatmentResolvers, UsageRecordResolvers } from '../__generated__/resolvers-types.ts';
import { ref } from './fields.ts';

export const BillingSchedule = {
  __resolveReference: (ref, ctx) => ctx.loaders.schedule.load(ref.id),
  order: (s) => ({ id: s.order_id }),
  orderItem: (s) => ({ id: s.order_item_id }),
  account: (s) => ({ id: s.account_id }),
  dealer: (s) => ref(s.dealer_id),
  opportunity: (s) => ref(s.opportunity_id),
  productCode: (s) => s.product_code,
  productName: (s) => s.product_name,
  chargeType: (s) => s.charge_type,
  billingDayOfMonth: (s) => s.billing_day,
  billingTreatment: (s) => s,
  startDate: (s) => s.start_date,
  endDate: (s) => s.end_date,
  unitPrice: (s) => s.unit_price,
  totalAmount: (s) => s.total_amount,
  alignedTo: (s, _args, ctx) => (s.aligned_to_id ? ctx.loaders.schedule.load(s.aligned_to_id) : null),
  onHold: (s) => s.on_hold,
  holdReason: (s) => s.hold_reason,
  heldAt: (s) => s.held_at,
  releasedAt: (s) => s.released_at,
  nextBillingDate: async (s, _args, ctx) => (await ctx.loaders.periods.load(s.id)).filter((p) => p.status === 'PENDING').map((p) => p.billing_date).sort()[0] ?? null,
  billedAmount: async (s, _args, ctx) => fromCents((await ctx.loaders.linesBySchedule.load(s.id)).filter((l) => l.is_active).reduce((sum, l) => sum + mustCents(l.amount), 0n)),
  periods: (s, _args, ctx) => ctx.loaders.periods.load(s.id),
  invoiceLines: (s, _args, ctx) => ctx.loaders.linesBySchedule.load(s.id),
  usage: (s, _args, ctx) => ctx.loaders.usage.load(s.id),
  createdAt: (s) => s.created_at,
  updatedAt: (s) => s.updated_at,
} satisfies BillingScheduleResolvers;

export const BillingTreatment = {
  timing: (s) => s.timing,
  partialPeriodTreatment: (s) => s.partial_period_treatment,
} satisfies BillingTreatmentResolvers;

export const BillingPeriod = {
  index: (p) => p.period_index,
  startDate: (p) => p.start_date,
  endDate: (p) => p.end_date,
  billingDate: (p) => p.billing_date,
  plannedBillingDate: (p) => p.planned_billing_date,
  overridden: (p) => p.billing_date !== p.planned_billing_date,
  proratedDays: (p) => p.prorated_days,
  periodDays: (p) => p.period_days,
} satisfies BillingPeriodResolvers;

export const UsageRecord = {
  usageDate: (u) => u.usage_date,
  recordedBy: (u) => u.recorded_by,
  createdAt: (u) => u.created_at,
} satisfies UsageRecordResolvers;
