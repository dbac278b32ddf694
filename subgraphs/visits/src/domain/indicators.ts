/**
 * Assessment indicators: the five value types, the comparisons an expectation can make, and values as they sit in
 * the typed columns of a definition or a result (one column per type, the way Salesforce keeps them too).
 */

export const INDICATOR_TYPES = ['NUMBER', 'PERCENTAGE', 'BOOLEAN', 'TEXT', 'DATE'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const COMPARISONS = ['EQUALS', 'AT_LEAST', 'AT_MOST', 'BETWEEN'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** The input field (and column) a type's values travel in. */
export type ValueField = 'number' | 'boolean' | 'text' | 'date';

export const VALUE_FIELD: Record<IndicatorType, ValueField> = {
  NUMBER: 'number',
  PERCENTAGE: 'number',
  BOOLEAN: 'boolean',
  TEXT: 'text',
  DATE: 'date',
};

/** Comparisons each type allows: an order exists for numbers and dates only. */
export const COMPARISONS_BY_TYPE: Record<IndicatorType, readonly Comparison[]> = {
  NUMBER: COMPARISONS,
  PERCENTAGE: COMPARISONS,
  DATE: COMPARISONS,
  BOOLEAN: ['EQUALS'],
  TEXT: ['EQUALS'],
};

/** One value of an indicator: decimal text, a boolean, text or a `YYYY-MM-DD` date, by type. */
export type IndicatorValue =
  | { type: 'NUMBER' | 'PERCENTAGE'; number: string }
  | { type: 'BOOLEAN'; boolean: boolean }
  | { type: 'TEXT'; text: string }
  | { type: 'DATE'; date: string };

/** The typed columns of a value (`actual_*` or `expected_*`). */
export interface ValueColumns {
  number: string | null;
  boolean: boolean | null;
  text: string | null;
  date: string | null;
}

/** An expectation as a definition or result holds it. */
export interface ExpectationColumns {
  comparison: Comparison | null;
  expected_number: string | null;
  expected_number_max: string | null;
  expected_boolean: boolean | null;
  expected_text: string | null;
  expected_date: string | null;
  expected_date_max: string | null;
}

export interface ActualColumns {
  actual_number: string | null;
  actual_boolean: boolean | null;
  actual_text: string | null;
  actual_date: string | null;
}

export const NO_EXPECTATION: ExpectationColumns = {
  comparison: null,
  expected_number: null,
  expected_number_max: null,
  expected_boolean: null,
  expected_text: null,
  expected_date: null,
  expected_date_max: null,
};

/** Just the expectation columns of a definition or result (to copy an expectation from one to the other). */
export function expectationColumns(row: ExpectationColumns): ExpectationColumns {
  const { comparison, expected_number, expected_number_max, expected_boolean, expected_text, expected_date, expected_date_max } = row;
  return { comparison, expected_number, expected_number_max, expected_boolean, expected_text, expected_date, expected_date_max };
}

/** The value in the column of `type`, or null when that column is empty. */
export function valueOf(type: IndicatorType, columns: ValueColumns): IndicatorValue | null {
  switch (type) {
    case 'NUMBER':
    case 'PERCENTAGE':
      return columns.number === null ? null : { type, number: columns.number };
    case 'BOOLEAN':
      return columns.boolean === null ? null : { type, boolean: columns.boolean };
    case 'TEXT':
      return columns.text === null ? null : { type, text: columns.text };
    case 'DATE':
      return columns.date === null ? null : { type, date: columns.date };
  }
}

/** The actual value of a result, or null while none is recorded. */
export function actualOf(row: ActualColumns & { data_type: IndicatorType }): IndicatorValue | null {
  return valueOf(row.data_type, { number: row.actual_number, boolean: row.actual_boolean, text: row.actual_text, date: row.actual_date });
}

/** The `actual_*` columns holding `value` (the others null), or all null to clear. */
export function actualColumns(value: IndicatorValue | null): ActualColumns {
  return {
    actual_number: value && 'number' in value ? value.number : null,
    actual_boolean: value && 'boolean' in value ? value.boolean : null,
    actual_text: value && 'text' in value ? value.text : null,
    actual_date: value && 'date' in value ? value.date : null,
  };
}

/** A value as one line of text, for messages and events: `25`, `true`, `2026-03-01`. */
export function valueText(value: IndicatorValue): string {
  if ('number' in value) return value.number;
  if ('boolean' in value) return String(value.boolean);
  if ('text' in value) return value.text;
  return value.date;
}

/** An expectation in words: `at least 20`, `between 10 and 15`, `equals true`. */
export function expectationText(type: IndicatorType, e: ExpectationColumns): string | null {
  if (!e.comparison) return null;
  const low = valueOf(type, { number: e.expected_number, boolean: e.expected_boolean, text: e.expected_text, date: e.expected_date });
  if (!low) return null;
  const high = valueOf(type, { number: e.expected_number_max, boolean: null, text: null, date: e.expected_date_max });
  const unit = type === 'PERCENTAGE' ? ' %' : '';
  const words: Record<Comparison, string> = { EQUALS: 'equals', AT_LEAST: type === 'DATE' ? 'on or after' : 'at least', AT_MOST: type === 'DATE' ? 'on or before' : 'at most', BETWEEN: 'between' };
  if (e.comparison === 'BETWEEN') return `between ${valueText(low)}${unit} and ${high ? valueText(high) : '?'}${unit}`;
  return `${words[e.comparison]} ${valueText(low)}${unit}`;
}
