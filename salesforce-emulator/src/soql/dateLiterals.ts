/**
 * SOQL date literals (`TODAY`, `LAST_N_DAYS:7`, `THIS_QUARTER`…) as half-open ranges of time, following the table in
 * Salesforce's "Date Formats and Date Literals in WHERE". The emulator's org runs in UTC with a week that starts on
 * Sunday (the en_US locale) and a fiscal year that starts in January (Salesforce's default), so fiscal literals equal
 * their calendar twins.
 */

/** `[start, end)` in epoch milliseconds. */
export interface DateRange {
  start: number;
  end: number;
}

type Unit = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

const DAY_MS = 86_400_000;

/** The range a literal denotes at `now`; undefined for a name that is not a date literal. `n` is the `:n` argument. */
export function dateLiteralRange(literal: string, n: number | undefined, now: Date): DateRange | undefined {
  const name = literal.toUpperCase().split(':')[0]!;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  switch (name) {
    case 'YESTERDAY':
      return { start: today - DAY_MS, end: today };
    case 'TODAY':
      return { start: today, end: today + DAY_MS };
    case 'TOMORROW':
      return { start: today + DAY_MS, end: today + 2 * DAY_MS };
    case 'LAST_90_DAYS':
      return lastNDays(today, 90);
    case 'NEXT_90_DAYS':
      return nextN(today, 'DAY', 90);
    case 'LAST_N_DAYS':
      return lastNDays(today, n ?? 0);
  }
  const relative = /^(LAST|THIS|NEXT)_(FISCAL_)?(WEEK|MONTH|QUARTER|YEAR)$/.exec(name);
  if (relative) {
    const unit = relative[3] as Unit;
    const start = startOf(today, unit);
    const shift = relative[1] === 'LAST' ? -1 : relative[1] === 'NEXT' ? 1 : 0;
    return { start: add(start, unit, shift), end: add(start, unit, shift + 1) };
  }
  const counted = /^(?:(LAST|NEXT)_N_(FISCAL_)?(DAY|WEEK|MONTH|QUARTER|YEAR)S|N_(FISCAL_)?(DAY|WEEK|MONTH|QUARTER|YEAR)S_AGO)$/.exec(name);
  if (counted) {
    const count = n ?? 0;
    if (counted[1]) {
      const unit = counted[3] as Unit;
      return counted[1] === 'LAST' ? { start: add(startOf(today, unit), unit, -count), end: startOf(today, unit) } : nextN(today, unit, count);
    }
    const unit = counted[5] as Unit;
    const start = add(startOf(today, unit), unit, -count);
    return { start, end: add(start, unit, 1) };
  }
  return undefined;
}

/** LAST_N_DAYS:n "includes the current day, not just previous days", so LAST_N_DAYS:1 is yesterday and today. */
function lastNDays(today: number, n: number): DateRange {
  return { start: today - n * DAY_MS, end: today + DAY_MS };
}

/** NEXT_N_x:n starts at the next x (tomorrow, next week…) and lasts n of them. */
function nextN(today: number, unit: Unit, n: number): DateRange {
  const next = add(startOf(today, unit), unit, 1);
  return { start: next, end: add(next, unit, n) };
}

function startOf(day: number, unit: Unit): number {
  const date = new Date(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (unit) {
    case 'DAY':
      return day;
    case 'WEEK':
      return day - date.getUTCDay() * DAY_MS;
    case 'MONTH':
      return Date.UTC(year, month, 1);
    case 'QUARTER':
      return Date.UTC(year, month - (month % 3), 1);
    case 'YEAR':
      return Date.UTC(year, 0, 1);
  }
}

function add(start: number, unit: Unit, count: number): number {
  if (unit === 'DAY') return start + count * DAY_MS;
  if (unit === 'WEEK') return start + count * 7 * DAY_MS;
  const date = new Date(start);
  const months = unit === 'MONTH' ? count : unit === 'QUARTER' ? count * 3 : count * 12;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}
