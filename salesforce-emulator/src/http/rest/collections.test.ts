import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestEmulator, type TestEmulator } from '../testing/testEmulator.ts';

let env: TestEmulator;
let conn: Connection;
beforeAll(async () => {
  env = await startTestEmulator();
  conn = await env.login();
});
afterAll(() => env.close());

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};
const count = async (soql: string) => (await conn.query(soql)).totalSize;

describe('sObject Collections', () => {
  it('create, allOrNone false: good records are saved, bad ones report their errors', async () => {
    const results = await conn.sobject('Account').create([{ Name: 'Col A', L2C_Id__c: 'col-a' }, { L2C_Id__c: 'col-b' }, { Name: 'Col C', L2C_Id__c: 'col-c' }]);
    expect(results.map((result) => result.success)).toEqual([true, false, true]);
    expect(results[1]).toEqual({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] });
    expect(await count("SELECT Id FROM Account WHERE L2C_Id__c LIKE 'col-%'")).toBe(2);
  });

  it('create, allOrNone true: nothing is saved and the good records report ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const results = await conn.sobject('Account').create([{ Name: 'Aon A', L2C_Id__c: 'aon-a' }, { L2C_Id__c: 'aon-b' }], { allOrNone: true });
    expect(results[0]).toEqual({ success: false, errors: [ROLLED_BACK] });
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING' });
    expect(await count("SELECT Id FROM Account WHERE L2C_Id__c LIKE 'aon-%'")).toBe(0);
  });

  it('update both ways', async () => {
    const [a, b] = await conn.sobject('Contact').create([{ LastName: 'U1' }, { LastName: 'U2' }]);
    const ids = [a?.id ?? '', b?.id ?? ''];
    const rolledBack = await conn.sobject('Contact').update([{ Id: ids[0]!, LastName: 'U1 new' }, { Id: ids[1]!, LastName: null }], { allOrNone: true });
    expect(rolledBack[0]).toEqual({ id: ids[0], success: false, errors: [ROLLED_BACK] });
    expect(rolledBack[1]).toMatchObject({ id: ids[1], success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING' }] });
    expect(await count(`SELECT Id FROM Contact WHERE LastName = 'U1 new'`)).toBe(0);
    const partial = await conn.sobject('Contact').update([{ Id: ids[0]!, LastName: 'U1 new' }, { Id: ids[1]!, LastName: null }]);
    expect(partial.map((result) => result.success)).toEqual([true, false]);
    expect(await count(`SELECT Id FROM Contact WHERE LastName = 'U1 new'`)).toBe(1);
  });

  it('delete both ways, with per-record errors for malformed and deleted IDs', async () => {
    const created = await conn.sobject('Lead').create([1, 2, 3].map((n) => ({ LastName: `Del ${n}`, Company: 'D' })));
    const ids = created.map((result) => result.id ?? '');
    const rolledBack = await conn.sobject('Lead').destroy([ids[0]!, 'bogus'], { allOrNone: true });
    expect(rolledBack[0]).toEqual({ id: ids[0], success: false, errors: [ROLLED_BACK] });
    expect(rolledBack[1]).toEqual({ success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id bogus', fields: [] }] });
    expect(await count("SELECT Id FROM Lead WHERE LastName LIKE 'Del %'")).toBe(3);
    await conn.sobject('Lead').destroy([ids[0]!]);
    const partial = await conn.sobject('Lead').destroy([ids[0]!, ids[1]!, ids[2]!]);
    expect(partial[0]).toEqual({ id: ids[0], success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] });
    expect(partial.slice(1).map((result) => result.success)).toEqual([true, true]);
  });

  it('mixed object types in one create; a created parent can be referenced by external ID in the same request', async () => {
    // jsforce's create() stamps its type argument on every record, so mixed types go through the resource directly.
    const results = await conn.requestPost<{ success: boolean }[]>('/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Account' }, Name: 'Mixed', L2C_Id__c: 'mixed-1' },
        { attributes: { type: 'Contact' }, LastName: 'Child', Account: { L2C_Id__c: 'mixed-1' } },
      ],
    });
    expect(results.map((result) => result.success)).toEqual([true, true]);
  });

  it('retrieve returns the asked fields and null for records that do not exist', async () => {
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Fetch me', Industry: 'Automotive' });
    const rows = await conn.sobject('Account').retrieve([id, '001000000000042'], { fields: ['Name', 'Industry'] });
    expect(rows[0]).toEqual({ attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${id}` }, Name: 'Fetch me', Industry: 'Automotive' });
    expect(rows[1]).toBeNull();
  });

  it('more than 200 records are refused with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, (_, n) => ({ LastName: `Bulk ${n}`, Company: 'B' }));
    const error = await rejection(conn.sobject('Lead').create(records));
    expect(error.errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect(error.message).toBe('record limit reached. cannot submit more than 200 records into this call');
    const ids = Array.from({ length: 201 }, () => '00Q000000000001');
    expect((await rejection(conn.sobject('Lead').destroy(ids))).errorCode).toBe('EXCEEDED_ID_LIMIT');
  });
});
