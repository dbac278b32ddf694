import { describe, expect, it } from 'vitest';
import { parseBulkError } from './bulk.ts';
import { parseCsv, parseCsvRows, toCsv } from './csv.ts';

describe('CSV for Bulk API 2.0', () => {
  it('parses quotes, escaped quotes, embedded delimiters and line breaks, LF and CRLF', () => {
    const text = 'Id,Name,Note\r\n1,"Smith, Jones","said ""hi""\nthen left"\r\n2,Plain;text|pipe,\n';
    expect(parseCsv(text)).toEqual({
      columns: ['Id', 'Name', 'Note'],
      rows: [
        { Id: '1', Name: 'Smith, Jones', Note: 'said "hi"\nthen left' },
        { Id: '2', Name: 'Plain;text|pipe', Note: '' },
      ],
    });
    expect(parseCsvRows('a,b')).toEqual([['a', 'b']]);
  });

  it('writes null as #N/A, an absent value as an empty cell, and quotes what needs it', () => {
    expect(toCsv(['A', 'B', 'C'], [{ A: null, B: 'x, "y"', C: undefined }, { A: 1, B: true, C: ' padded' }])).toBe('A,B,C\n#N/A,"x, ""y""",\n1,true," padded"\n');
    const round = parseCsv(toCsv(['A'], [{ A: 'line\nbreak' }]));
    expect(round.rows[0]!.A).toBe('line\nbreak');
  });

  it('reads sf__Error as code, message and fields', () => {
    expect(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --').toJSON()).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] });
    expect(parseBulkError('STRING_TOO_LONG:City: data value too large:City,Street --').toJSON()).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['City', 'Street'] });
    expect(parseBulkError('DUPLICATE_VALUE:duplicate value found: L2C_Id__c:--').toJSON()).toMatchObject({ errorCode: 'DUPLICATE_VALUE', fields: [] });
  });
});
