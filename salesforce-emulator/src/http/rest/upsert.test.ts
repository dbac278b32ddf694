import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestEmulator, type TestEmulator } from '../testing/testEmulator.ts';

let env: TestEmulator;
let conn: Connection;
beforeAll(async () => {
  // A non-unique external ID (as dealer management system keys often are) to produce several matches.
  env = await startTestEmulator({ extraDefinitions: [{ name: 'Account', fields: [{ name: 'Dms_Id__c', type: 'string', length: 40, externalId: true }] }] });
  conn = await env.login();
});
afterAll(() => env.close());

describe('upsert by external ID (PATCH /sobjects/{T}/{field}/{value})', () => {
  it('201 with created: true when no record has the key, 200 with created: false when one does', async () => {
    const created = await conn.sobject('Lead').upsert({ L2C_Id__c: 'lead-1', LastName: 'Neu', Company: 'N' }, 'L2C_Id__c');
    expect(created).toEqual({ id: expect.stringMatching(/^00Q/), success: true, errors: [], created: true });
    const updated = await conn.sobject('Lead').upsert({ L2C_Id__c: 'lead-1', LastName: 'Neuer' }, 'L2C_Id__c');
    expect(updated).toEqual({ id: created.id, success: true, errors: [], created: false });
    const row = (await conn.sobject('Lead').retrieve(created.id ?? '')) as Record<string, unknown>;
    expect(row.LastName).toBe('Neuer');
  });

  it('before API 46.0 an update answers 204 with no body, which jsforce reports as success', async () => {
    const old = await env.login({ version: '45.0' });
    await old.sobject('Lead').upsert({ L2C_Id__c: 'lead-45', LastName: 'Alt', Company: 'A' }, 'L2C_Id__c');
    expect(await old.sobject('Lead').upsert({ L2C_Id__c: 'lead-45', LastName: 'Älter' }, 'L2C_Id__c')).toEqual({ success: true, errors: [] });
  });

  it('300 with the matching record URLs when several records share the key, raised by jsforce as MULTIPLE_CHOICES', async () => {
    const [a, b] = await conn.sobject('Account').create([
      { Name: 'Twin A', Dms_Id__c: 'DMS-7' },
      { Name: 'Twin B', Dms_Id__c: 'DMS-7' },
    ]);
    const error = await rejection(conn.sobject('Account').upsert({ Dms_Id__c: 'DMS-7', Name: 'Which?' }, 'Dms_Id__c'));
    expect(error.errorCode).toBe('MULTIPLE_CHOICES');
    expect(error.data).toEqual([`/services/data/v60.0/sobjects/Account/${a?.id ?? ''}`, `/services/data/v60.0/sobjects/Account/${b?.id ?? ''}`]);
  });

  it('updateOnly=true updates a match but never creates', async () => {
    const url = '/sobjects/Lead/L2C_Id__c/lead-update-only?updateOnly=true';
    expect((await rejection(conn.requestPatch(url, { LastName: 'Nobody', Company: 'N' }))).errorCode).toBe('NOT_FOUND');
    await conn.sobject('Lead').upsert({ L2C_Id__c: 'lead-update-only', LastName: 'Somebody', Company: 'S' }, 'L2C_Id__c');
    expect(await conn.requestPatch(url, { LastName: 'Somebody else' })).toMatchObject({ success: true, created: false });
  });

  it('POST /sobjects/{T}/Id creates a record (API 37.0+)', async () => {
    const result = await conn.requestPost<{ id: string; success: boolean }>('/sobjects/Account/Id', { Name: 'Posted to Id' });
    expect(result.success).toBe(true);
    expect(result.id.startsWith('001')).toBe(true);
  });

  it('404 NOT_FOUND for a field that is not an external ID', async () => {
    const error = await rejection(conn.sobject('Account').upsert({ Name: 'x', Website: 'x.example' }, 'Website'));
    expect(error.errorCode).toBe('NOT_FOUND');
    expect(error.message).toBe('Provided external ID field does not exist or is not accessible: Website');
  });

  it('400 with the record error when the upserted record is invalid', async () => {
    const error = await rejection(conn.sobject('Lead').upsert({ L2C_Id__c: 'lead-bad', LastName: 'No company' }, 'L2C_Id__c'));
    expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
  });

  it('collections upsert (API 46+) reports created per record, and DUPLICATE_EXTERNAL_ID for an ambiguous key', async () => {
    const results = await conn.sobject('Account').upsert(
      [
        { Dms_Id__c: 'DMS-7', Name: 'Ambiguous' },
        { Dms_Id__c: 'DMS-8', Name: 'Fresh' },
      ],
      'Dms_Id__c',
    );
    expect(results[0]).toMatchObject({ success: false, created: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID' }] });
    expect(results[1]).toMatchObject({ success: true, created: true });
  });
});
