import { badInput, dateValue, DomainError, ErrorCode } from '@l2c/shared';
import { toUnits, fromUnits, VALUE_SCALE } from './decimal.ts';
import { VALUE_FIELD, type IndicatorType, type IndicatorValue, type ValueField } from './indicators.ts';

/**
 * Values as clients send them: an input with one field per value type (`number`, `boolean`, `text`, `date`), of which
 * exactly the one matching the indicator's type is given. A value that does not fit is refused with the field, the
 * indicator (question and key), the type it takes and what was received.
 */

export interface ValueInput {
  number?: string | null;
  boolean?: boolean | null;
  text?: string | null;
  date?: string | null;
}

/** What an error message says about the indicator a value is for. */
export interface IndicatorLabel {
  key: string;
  question: string;
  data_type: IndicatorType;
}

const FIELDS: readonly ValueField[] = ['number', 'boolean', 'text', 'date'];
/** Longest text value. */
export const MAX_TEXT = 2000;
/** Largest number an indicator takes (whole digits are capped so sums and averages stay exact and readable). */
const MAX_WHOLE_DIGITS = 12;

/** Checks one value against its indicator; `field` is the input's path (`values[2]`). Throws BAD_USER_INPUT. */
export function parseValue(field: string, indicator: IndicatorLabel, input: ValueInput): IndicatorValue {
  const given = FIELDS.filter((name) => input[name] !== undefined && input[name] !== null);
  const wanted = VALUE_FIELD[indicator.data_type];
  const about = describeIndicator(indicator);
  if (given.length === 0) throw badInput(field, input, `${about} needs a value: give it as ${wanted}${typeHint(indicator.data_type)}`);
  if (given.length > 1) throw badInput(field, input, `give exactly one of number, boolean, text or date; ${about} takes ${wanted}`);
  const name = given[0]!;
  if (name !== wanted) {
    throw badInput(`${field}.${name}`, input[name], `${about} takes a ${indicator.data_type} value: give it as ${wanted}${typeHint(indicator.data_type)}, not as ${name}`);
  }
  return typedValue(`${field}.${name}`, indicator, input[name] as string | boolean);
}

/** Checks a value given in the field its type takes (an expectation's bound, a value from another source). */
export function typedValue(field: string, indicator: IndicatorLabel, raw: string | boolean): IndicatorValue {
  const about = describeIndicator(indicator);
  switch (indicator.data_type) {
    case 'NUMBER':
    case 'PERCENTAGE': {
      const number = decimalText(field, raw, about, indicator.data_type);
      return { type: indicator.data_type, number };
    }
    case 'BOOLEAN':
      if (typeof raw !== 'boolean') throw badInput(field, raw, `${about} takes true or false`);
      return { type: 'BOOLEAN', boolean: raw };
    case 'TEXT': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') throw badInput(field, raw, `${about} takes text, which must not be empty`);
      if (text.length > MAX_TEXT) throw badInput(field, raw, `${about} takes text of at most ${MAX_TEXT} characters`);
      return { type: 'TEXT', text };
    }
    case 'DATE':
      if (typeof raw !== 'string') throw badInput(field, raw, `${about} takes a date written YYYY-MM-DD`);
      try {
        return { type: 'DATE', date: dateValue(field, raw) };
      } catch {
        throw badInput(field, raw, `${about} takes a calendar date written YYYY-MM-DD`);
      }
  }
}

/** `indicator "Agents trained" (agents-trained, NUMBER)`. */
export function describeIndicator(indicator: IndicatorLabel): string {
  return `indicator ${JSON.stringify(indicator.question)} (${indicator.key}, ${indicator.data_type})`;
}

/** Several bad values at once: one BAD_USER_INPUT naming each. */
export function combinedBadInput(errors: readonly DomainError[]): DomainError {
  const first = errors[0]!;
  if (errors.length === 1) return first;
  const message = `${errors.length} values were refused: ${errors.map((e) => e.message).join('; ')}`;
  return new DomainError(ErrorCode.BadUserInput, message, { ...first.details, problems: errors.map((e) => ({ field: e.details['field'], message: e.message })) });
}

function decimalText(field: string, raw: string | boolean, about: string, type: 'NUMBER' | 'PERCENTAGE'): string {
  const units = typeof raw === 'string' ? toUnits(raw) : null;
  const whole = typeof raw === 'string' ? raw.trim().replace(/^-/, '').split('.')[0]!.replace(/^0+(?=\d)/, '') : '';
  if (units === null || whole.length > MAX_WHOLE_DIGITS) {
    throw badInput(field, raw, `${about} takes a decimal number written as a string with at most ${VALUE_SCALE} decimal places, e.g. "12.5"`);
  }
  if (type === 'PERCENTAGE' && (units < 0n || units > 100n * 10n ** BigInt(VALUE_SCALE))) throw badInput(field, raw, `${about} takes a percentage from 0 to 100`);
  return fromUnits(units);
}

function typeHint(type: IndicatorType): string {
  return type === 'PERCENTAGE' ? ' (a decimal from 0 to 100)' : type === 'NUMBER' ? ' (a decimal written as a string)' : type === 'DATE' ? ' (YYYY-MM-DD)' : '';
}
