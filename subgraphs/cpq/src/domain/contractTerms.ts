/**
 * Dates of contracts, subscriptions and entitlements. A term of N months starting on a day ends the day before the
 * same day N months later (12 months from 2026-03-01 end on 2027-02-28); month ends clamp (2026-01-31 + 1 month is
 * 2026-02-28). Every period includes both its first and its last day.
 */
import { termEnd } from '@l2c/shared';

/** The calendar arithmetic is the shared one (`@l2c/shared` calendar.ts). */
export { addDays, addMonths, termEnd } from '@l2c/shared';

export interface Period {
  startDate: string;
  endDate: string | null;
}

/** Whether `day` falls within the period (an open end never ends). */
export function isActiveOn(period: Period, day: string): boolean {
  return period.startDate <= day && (period.endDate === null || day <= period.endDate);
}

/** The smallest period covering all the given ones. */
export function spanning(periods: readonly Period[]): Period {
  const starts = periods.map((p) => p.startDate).sort();
  const ends = periods.map((p) => p.endDate);
  return {
    startDate: starts[0]!,
    endDate: ends.includes(null) ? null : (ends as string[]).sort().at(-1)!,
  };
}

/** Months from one date to another, rounded up: the term a contract spanning both covers. */
export function monthsBetween(start: string, end: string): number {
  let months = 0;
  while (termEnd(start, months) < end) months++;
  return months;
}
