/**
 * Calendar arithmetic on `YYYY-MM-DD` dates, in UTC, with no time of day: billing works in whole days. A day of month
 * that a month does not have is clamped to its last day (the 31st bills on 30 April and on 28 or 29 February), and
 * every step is taken from the anchor, never from an already clamped date, so 31 January + 2 months is 31 March.
 */

const DAY_MS = 86_400_000;

/** Days in the month of `year` and `month` (1–12); February has 29 in leap years. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `day` of the month `months` after the month of `date` (negative: before), clamped to that month's last day. */
export function dayInMonthAfter(date: string, months: number, day: number): string {
  const { year, month } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Days in the period from `start` to `end`, both included. */
export function daysInclusive(start: string, end: string): number {
  return daysBetween(start, end) + 1;
}

/** The last day of a term of `months` months starting on `start` (12 months from 2026-03-15 end on 2027-03-14). */
export function termEnd(start: string, months: number): string {
  return addDays(dayInMonthAfter(start, months, parts(start).day), -1);
}
