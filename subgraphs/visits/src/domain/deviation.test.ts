import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluableResult } from './deviation.ts';
import { NO_EXPECTATION, type Comparison, type IndicatorType } from './indicators.ts';

const NONE = { actual_number: null, actual_boolean: null, actual_text: null, actual_date: null };

function numeric(type: IndicatorType, comparison: Comparison, expected: string, actual: string | null, max: string | null = null): EvaluableResult {
  return { ...NO_EXPECTATION, ...NONE, data_type: type, comparison, expected_number: expected, expected_number_max: max, actual_number: actual };
}

function dated(comparison: Comparison, expected: string, actual: string, max: string | null = null): EvaluableResult {
  return { ...NO_EXPECTATION, ...NONE, data_type: 'DATE', comparison, expected_date: expected, expected_date_max: max, actual_date: actual };
}

describe('deviations: every actual value against its expectation', () => {
  it('EQUALS: the signed difference, relative to the expected value', () => {
    expect(evaluate(numeric('NUMBER', 'EQUALS', '20', '20'))).toEqual({ met: true, deviation: '0', relative: '0.0' });
    expect(evaluate(numeric('NUMBER', 'EQUALS', '20', '23.5'))).toEqual({ met: false, deviation: '3.5', relative: '17.5' });
    expect(evaluate(numeric('NUMBER', 'EQUALS', '20', '15'))).toEqual({ met: false, deviation: '-5', relative: '-25.0' });
    expect(evaluate(numeric('NUMBER', 'EQUALS', '0', '2'))).toEqual({ met: false, deviation: '2', relative: null });
  });

  it('AT_LEAST: a shortfall is negative, anything above is met', () => {
    expect(evaluate(numeric('NUMBER', 'AT_LEAST', '20', '20'))).toMatchObject({ met: true, deviation: '0' });
    expect(evaluate(numeric('NUMBER', 'AT_LEAST', '20', '31'))).toMatchObject({ met: true, deviation: '0' });
    expect(evaluate(numeric('NUMBER', 'AT_LEAST', '20', '12'))).toEqual({ met: false, deviation: '-8', relative: '-40.0' });
  });

  it('AT_MOST: an excess is positive; percentages deviate in points (25 % against at most 10 %: 15 points, 150 %)', () => {
    expect(evaluate(numeric('PERCENTAGE', 'AT_MOST', '10', '9.9'))).toMatchObject({ met: true, deviation: '0' });
    expect(evaluate(numeric('PERCENTAGE', 'AT_MOST', '10', '25'))).toEqual({ met: false, deviation: '15', relative: '150.0' });
  });

  it('BETWEEN: measured from the bound missed, both bounds included', () => {
    expect(evaluate(numeric('NUMBER', 'BETWEEN', '3', '3', '6'))).toMatchObject({ met: true, deviation: '0' });
    expect(evaluate(numeric('NUMBER', 'BETWEEN', '3', '6', '6'))).toMatchObject({ met: true, deviation: '0' });
    expect(evaluate(numeric('NUMBER', 'BETWEEN', '3', '1', '6'))).toEqual({ met: false, deviation: '-2', relative: '-66.7' });
    expect(evaluate(numeric('NUMBER', 'BETWEEN', '3', '8', '6'))).toEqual({ met: false, deviation: '2', relative: '33.3' });
  });

  it('exact decimals: 0.1 + 0.2 is 0.3', () => {
    expect(evaluate(numeric('NUMBER', 'EQUALS', '0.3', '0.3000'))).toMatchObject({ met: true, deviation: '0' });
    expect(evaluate(numeric('NUMBER', 'AT_MOST', '0.1', '0.3'))).toMatchObject({ met: false, deviation: '0.2' });
  });

  it('dates deviate in days, for each comparison', () => {
    expect(evaluate(dated('EQUALS', '2026-03-01', '2026-03-04'))).toEqual({ met: false, deviation: '3', relative: null });
    expect(evaluate(dated('AT_LEAST', '2026-03-01', '2026-02-20'))).toEqual({ met: false, deviation: '-9', relative: null });
    expect(evaluate(dated('AT_MOST', '2026-03-01', '2026-02-20'))).toMatchObject({ met: true, deviation: '0' });
    expect(evaluate(dated('BETWEEN', '2026-03-01', '2026-04-02', '2026-03-31'))).toMatchObject({ met: false, deviation: '2' });
    expect(evaluate(dated('BETWEEN', '2026-03-01', '2026-03-15', '2026-03-31'))).toMatchObject({ met: true });
  });

  it('booleans and text match or not; a mismatch has no size; text ignores case and spacing', () => {
    const yesNo = { ...NO_EXPECTATION, ...NONE, data_type: 'BOOLEAN' as const, comparison: 'EQUALS' as const, expected_boolean: true };
    expect(evaluate({ ...yesNo, actual_boolean: true })).toEqual({ met: true, deviation: null, relative: null });
    expect(evaluate({ ...yesNo, actual_boolean: false })).toEqual({ met: false, deviation: null, relative: null });
    const text = { ...NO_EXPECTATION, ...NONE, data_type: 'TEXT' as const, comparison: 'EQUALS' as const, expected_text: 'Fully stocked' };
    expect(evaluate({ ...text, actual_text: '  fully   STOCKED ' })).toMatchObject({ met: true });
    expect(evaluate({ ...text, actual_text: 'half empty' })).toMatchObject({ met: false, deviation: null });
  });

  it('nothing to compare: no value yet, or no expectation', () => {
    expect(evaluate(numeric('NUMBER', 'AT_LEAST', '20', null))).toEqual({ met: null, deviation: null, relative: null });
    expect(evaluate({ ...NO_EXPECTATION, ...NONE, data_type: 'TEXT', actual_text: 'Customers like it' })).toEqual({ met: null, deviation: null, relative: null });
  });
});
