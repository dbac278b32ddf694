import { badInput, conflict, dateValue, decimalValue, notFound, optionalText, requiredText, type Queryable } from '@l2c/shared';
import { planPeriods } from '../domain/periods.ts';
import { termsFor, type TermChoices } from '../domain/scheduleTerms.ts';
import { BillingEventType, entity, recordBillingEvents } from '../events.ts';
import type { ScheduleRow, UsageRow } from '../store/rows.ts';
import { deletePendingPeriods, insertPeriods, insertUsage, periodsByScheduleIds, schedulesByIds, updatePeriodRow, updateScheduleRow } from '../store/schedules.ts';
import { periodRow } from './billOrder.ts';
import { assertFinance, clock, idSource, type CommandContext } from './context.ts';

/**
 * What finance changes on a schedule: holds, the next billing date, the billing terms before anything is billed, and
 * usage. Each change is one transaction with its event; the schedule is locked while it changes.
 */

/** Stops a schedule from being invoiced until the hold is released; what falls due meanwhile waits, nothing is lost. */
export async function placeBillingHold(ctx: CommandContext, id: string, reason: string): Promise<ScheduleRow> {
  assertFinance(ctx, 'placeBillingHold');
  const why = requiredText('reason', reason, 500);
  return ctx.store.transaction(async (tx) => {
    const schedule = await lockSchedule(tx, ctx, id);
    if (schedule.on_hold) throw conflict(`billing schedule ${id} is already on hold (${schedule.hold_reason})`, { rule: 'ALREADY_ON_HOLD' });
    if (schedule.status !== 'ACTIVE') throw conflict(`billing schedule ${id} is ${schedule.status}; only an active schedule is held`, { rule: 'SCHEDULE_NOT_ACTIVE' });
    const held = (await updateScheduleRow(tx, id, { on_hold: true, hold_reason: why, held_at: clock(ctx), held_by: ctx.identity.subject, released_at: null }))!;
    await recordBillingEvents(tx, [{ type: BillingEventType.BillingHoldPlaced, entity: entity('BillingSchedule', id), dealerIds: [held.dealer_id], changes: { orderId: held.order_id, reason: why } }]);
    return held;
  });
}

/** Lifts a hold: the next invoice run bills every period that fell due meanwhile, each once. */
export async function releaseBillingHold(ctx: CommandContext, id: string): Promise<ScheduleRow> {
  assertFinance(ctx, 'releaseBillingHold');
  return ctx.store.transaction(async (tx) => {
    const schedule = await lockSchedule(tx, ctx, id);
    if (!schedule.on_hold) throw conflict(`billing schedule ${id} is not on hold`, { rule: 'NOT_ON_HOLD' });
    const released = (await updateScheduleRow(tx, id, { on_hold: false, hold_reason: null, released_at: clock(ctx) }))!;
    await recordBillingEvents(tx, [{ type: BillingEventType.BillingHoldReleased, entity: entity('BillingSchedule', id), dealerIds: [released.dealer_id], changes: { orderId: released.order_id, heldSince: schedule.held_at?.toISOString() ?? null, reason: schedule.hold_reason } }]);
    return released;
  });
}

/**
 * Moves the next period to be billed to another billing date (Salesforce Billing's Override Next Billing Date): that
 * period alone moves, its service dates and amount do not, and the periods after it keep their dates. `null` puts it
 * back on its planned date. The new date may not pass the following period's billing date (that would move two).
 */
export async function overrideNextBillingDate(ctx: CommandContext, id: string, date: string | null): Promise<ScheduleRow> {
  assertFinance(ctx, 'overrideNextBillingDate');
  const target = date === null ? null : dateValue('date', date);
  return ctx.store.transaction(async (tx) => {
    const schedule = await lockSchedule(tx, ctx, id);
    const pending = (await periodsByScheduleIds(tx, [id], true)).filter((p) => p.status === 'PENDING');
    const [next, following] = pending;
    if (!next) throw conflict(`billing schedule ${id} has no period left to bill`, { rule: 'NOTHING_LEFT_TO_BILL' });
    const moved = target ?? next.planned_billing_date;
    if (following && moved > following.billing_date) throw badInput('date', date, `must not be after the following period's billing date ${following.billing_date} (only the next period moves)`);
    await updatePeriodRow(tx, next.id, { billing_date: moved });
    await updateScheduleRow(tx, id, {});
    await recordBillingEvents(tx, [{ type: BillingEventType.BillingScheduleChanged, entity: entity('BillingSchedule', id), dealerIds: [schedule.dealer_id], changes: { nextBillingDate: { from: next.billing_date, to: moved }, periodStart: next.start_date } }]);
    return (await schedulesByIds(tx, ctx.scope, [id]))[0]!;
  });
}

