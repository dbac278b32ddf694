import { deviationUnit } from '../domain/events.ts';
import { actualOf, expectationText, valueOf, valueText, type ExpectationColumns, type IndicatorType, type IndicatorValue } from '../domain/indicators.ts';
import type { IndicatorResultRow } from '../store/rows.ts';

/** An expectation as the graph shows it: the indicator's type and the columns holding the bound(s). */
export interface ExpectationParent {
  type: IndicatorType;
  columns: ExpectationColumns;
}

/** The expectation of a definition or result, or null for open questions. */
export function expectationOf(type: IndicatorType, columns: ExpectationColumns): ExpectationParent | null {
  return columns.comparison ? { type, columns } : null;
}

export function expectedValue(parent: ExpectationParent): IndicatorValue {
  const c = parent.columns;
  return valueOf(parent.type, { number: c.expected_number, boolean: c.expected_boolean, text: c.expected_text, date: c.expected_date })!;
}

export function expectedMax(parent: ExpectationParent): IndicatorValue | null {
  const c = parent.columns;
  return valueOf(parent.type, { number: c.expected_number_max, boolean: null, text: null, date: c.expected_date_max });
}

export function expectationDescription(parent: ExpectationParent): string {
  return expectationText(parent.type, parent.columns) ?? '';
}

export type ResultStatus = 'MISSING' | 'RECORDED' | 'MET' | 'DEVIATION';

export function resultStatus(result: IndicatorResultRow): ResultStatus {
  if (actualOf(result) === null) return 'MISSING';
  if (result.met === null) return 'RECORDED';
  return result.met ? 'MET' : 'DEVIATION';
}

const UNIT_WORDS = { UNITS: '', PERCENTAGE_POINTS: ' percentage points', DAYS: ' days', MISMATCH: '' } as const;

/** `15 percentage points above the expectation (at most 10 %)`, or `false where the expectation is equals true`. */
export function deviationDescription(result: IndicatorResultRow): string {
  const expected = expectationText(result.data_type, result) ?? 'none';
  const actual = actualOf(result);
  const unit = deviationUnit(result.data_type);
  if (unit === 'MISMATCH' || result.deviation === null) return `${actual ? valueText(actual) : 'no value'} where the expectation is ${expected}`;
  const negative = result.deviation.startsWith('-');
  const size = negative ? result.deviation.slice(1) : result.deviation;
  const unitWord = unit === 'UNITS' && result.unit ? ` ${result.unit}` : UNIT_WORDS[unit];
  const [under, over] = unit === 'DAYS' ? ['before', 'after'] : ['below', 'above'];
  return `${size}${unitWord} ${negative ? under : over} the expectation (${expected})`;
}
