import { divideHalfUp, fromUnits, mustUnits, oneDecimal } from './decimal.ts';
import { actualOf, type ActualColumns, type ExpectationColumns, type IndicatorType } from './indicators.ts';

/**
 * Every actual value is compared with its expectation. The deviation is signed and in the indicator's own unit:
 * units for numbers, percentage points for percentages, days for dates; it is how far the value lies outside what was
 * expected (0 when met): below a minimum is negative, above a maximum positive, and for EQUALS simply actual −
 * expected. The relative deviation is that distance as a share of the bound it missed (null when the bound is 0).
 * Booleans and text either match or not: a mismatch has no size.
 */

export interface Evaluation {
  /** Null when there is nothing to compare: no actual value yet, or no expectation. */
  met: boolean | null;
  /** Signed, in the indicator's unit; null for booleans, text and anything not evaluated. */
  deviation: string | null;
  /** Percent of the bound missed, one decimal place; null when not applicable. */
  relative: string | null;
}

export type EvaluableResult = ExpectationColumns & ActualColumns & { data_type: IndicatorType };

const NOT_EVALUATED: Evaluation = { met: null, deviation: null, relative: null };
const DAY_MS = 86_400_000;

export function evaluate(result: EvaluableResult): Evaluation {
  const actual = actualOf(result);
  if (!actual || !result.comparison) return NOT_EVALUATED;
  switch (result.data_type) {
    case 'NUMBER':
    case 'PERCENTAGE': {
      if (result.actual_number === null || result.expected_number === null) return NOT_EVALUATED;
      const low = mustUnits(result.expected_number);
      const high = result.expected_number_max === null ? null : mustUnits(result.expected_number_max);
      const distance = outside(result.comparison, mustUnits(result.actual_number), low, high);
      if (!distance) return NOT_EVALUATED;
      return { met: distance.by === 0n, deviation: fromUnits(distance.by), relative: distance.bound === 0n ? null : oneDecimal(divideHalfUp(distance.by * 1000n, abs(distance.bound))) };
    }
    case 'DATE': {
      if (result.actual_date === null || result.expected_date === null) return NOT_EVALUATED;
      const day = (date: string) => BigInt(Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS));
      const distance = outside(result.comparison, day(result.actual_date), day(result.expected_date), result.expected_date_max === null ? null : day(result.expected_date_max));
      if (!distance) return NOT_EVALUATED;
      return { met: distance.by === 0n, deviation: distance.by.toString(), relative: null };
    }
    case 'BOOLEAN':
      if (result.actual_boolean === null || result.expected_boolean === null) return NOT_EVALUATED;
      return { met: result.actual_boolean === result.expected_boolean, deviation: null, relative: null };
    case 'TEXT':
      if (result.actual_text === null || result.expected_text === null) return NOT_EVALUATED;
      return { met: sameText(result.actual_text, result.expected_text), deviation: null, relative: null };
  }
}

/** Text answers match regardless of case and surrounding or repeated spaces. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
  return norm(a) === norm(b);
}

/** How far `value` lies outside the expectation, and the bound it is measured from; null when the bounds are incomplete. */
function outside(comparison: string, value: bigint, low: bigint, high: bigint | null): { by: bigint; bound: bigint } | null {
  switch (comparison) {
    case 'EQUALS':
      return { by: value - low, bound: low };
    case 'AT_LEAST':
      return { by: value < low ? value - low : 0n, bound: low };
    case 'AT_MOST':
      return { by: value > low ? value - low : 0n, bound: low };
    case 'BETWEEN':
      if (high === null) return null;
      if (value < low) return { by: value - low, bound: low };
      if (value > high) return { by: value - high, bound: high };
      return { by: 0n, bound: low };
    default:
      return null;
  }
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}
