import { describe, expect, it } from 'vitest';
import { parseBulkError } from './bulk.ts';

describe('Bulk API 2.0 results', () => {
  it('reads sf__Error as code, message and fields', () => {
    expect(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --').toJSON()).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] });
    expect(parseBulkError('STRING_TOO_LONG:City: data value too large:City,Street --').toJSON()).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['City', 'Street'] });
    expect(parseBulkError('DUPLICATE_VALUE:duplicate value found: L2C_Id__c:--').toJSON()).toMatchObject({ errorCode: 'DUPLICATE_VALUE', fields: [] });
  });
});
