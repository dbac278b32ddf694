import { parseScaled } from '@l2c/shared';
import type { HeaderMap } from './header.ts';

/**
 * Reading one CSV row's cells into typed values, collecting every problem of the row (not only the first), each
 * with the column, the value and the reason, so a dealer corrects a row once.
 */

export type RowErrorCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'INVALID_FORMAT'
  | 'INVALID_DATE'
  | 'INVALID_NUMBER'
  | 'INVALID_VALUE'
  | 'OUT_OF_RANGE'
  | 'WRONG_COLUMN_COUNT'
  | 'DUPLICATE_IN_FILE'
  | 'UNKNOWN_PROGRAM'
  | 'UNKNOWN_DEALER'
  | 'SELF_TRADE'
  | 'VIN_ALREADY_CLAIMED'
  | 'REPORT_LOCKED';

export interface RowError {
  column: string | null;
  value: string | null;
  code: RowErrorCode;
  message: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

const ID = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const CODE = /^[A-Z0-9][A-Z0-9._/-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the cells of one row through typed getters; `errors` holds what was wrong. */
export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    private readonly header: HeaderMap,
    private readonly cells: readonly string[],
  ) {}

  private raw(column: string): string {
    const at = this.header.get(column);
    return at === undefined ? '' : (this.cells[at] ?? '').trim();
  }

  private fail(column: string, value: string, code: RowErrorCode, message: string): null {
    this.errors.push({ column, value: value === '' ? null : value, code, message });
    return null;
  }

  /** Text, required or not, at most `max` characters. */
  text(column: string, options: { required: boolean; max: number }): string | null {
    const value = this.raw(column);
    if (value === '') return options.required ? this.fail(column, value, 'REQUIRED', 'is required') : null;
    if (value.length > options.max) return this.fail(column, value, 'TOO_LONG', `must be at most ${options.max} characters`);
    return value;
  }

  /** A row id: letters, digits and . _ / - . */
  id(column: string): string | null {
    const value = this.text(column, { required: true, max: 64 });
    if (value === null) return null;
    return ID.test(value) ? value : this.fail(column, value, 'INVALID_FORMAT', 'must be letters, digits and . _ / - (at most 64), starting with a letter or digit');
  }

  /** A product, program or dealer code, upper-cased. */
  code(column: string, required: boolean): string | null {
    const value = this.text(column, { required, max: 40 })?.toUpperCase() ?? null;
    if (value === null) return null;
    return CODE.test(value) ? value : this.fail(column, value, 'INVALID_FORMAT', 'must be letters, digits and . _ / - (at most 40)');
  }

  /** A calendar date written YYYY-MM-DD, not after `notAfter`. */
  date(column: string, options: { required: boolean; notAfter: string }): string | null {
    const value = this.raw(column);
    if (value === '') return options.required ? this.fail(column, value, 'REQUIRED', 'is required') : null;
    const parsed = DATE.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
      return this.fail(column, value, 'INVALID_DATE', 'must be a calendar date written YYYY-MM-DD, e.g. 2026-05-31');
    }
    if (value > options.notAfter) return this.fail(column, value, 'OUT_OF_RANGE', `must not be after today (${options.notAfter})`);
    return value;
  }

  /** Money: a point for decimals, at most 2 of them, no thousands separator; from `min` to `max`. */
  money(column: string, options: { min: number; max: number }): string | null {
    const value = this.raw(column);
    if (value === '') return this.fail(column, value, 'REQUIRED', 'is required');
    const units = /^\d{1,12}(\.\d{1,2})?$/.test(value) ? parseScaled(value, 2) : null;
    if (units === null) return this.fail(column, value, 'INVALID_NUMBER', 'must be an amount like 41200.00: digits, a point for decimals (at most 2), no thousands separator');
    if (units < BigInt(Math.round(options.min * 100)) || units > BigInt(Math.round(options.max * 100))) {
      return this.fail(column, value, 'OUT_OF_RANGE', `must be from ${options.min} to ${options.max}`);
    }
    return value;
  }

  /** A whole number from `min` to `max`. */
  integer(column: string, options: { min: number; max: number }): number | null {
    const value = this.raw(column);
    if (value === '') return this.fail(column, value, 'REQUIRED', 'is required');
    if (!/^-?\d{1,9}$/.test(value)) return this.fail(column, value, 'INVALID_NUMBER', 'must be a whole number');
    const number = Number(value);
    if (number < options.min || number > options.max) return this.fail(column, value, 'OUT_OF_RANGE', `must be from ${options.min} to ${options.max}`);
    return number;
  }

  /** One of `values`, case-insensitive. */
  oneOf<T extends string>(column: string, values: readonly T[]): T | null {
    const value = this.raw(column);
    if (value === '') return this.fail(column, value, 'REQUIRED', 'is required');
    const upper = value.toUpperCase().replace(/[\s-]+/g, '_');
    return (values as readonly string[]).includes(upper) ? (upper as T) : this.fail(column, value, 'INVALID_VALUE', `must be one of ${values.join(', ')}`);
  }

  /** A VIN: 17 letters and digits without I, O or Q. */
  vin(column: string, required: boolean): string | null {
    const value = this.raw(column).toUpperCase();
    if (value === '') return required ? this.fail(column, value, 'REQUIRED', 'is required') : null;
    return /^[A-HJ-NPR-Z0-9]{17}$/.test(value) ? value : this.fail(column, value, 'INVALID_FORMAT', 'must be a VIN: 17 letters and digits, without I, O or Q');
  }
}
