import { apportion } from './apportion.ts';
import { addDays, dayInMonthAfter, daysInclusive, parts } from './calendar.ts';
import { add, fraction, ONE, type Fraction } from './rational.ts';

/**
 * The billing periods of a schedule, and what each one bills. Periods follow a billing cycle: the billing day of the
 * month (1–31, clamped to shorter months) every 1, 3, 6 or 12 months, counted from an anchor date on that cycle.
 * A term that starts or ends between two cycle dates has a partial first or last period, prorated by its days over
 * the days of the full period it is part of (actual days: leap years count 29 February). The term's total is then
 * split over the periods in proportion to their weights (`apportion`), so the periods always add up to the total to
 * the cent, however the term falls on the calendar.
 */

export const BILLING_FREQUENCIES = ['MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'ONE_TIME'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];
/** In advance: a period is billed on its first day. In arrears: on the day after its last. */
export type BillingTiming = 'ADVANCE' | 'ARREARS';
/** Salesforce Billing's partial period treatment: a partial first period billed on its own, or with the first full one. */
export type PartialPeriodTreatment = 'SEPARATE' | 'COMBINE';

/** Months in one period of each recurring frequency. */
export const MONTHS_PER_PERIOD: Record<Exclude<BillingFrequency, 'ONE_TIME'>, number> = { MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12 };

export interface ScheduleTerms {
  frequency: BillingFrequency;
  /** Day of the month the cycle falls on, 1–31. */
  billingDay: number;
  /** A date of the cycle (on the billing day, clamped): periods begin on this date ± whole periods. */
  anchor: string;
  startDate: string;
  /** Last day of the term, included. One-time charges may leave it null (a single period on the start date). */
  endDate: string | null;
  /** What the whole term bills, exact decimal text; negative for a downgrade (a credit). */
  totalAmount: string;
  timing: BillingTiming;
  partialPeriodTreatment: PartialPeriodTreatment;
}

export interface PlannedPeriod {
  /** 0 for the first period of the term. */
  index: number;
  startDate: string;
  endDate: string;
  /**
   * The day the period becomes due for an invoice run (before any override): the first cycle date on or after its
   * first day (in advance) or the day after its last (in arrears). A full period in advance is due on its first day;
   * a partial one waits for the next cycle date, so an amendment that starts mid-cycle is billed with the original.
   */
  billingDate: string;
  amount: string;
  /** Days billed over days of the full period; `null` for a full period. */
  proration: { days: number; periodDays: number } | null;
}

interface Slice {
  startDate: string;
  endDate: string;
  weight: Fraction;
  proration: { days: number; periodDays: number } | null;
}

/** Every period of the term, in order, with its amount. */
export function planPeriods(terms: ScheduleTerms): PlannedPeriod[] {
  if (terms.endDate !== null && terms.endDate < terms.startDate) throw new RangeError(`the term ends (${terms.endDate}) before it starts (${terms.startDate})`);
  const slices = terms.frequency === 'ONE_TIME' ? [{ startDate: terms.startDate, endDate: terms.endDate ?? terms.startDate, weight: ONE, proration: null }] : cycleSlices(terms);
  const merged = terms.partialPeriodTreatment === 'COMBINE' ? combineFirstPartial(slices) : slices;
  const amounts = apportion(terms.totalAmount, merged.map((s) => s.weight));
  return merged.map((slice, index) => ({
    index,
    startDate: slice.startDate,
    endDate: slice.endDate,
    billingDate: onCycle(terms, terms.timing === 'ADVANCE' ? slice.startDate : addDays(slice.endDate, 1)),
    amount: amounts[index]!,
    proration: slice.proration,
  }));
}

/** The cycle date `k` periods from the anchor. */
export function cycleDate(terms: Pick<ScheduleTerms, 'anchor' | 'billingDay' | 'frequency'>, k: number): string {
  return dayInMonthAfter(terms.anchor, k * monthsPerPeriod(terms.frequency), terms.billingDay);
}

/** The index `k` of the last cycle date on or before `date`. */
export function cycleIndexOf(terms: Pick<ScheduleTerms, 'anchor' | 'billingDay' | 'frequency'>, date: string): number {
  const step = monthsPerPeriod(terms.frequency);
  const a = parts(terms.anchor);
  const d = parts(date);
  let k = Math.floor((d.year * 12 + d.month - (a.year * 12 + a.month)) / step);
  while (cycleDate(terms, k) > date) k--;
  while (cycleDate(terms, k + 1) <= date) k++;
  return k;
}

/** The first date of the cycle on or after `date`: where a term starting on `date` would anchor its billing. */
export function firstCycleDateFrom(billingDay: number, date: string): string {
  const same = dayInMonthAfter(date, 0, billingDay);
  return same >= date ? same : dayInMonthAfter(date, 1, billingDay);
}

/** The first cycle date on or after `date`. */
export function onCycle(terms: Pick<ScheduleTerms, 'anchor' | 'billingDay' | 'frequency'>, date: string): string {
  if (terms.frequency === 'ONE_TIME') return firstCycleDateFrom(terms.billingDay, date);
  const k = cycleIndexOf(terms, date);
  const at = cycleDate(terms, k);
  return at === date ? at : cycleDate(terms, k + 1);
}

function monthsPerPeriod(frequency: BillingFrequency): number {
  if (frequency === 'ONE_TIME') throw new RangeError('a one-time charge has no billing cycle');
  return MONTHS_PER_PERIOD[frequency];
}

function cycleSlices(terms: ScheduleTerms): Slice[] {
  if (terms.endDate === null) throw new RangeError(`a ${terms.frequency.toLowerCase()} schedule needs an end date`);
  const slices: Slice[] = [];
  let k = cycleIndexOf(terms, terms.startDate);
  for (;;) {
    const cycleStart = cycleDate(terms, k);
    const cycleEnd = addDays(cycleDate(terms, k + 1), -1);
    if (cycleStart > terms.endDate) break;
    const startDate = cycleStart < terms.startDate ? terms.startDate : cycleStart;
    const endDate = cycleEnd > terms.endDate ? terms.endDate : cycleEnd;
    const days = daysInclusive(startDate, endDate);
    const periodDays = daysInclusive(cycleStart, cycleEnd);
    const full = days === periodDays;
    slices.push({ startDate, endDate, weight: full ? ONE : fraction(days, periodDays), proration: full ? null : { days, periodDays } });
    k++;
  }
  return slices;
}

/** COMBINE: a partial first period is billed together with the period after it, as one line. */
function combineFirstPartial(slices: Slice[]): Slice[] {
  const [first, second, ...rest] = slices;
  if (!first || !second || first.proration === null) return slices;
  return [{ startDate: first.startDate, endDate: second.endDate, weight: add(first.weight, second.weight), proration: first.proration }, ...rest];
}
