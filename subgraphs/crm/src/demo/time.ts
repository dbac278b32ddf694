import type { Random } from './random.ts';

/** Time arithmetic on the generator's own clock: everything is derived from the reference date, never from now. */

const DAY_MS = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** A random instant in [from, to], on a whole minute; `from` itself when the range is empty. */
export function between(rng: Random, from: Date, to: Date): Date {
  if (to.getTime() <= from.getTime()) return new Date(from);
  const minutes = Math.floor((to.getTime() - from.getTime()) / 60_000);
  return addMinutes(from, rng.int(0, minutes));
}

/** A random day in [from, to] at a business hour (08:00 to 16:30 UTC, on the half hour): when test drives happen. */
export function businessHour(rng: Random, from: Date, to: Date): Date {
  const day = between(rng, from, to);
  const at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(8, 16), rng.pick([0, 30])));
  if (at < from) return new Date(from);
  if (at > to) return new Date(to);
  return at;
}

/** `YYYY-MM-DD`, the form `date` columns take and return. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