/** Changes how a schedule bills (frequency, billing day, timing, partial periods) while none of it has been invoiced. */
export async function updateBillingTerms(ctx: CommandContext, id: string, choices: TermChoices): Promise<ScheduleRow> {
  assertFinance(ctx, 'updateBillingSchedule');
  return ctx.store.transaction(async (tx) => {
    const schedule = await lockSchedule(tx, ctx, id);
    const [billed] = await tx.query<{ n: number }>('select count(*)::int as n from invoice_lines where schedule_id = $1', [id]);
    if ((billed?.n ?? 0) > 0) throw conflict(`billing schedule ${id} has been invoiced; its terms no longer change`, { rule: 'SCHEDULE_INVOICED' });
    const terms = termsFor(
      { chargeType: schedule.charge_type, startDate: schedule.start_date, endDate: schedule.end_date, totalAmount: schedule.total_amount },
      {
        frequency: choices.frequency ?? schedule.frequency,
        billingDay: choices.billingDay ?? schedule.billing_day,
        timing: choices.timing ?? schedule.timing,
        partialPeriodTreatment: choices.partialPeriodTreatment ?? schedule.partial_period_treatment,
      },
      schedule.aligned_to_id && choices.billingDay == null && choices.frequency == null ? { frequency: schedule.frequency, billingDay: schedule.billing_day, anchor: schedule.anchor_date } : null,
    );
    await deletePendingPeriods(tx, id);
    await insertPeriods(tx, planPeriods(terms).map((p) => periodRow(id, p, schedule.charge_type)));
    const aligned = terms.anchor === schedule.anchor_date && terms.billingDay === schedule.billing_day && terms.frequency === schedule.frequency;
    const updated = (await updateScheduleRow(tx, id, { frequency: terms.frequency, billing_day: terms.billingDay, anchor_date: terms.anchor, timing: terms.timing, partial_period_treatment: terms.partialPeriodTreatment, aligned_to_id: aligned ? schedule.aligned_to_id : null }))!;
    await recordBillingEvents(tx, [
      { type: BillingEventType.BillingScheduleChanged, entity: entity('BillingSchedule', id), dealerIds: [schedule.dealer_id], changes: changesOf(schedule, updated, ['frequency', 'billing_day', 'timing', 'partial_period_treatment']) },
    ]);
    return updated;
  });
}

/** Records usage of a usage charge on a day of its term; billed in arrears with the period it falls in. */
export async function recordUsage(ctx: CommandContext, scheduleId: string, input: { usageDate: string; quantity: string }): Promise<UsageRow> {
  assertFinance(ctx, 'recordUsage');
  const day = dateValue('usageDate', input.usageDate);
  const quantity = decimalValue('quantity', input.quantity, { scale: 4, min: 0 });
  return ctx.store.transaction(async (tx) => {
    const schedule = await lockSchedule(tx, ctx, scheduleId, 'scheduleId');
    if (schedule.charge_type !== 'USAGE') throw badInput('scheduleId', scheduleId, `must be a usage charge (this one is ${schedule.charge_type})`);
    const period = (await periodsByScheduleIds(tx, [scheduleId])).find((p) => p.start_date <= day && day <= p.end_date);
    if (!period) throw badInput('usageDate', day, `must fall within the term ${schedule.start_date} to ${schedule.end_date ?? 'open'}`);
    if (period.status !== 'PENDING') throw conflict(`usageDate: the period ${period.start_date} to ${period.end_date} has been invoiced; usage in it can no longer be recorded`, { rule: 'PERIOD_INVOICED', field: 'usageDate' });
    return insertUsage(tx, { id: idSource(ctx)(), schedule_id: scheduleId, usage_date: day, quantity, recorded_by: optionalText('recordedBy', ctx.identity.subject, 200) ?? null });
  });
}

async function lockSchedule(tx: Queryable, ctx: CommandContext, id: string, field = 'id'): Promise<ScheduleRow> {
  const [schedule] = await schedulesByIds(tx, ctx.scope, [id], true);
  if (!schedule) throw notFound('BillingSchedule', id, field);
  return schedule;
}

function changesOf(before: ScheduleRow, after: ScheduleRow, columns: (keyof ScheduleRow)[]): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const column of columns) if (before[column] !== after[column]) changes[String(column)] = { from: before[column], to: after[column] };
  return changes;
}
