import type { Queryable, Store } from '@l2c/shared';
import { planPeriods } from '../domain/periods.ts';
import { termsFor, type BillingCycle, type ChargeType, type TermChoices } from '../domain/scheduleTerms.ts';
import { BillingEventType, entity, recordBillingEvents, type BillingEvent } from '../events.ts';
import type { PeriodRow, ScheduleRow } from '../store/rows.ts';
import { firstOrderOfContract, insertOrder, insertPeriods, insertSchedules, markEventConsumed, ordersByIds, schedulesOfOrder } from '../store/schedules.ts';
import { idSource, type BillingSettings } from './context.ts';

/**
 * An activated order becomes billing schedules, one per order item, with their periods planned. Applied once per
 * event (the event id is recorded in the same transaction) and once per order, so a redelivered or replayed event
 * changes nothing. An order of a contract that already has a billed order is an amendment: with alignment on, its
 * items follow the first order's billing cycle, so one invoice covers both.
 */

export interface ActivatedOrder {
  orderId: string;
  orderNumber: string;
  accountId: string;
  dealerId: string | null;
  opportunityId: string | null;
  quoteId: string | null;
  contractId: string | null;
  effectiveDate: string;
  totalAmount: string;
  activatedAt: string;
  items: ActivatedItem[];
}

export interface ActivatedItem {
  orderItemId: string;
  productId: string | null;
  productCode: string;
  productName: string;
  chargeType: ChargeType;
  quantity: number | string;
  unitPrice: string;
  totalPrice: string;
  startDate: string;
  /** Last day of a subscription's term; null for one-time charges. */
  endDate: string | null;
}

export interface BillOrderDeps {
  store: Store;
  settings: BillingSettings;
  newId?: () => string;
  /** Billing choices per order item id (tests and imports); default: the billing rule's defaults. */
  choices?: (item: ActivatedItem) => TermChoices;
}

export type BillOrderOutcome = { applied: true; schedules: ScheduleRow[] } | { applied: false; reason: 'EVENT_ALREADY_APPLIED' | 'ORDER_ALREADY_BILLED' };

export async function billActivatedOrder(deps: BillOrderDeps, eventId: string, order: ActivatedOrder): Promise<BillOrderOutcome> {
  return deps.store.transaction(async (tx) => {
    if (!(await markEventConsumed(tx, eventId, 'OrderActivated'))) return { applied: false, reason: 'EVENT_ALREADY_APPLIED' };
    if ((await ordersByIds(tx, { kind: 'all' }, [order.orderId])).length > 0) return { applied: false, reason: 'ORDER_ALREADY_BILLED' };
    return { applied: true, schedules: await writeSchedules(tx, deps, order) };
  });
}

async function writeSchedules(tx: Queryable, deps: BillOrderDeps, order: ActivatedOrder): Promise<ScheduleRow[]> {
  const newId = idSource(deps);
  const original = deps.settings.alignAmendments && order.contractId ? await firstOrderOfContract(tx, order.contractId) : null;
  const originalSchedules = original ? await schedulesOfOrder(tx, original.id) : [];
  const cycleSource = originalSchedules.find((s) => s.charge_type !== 'ONE_TIME') ?? originalSchedules[0] ?? null;
  const cycle: BillingCycle | null = cycleSource ? { frequency: cycleSource.frequency, billingDay: cycleSource.billing_day, anchor: cycleSource.anchor_date } : null;
  await insertOrder(tx, {
    id: order.orderId,
    number: order.orderNumber,
    account_id: order.accountId,
    dealer_id: order.dealerId,
    opportunity_id: order.opportunityId,
    quote_id: order.quoteId,
    contract_id: order.contractId,
    effective_date: order.effectiveDate,
    total_amount: order.totalAmount,
    activated_at: new Date(order.activatedAt),
    amends_order_id: original && cycle ? original.id : null,
  });
  const schedules: Omit<ScheduleRow, 'created_at' | 'updated_at' | 'on_hold' | 'hold_reason' | 'held_at' | 'held_by' | 'released_at' | 'status'>[] = [];
  const periods: Omit<PeriodRow, 'created_at' | 'updated_at' | 'status'>[] = [];
  for (const item of order.items) {
    const terms = termsFor({ chargeType: item.chargeType, startDate: item.startDate, endDate: item.endDate, totalAmount: item.chargeType === 'USAGE' ? '0.00' : item.totalPrice }, deps.choices?.(item) ?? {}, cycle);
    const id = newId();
    schedules.push({
      id,
      order_item_id: item.orderItemId,
      order_id: order.orderId,
      account_id: order.accountId,
      dealer_id: order.dealerId,
      opportunity_id: order.opportunityId,
      contract_id: order.contractId,
      product_id: item.productId,
      product_code: item.productCode,
      product_name: item.productName,
      charge_type: item.chargeType,
      frequency: terms.frequency,
      billing_day: terms.billingDay,
      anchor_date: terms.anchor,
      timing: terms.timing,
      partial_period_treatment: terms.partialPeriodTreatment,
      start_date: terms.startDate,
      end_date: terms.endDate,
      quantity: String(item.quantity),
      unit_price: item.unitPrice,
      total_amount: item.chargeType === 'USAGE' ? '0.00' : item.totalPrice,
      currency: deps.settings.currency,
      aligned_to_id: cycle && cycleSource && terms.anchor === cycle.anchor && terms.billingDay === cycle.billingDay ? cycleSource.id : null,
    });
    for (const period of planPeriods(terms)) periods.push(periodRow(id, period, item.chargeType));
  }
  await insertSchedules(tx, schedules);
  await insertPeriods(tx, periods);
  const events: BillingEvent[] = schedules.map((s) => ({
    type: BillingEventType.BillingScheduleCreated,
    entity: entity('BillingSchedule', s.id),
    dealerIds: [s.dealer_id],
    changes: { orderId: s.order_id, orderItemId: s.order_item_id, accountId: s.account_id, frequency: s.frequency, billingDayOfMonth: s.billing_day, startDate: s.start_date, endDate: s.end_date, totalAmount: s.total_amount, currency: s.currency, alignedToScheduleId: s.aligned_to_id },
  }));
  await recordBillingEvents(tx, events);
  return schedulesOfOrder(tx, order.orderId);
}

export function periodRow(scheduleId: string, period: ReturnType<typeof planPeriods>[number], chargeType: ChargeType): Omit<PeriodRow, 'created_at' | 'updated_at' | 'status'> {
  return {
    id: `${scheduleId}:${period.index}`,
    schedule_id: scheduleId,
    period_index: period.index,
    start_date: period.startDate,
    end_date: period.endDate,
    billing_date: period.billingDate,
    planned_billing_date: period.billingDate,
    amount: chargeType === 'USAGE' ? null : period.amount,
    prorated_days: period.proration?.days ?? null,
    period_days: period.proration?.periodDays ?? null,
  };
}
