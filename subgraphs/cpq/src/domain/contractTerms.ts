/**
 * Dates of contracts, subscriptions and entitlements. A term of N months starting on a day ends the day before the
 * same day N months later (12 months from 2026-03-01 end on 2027-02-28); month ends clamp (2026-01-31 + 1 month is
 * 2026-02-28). Every period includes both its first and its last day.
 */

/** `date` plus `months` calendar months, clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last day of a term of `months` starting on `start`. */
export function termEnd(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

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
