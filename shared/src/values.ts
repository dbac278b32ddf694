import { badInput } from './errors.ts';

/**
 * Input value checks shared by every subgraph. Each returns the normalised value or throws a `BAD_USER_INPUT` error
 * naming the field, the value and the rule.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function dateValue(field: string, value: string): string {
  const match = DATE.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw badInput(field, value, 'must be a calendar date written YYYY-MM-DD');
  }
  return value;
}

/** An instant in ISO 8601 with a time zone (`Z` or an offset). */
export function dateTimeValue(field: string, value: string | Date): Date {
  if (value instanceof Date) return value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw badInput(field, value, 'must be an ISO 8601 date and time with a time zone, e.g. 2026-11-23T09:30:00Z');
  }
  return new Date(value);
}

/** An exact decimal written as a string, with at most `scale` decimal places, between `min` and `max`. */
export function decimalValue(field: string, value: string, options: { scale: number; min?: number; max?: number }): string {
  const pattern = new RegExp(`^-?\\d{1,16}(\\.\\d{1,${options.scale}})?$`);
  if (!pattern.test(value)) throw badInput(field, value, `must be a decimal number with at most ${options.scale} decimal places, e.g. "1299.50"`);
  const number = Number(value);
  if (options.min !== undefined && number < options.min) throw badInput(field, value, `must be at least ${options.min}`);
  if (options.max !== undefined && number > options.max) throw badInput(field, value, `must be at most ${options.max}`);
  return value;
}

/** Trimmed text that is not empty and not longer than `max` characters. */
export function requiredText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text === '') throw badInput(field, value, 'must not be empty');
  if (text.length > max) throw badInput(field, value, `must be at most ${max} characters`);
  return text;
}

/** Optional text: empty becomes null; otherwise trimmed and at most `max` characters. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return requiredText(field, value, max);
}

/** An e-mail address of the usual shape. */
export function emailValue(field: string, value: string | null | undefined): string | null | undefined {
  const text = optionalText(field, value, 254);
  if (text && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw badInput(field, value, 'must be an e-mail address like name@example.com');
  return text;
}

/** A whole number from `min` to `max`. */
export function intValue(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, value, `must be a whole number from ${min} to ${max}`);
  return value;
}

/** Today's date (UTC) as `YYYY-MM-DD`, plus `days`. */
export function isoDate(now: Date, days = 0): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
