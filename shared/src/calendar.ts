/**
 * Calendar arithmetic on `YYYY-MM-DD` dates (UTC, no time of day). A term of N months starting on a day ends the day
 * before the same day N months later (12 months from 2026-03-01 end on 2027-02-28); month ends clamp (2026-01-31 + 1
 * month is 2026-02-28). Every period includes both its first and its last day.
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

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
