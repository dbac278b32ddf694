import { badInput, intValue } from '@l2c/shared';
import { parts } from './calendar.ts';
import { BILLING_FREQUENCIES, firstCycleDateFrom, type BillingFrequency, type BillingTiming, type PartialPeriodTreatment, type ScheduleTerms } from './periods.ts';

/**
 * How an activated order item is billed when nobody says otherwise (Salesforce Billing's billing rule and treatment
 * defaults): a recurring charge monthly in advance, a usage charge monthly in arrears, a one-time charge once; the
 * billing day is the day the item starts (its activation), and a partial first period is billed on its own.
 *
 * Amendments align: an item of an order amending a contract that is already billed takes the original's billing day,
 * frequency and cycle, so its periods end where the original's do and one invoice covers both.
 */

export const CHARGE_TYPES = ['ONE_TIME', 'RECURRING', 'USAGE'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

export interface BillableItem {
  chargeType: ChargeType;
  startDate: string;
  endDate: string | null;
  totalAmount: string;
}

/** The cycle a contract's first billed order set: what amendments align to. */
export interface BillingCycle {
  frequency: BillingFrequency;
  billingDay: number;
  anchor: string;
}

export interface TermChoices {
  frequency?: BillingFrequency | null;
  billingDay?: number | null;
  timing?: BillingTiming | null;
  partialPeriodTreatment?: PartialPeriodTreatment | null;
}

/** The terms an item is billed on: the choices given, else the original's cycle (amendments), else the defaults. */
export function termsFor(item: BillableItem, choices: TermChoices = {}, original: BillingCycle | null = null): ScheduleTerms {
  const recurring = item.chargeType !== 'ONE_TIME';
  const frequency = choices.frequency ?? (recurring ? (original && original.frequency !== 'ONE_TIME' ? original.frequency : 'MONTHLY') : 'ONE_TIME');
  if (recurring && frequency === 'ONE_TIME' && item.endDate === null) throw badInput('frequency', frequency, 'a recurring charge without an end date cannot be billed once');
  if (!(BILLING_FREQUENCIES as readonly string[]).includes(frequency)) throw badInput('frequency', frequency, `must be one of ${BILLING_FREQUENCIES.join(', ')}`);
  const billingDay = intValue('billingDayOfMonth', choices.billingDay ?? original?.billingDay ?? parts(item.startDate).day, 1, 31);
  const aligned = original !== null && original.billingDay === billingDay && original.frequency === frequency;
  return {
    frequency,
    billingDay,
    anchor: aligned ? original.anchor : firstCycleDateFrom(billingDay, item.startDate),
    startDate: item.startDate,
    endDate: item.endDate,
    totalAmount: item.totalAmount,
    timing: choices.timing ?? (item.chargeType === 'USAGE' ? 'ARREARS' : 'ADVANCE'),
    partialPeriodTreatment: choices.partialPeriodTreatment ?? 'SEPARATE',
  };
}
