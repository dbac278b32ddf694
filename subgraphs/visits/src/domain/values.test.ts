import { DomainError } from '@l2c/shared';
import { describe, expect, it } from 'vitest';
import type { IndicatorType } from './indicators.ts';
import { combinedBadInput, parseValue, type ValueInput } from './values.ts';

const indicator = (data_type: IndicatorType, key = 'agents-trained', question = 'How many agents attended the training?') => ({ key, question, data_type });

function refusal(type: IndicatorType, input: ValueInput): DomainError {
  try {
    parseValue('values[0]', indicator(type), input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)} for a ${type} indicator`);
}

describe('recorded values are checked against their indicator’s type', () => {
  it('NUMBER: decimals written as strings, at most 4 places, normalised', () => {
    expect(parseValue('v', indicator('NUMBER'), { number: '20' })).toEqual({ type: 'NUMBER', number: '20' });
    expect(parseValue('v', indicator('NUMBER'), { number: '20.50' })).toEqual({ type: 'NUMBER', number: '20.5' });
    expect(parseValue('v', indicator('NUMBER'), { number: '-3.1250' })).toEqual({ type: 'NUMBER', number: '-3.125' });
    expect(refusal('NUMBER', { number: 'twenty' }).message).toBe(
      'values[0].number: indicator "How many agents attended the training?" (agents-trained, NUMBER) takes a decimal number written as a string with at most 4 decimal places, e.g. "12.5" (got "twenty")',
    );
    expect(refusal('NUMBER', { number: '1.23456' }).details).toMatchObject({ field: 'values[0].number', value: '1.23456' });
    expect(refusal('NUMBER', { number: '1e3' }).code).toBe('BAD_USER_INPUT');
  });

  it('PERCENTAGE: a number from 0 to 100', () => {
    expect(parseValue('v', indicator('PERCENTAGE'), { number: '25' })).toEqual({ type: 'PERCENTAGE', number: '25' });
    expect(parseValue('v', indicator('PERCENTAGE'), { number: '100' })).toEqual({ type: 'PERCENTAGE', number: '100' });
    expect(refusal('PERCENTAGE', { number: '100.5' }).message).toMatch(/\(agents-trained, PERCENTAGE\) takes a percentage from 0 to 100 \(got "100.5"\)$/);
    expect(refusal('PERCENTAGE', { number: '-1' }).message).toMatch(/takes a percentage from 0 to 100/);
  });

  it('BOOLEAN: true or false, never a number or text', () => {
    expect(parseValue('v', indicator('BOOLEAN'), { boolean: false })).toEqual({ type: 'BOOLEAN', boolean: false });
    expect(refusal('BOOLEAN', { number: '1' }).message).toBe(
      'values[0].number: indicator "How many agents attended the training?" (agents-trained, BOOLEAN) takes a BOOLEAN value: give it as boolean, not as number (got "1")',
    );
    expect(refusal('BOOLEAN', { text: 'yes' }).details).toMatchObject({ field: 'values[0].text' });
  });

  it('TEXT: trimmed, not empty, at most 2000 characters', () => {
    expect(parseValue('v', indicator('TEXT'), { text: '  Customers like it.  ' })).toEqual({ type: 'TEXT', text: 'Customers like it.' });
    expect(refusal('TEXT', { text: '   ' }).message).toMatch(/\(agents-trained, TEXT\) takes text, which must not be empty/);
    expect(refusal('TEXT', { text: 'x'.repeat(2001) }).message).toMatch(/at most 2000 characters/);
    expect(refusal('TEXT', { boolean: true }).message).toMatch(/takes a TEXT value: give it as text, not as boolean/);
  });

  it('DATE: a calendar date YYYY-MM-DD that exists', () => {
    expect(parseValue('v', indicator('DATE'), { date: '2026-03-01' })).toEqual({ type: 'DATE', date: '2026-03-01' });
    expect(refusal('DATE', { date: '2026-02-30' }).message).toBe(
      'values[0].date: indicator "How many agents attended the training?" (agents-trained, DATE) takes a calendar date written YYYY-MM-DD (got "2026-02-30")',
    );
    expect(refusal('DATE', { date: '01.03.2026' }).code).toBe('BAD_USER_INPUT');
    expect(refusal('DATE', { number: '20260301' }).message).toMatch(/give it as date \(YYYY-MM-DD\), not as number/);
  });

  it('exactly one value: none, or two, is refused with what the indicator takes', () => {
    expect(refusal('NUMBER', {}).message).toMatch(/^values\[0\]: indicator .* \(agents-trained, NUMBER\) needs a value: give it as number/);
    expect(refusal('NUMBER', { number: null, text: null }).message).toMatch(/needs a value/);
    expect(refusal('NUMBER', { number: '1', text: '1' }).message).toMatch(/give exactly one of number, boolean, text or date; .* takes number/);
  });

  it('several refusals become one error naming each', () => {
    const combined = combinedBadInput([refusal('NUMBER', { number: 'x' }), refusal('BOOLEAN', { number: '1' })]);
    expect(combined.code).toBe('BAD_USER_INPUT');
    expect(combined.message).toMatch(/^2 values were refused: values\[0\]\.number: .*; values\[0\]\.number: /);
    expect(combined.details['problems']).toHaveLength(2);
  });
});
