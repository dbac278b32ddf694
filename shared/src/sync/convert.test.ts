import { describe, expect, it } from 'vitest';
import { boolean, date, datetime, integer, number, picklist, requiredText, text, UnmappableValueError } from './convert.ts';
import { canonicalValue, changedFields, sameValue, valuesHash } from './sfValues.ts';

describe('converters', () => {
  it('text: empty is null on both sides', () => {
    expect(text().toSalesforce('')).toBeNull();
    expect(text().fromSalesforce('')).toBeNull();
    expect(text().toSalesforce('Ana')).toBe('Ana');
  });

  it('requiredText: local null travels as the placeholder and comes back as null', () => {
    const c = requiredText('[not provided]');
    expect(c.toSalesforce(null)).toBe('[not provided]');
    expect(c.fromSalesforce('[not provided]')).toBeNull();
    expect(c.fromSalesforce('Acme')).toBe('Acme');
  });

  it('number takes exact decimal strings; integer refuses fractions with the value named', () => {
    expect(number().toSalesforce('1234.50')).toBe(1234.5);
    expect(number().fromSalesforce(12)).toBe(12);
    expect(() => number().toSalesforce('abc')).toThrow(UnmappableValueError);
    expect(integer().fromSalesforce(3)).toBe(3);
    expect(() => integer().fromSalesforce(2.5)).toThrow(/whole number \(got 2.5\)/);
  });

  it('dates and datetimes', () => {
    expect(date().toSalesforce('2026-03-01')).toBe('2026-03-01');
    expect(() => date().toSalesforce('01/03/2026')).toThrow(UnmappableValueError);
    expect(datetime().toSalesforce(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(datetime().fromSalesforce('2026-03-01T10:00:00.000Z')).toEqual(new Date('2026-03-01T10:00:00Z'));
    expect(boolean().fromSalesforce('true' as unknown as boolean)).toBe(true);
  });

  it('picklist: several local values may share one Salesforce value; unknown values fail, pass through or default', () => {
    const status = picklist({ Open: 'Open - Not Contacted', Contacted: 'Working', Qualified: 'Working' }, { unknownInbound: 'passthrough', unknownOutbound: { value: 'Working' } });
    expect(status.toSalesforce('Qualified')).toBe('Working');
    expect(status.fromSalesforce('Working')).toBe('Contacted');
    expect(status.fromSalesforce('Custom Stage')).toBe('Custom Stage');
    expect(status.toSalesforce('Brand New')).toBe('Working');
    const strict = picklist({ A: 'a' });
    expect(() => strict.fromSalesforce('b')).toThrow(/not a known Salesforce value \(known: a\) \(got "b"\)/);
    expect(() => strict.toSalesforce('B')).toThrow(/has no Salesforce value/);
    expect(picklist({ A: 'a' }, { nullInbound: 'A' }).fromSalesforce(null)).toBe('A');
  });
});

describe('canonical Salesforce values', () => {
  it('reads REST and Bulk CSV values alike', () => {
    expect(canonicalValue('datetime', '2024-05-01T09:30:00.000+0000')).toBe('2024-05-01T09:30:00.000Z');
    expect(canonicalValue('datetime', '2024-05-01T09:30:00.000Z')).toBe('2024-05-01T09:30:00.000Z');
    expect(canonicalValue('currency', '12.50')).toBe(12.5);
    expect(canonicalValue('boolean', 'false')).toBe(false);
    expect(canonicalValue('string', '')).toBeNull();
    expect(canonicalValue('date', '2024-05-01')).toBe('2024-05-01');
  });

  it('compares values, not spellings, and hashes them stably', () => {
    expect(sameValue(12.5, 12.500000000001)).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(changedFields(['A', 'B', 'C'], { A: 1, B: 'x', C: null }, { A: 1, B: 'y' })).toEqual(['B']);
    expect(valuesHash(['A', 'B'], { A: 1, B: 'x' })).toBe(valuesHash(['A', 'B'], { B: 'x', A: 1 }));
    expect(valuesHash(['A', 'B'], { A: 1, B: 'x' })).not.toBe(valuesHash(['A', 'B'], { A: 1, B: 'y' }));
  });
});
