import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestEmulator, type TestEmulator } from '../http/testing/testEmulator.ts';
import { caseSuffix } from './ids.ts';

let env: TestEmulator;
let conn: Connection;
beforeAll(async () => {
  env = await startTestEmulator();
  conn = await env.login();
});
afterAll(() => env.close());

type Row = Record<string, unknown>;

describe('IDs and system fields', () => {
  it('create returns an 18-character ID with the object key prefix and a valid case suffix', async () => {
    const lead = await conn.sobject('Lead').create({ LastName: 'Lang', Company: 'Lang GmbH' });
    const account = await conn.sobject('Account').create({ Name: 'Autohaus Nord' });
    const opportunity = await conn.sobject('Opportunity').create({ Name: 'Fleet', StageName: 'Prospecting', CloseDate: '2025-06-30', AccountId: account.id });
    for (const [result, prefix] of [[lead, '00Q'], [account, '001'], [opportunity, '006']] as const) {
      expect(result.success).toBe(true);
      expect(result.id).toHaveLength(18);
      expect(result.id?.startsWith(prefix)).toBe(true);
      expect(result.id?.slice(15)).toBe(caseSuffix(result.id?.slice(0, 15) ?? ''));
    }
  });

  it('maintains CreatedDate, LastModifiedDate, SystemModstamp, CreatedById, LastModifiedById, OwnerId and IsDeleted', async () => {
    const { id } = await conn.sobject('Account').create({ Name: 'Stamped' });
    const created = (await conn.sobject('Account').retrieve(id ?? '')) as Row;
    const userId = env.emulator.org.defaultUserId;
    expect(created).toMatchObject({ CreatedById: userId, LastModifiedById: userId, OwnerId: userId, IsDeleted: false, CreatedDate: '2025-03-10T09:00:00.000+0000' });
    expect(created.SystemModstamp).toBe(created.CreatedDate);
    env.clock.advance(60_000);
    await conn.sobject('Account').update({ Id: id ?? '', Name: 'Stamped again' });
    const updated = (await conn.sobject('Account').retrieve(id ?? '')) as Row;
    expect(updated.CreatedDate).toBe(created.CreatedDate);
    expect(updated.LastModifiedDate).toBe('2025-03-10T09:01:00.000+0000');
    expect(updated.SystemModstamp).toBe(updated.LastModifiedDate);
  });

  it('accepts 15-character IDs and 18-character IDs in any case, and answers with the canonical ID', async () => {
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Short id' });
    const byShort = (await conn.sobject('Account').retrieve(id.slice(0, 15))) as Row;
    const byLower = (await conn.sobject('Account').retrieve(id.toLowerCase())) as Row;
    expect(byShort.Id).toBe(id);
    expect(byLower.Id).toBe(id);
    const contact = await conn.sobject('Contact').create({ LastName: 'Ref', AccountId: id.slice(0, 15) });
    expect(((await conn.sobject('Contact').retrieve(contact.id ?? '')) as Row).AccountId).toBe(id);
  });

  it('a malformed ID is MALFORMED_ID; a field value that is not an ID too', async () => {
    const error = await rejection(conn.sobject('Account').retrieve('001000000000000ZZZ'));
    expect(error.errorCode).toBe('MALFORMED_ID');
    const reference = await rejection(conn.sobject('Contact').create({ LastName: 'x', AccountId: 'not-an-id' }));
    expect(reference.errorCode).toBe('MALFORMED_ID');
    expect(reference.message).toBe('Account ID: id value of incorrect type: not-an-id');
  });

  it('delete goes to the recycle bin: reads say ENTITY_IS_DELETED, queryAll still sees the row with IsDeleted', async () => {
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Doomed' });
    const child = await conn.sobject('Opportunity').create({ Name: 'Gone too', StageName: 'Prospecting', CloseDate: '2025-06-30', AccountId: id });
    await conn.sobject('Account').destroy(id);
    expect((await rejection(conn.sobject('Account').retrieve(id))).errorCode).toBe('ENTITY_IS_DELETED');
    expect((await rejection(conn.sobject('Account').update({ Id: id, Name: 'x' }))).errorCode).toBe('ENTITY_IS_DELETED');
    expect((await rejection(conn.sobject('Account').destroy(id))).errorCode).toBe('ENTITY_IS_DELETED');
    const all = await conn.query<Row>(`SELECT Id, IsDeleted FROM Opportunity WHERE Id = '${child.id ?? ''}'`, { scanAll: true });
    expect(all.records[0]?.IsDeleted).toBe(true);
    expect((await conn.query(`SELECT Id FROM Opportunity WHERE Id = '${child.id ?? ''}'`)).totalSize).toBe(0);
  });

  it('an unknown record is NOT_FOUND', async () => {
    const ghost = '001000000000001';
    expect((await rejection(conn.sobject('Account').retrieve(ghost))).errorCode).toBe('NOT_FOUND');
    expect((await rejection(conn.sobject('Account').update({ Id: ghost, Name: 'x' }))).errorCode).toBe('NOT_FOUND');
    expect((await rejection(conn.sobject('Account').destroy(ghost))).errorCode).toBe('NOT_FOUND');
  });

  it('retrieve with fields returns those fields and the Id; an unknown field is INVALID_FIELD', async () => {
    const { id = '' } = await conn.sobject('Lead').create({ LastName: 'Kurz', Company: 'K', EarliestInterestDate: '2025-04-01' });
    const lead = (await conn.sobject('Lead').retrieve(id, { fields: ['Name', 'Status', 'EarliestInterestDate'] })) as Row;
    expect(lead).toEqual({
      attributes: { type: 'Lead', url: `/services/data/v60.0/sobjects/Lead/${id}` },
      Name: 'Kurz',
      Status: 'Open - Not Contacted',
      EarliestInterestDate: '2025-04-01',
      Id: id,
    });
    const error = await rejection(conn.sobject('Lead').retrieve(id, { fields: ['Nope__c'] }));
    expect(error.errorCode).toBe('INVALID_FIELD');
  });
});

describe('validation, with Salesforce status codes and messages', () => {
  const create = (type: string, record: Row) => rejection(conn.sobject(type).create(record));

  it('REQUIRED_FIELD_MISSING names every missing field', async () => {
    const error = await create('Lead', { FirstName: 'Ann' });
    expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(error.message).toBe('Required fields are missing: [LastName, Company]');
    expect((await create('Account', {})).message).toBe('Required fields are missing: [Name]');
  });

  it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', async () => {
    const error = await create('LeadPreferredSeller', { LeadId: null, AccountId: null, AccountRole: 'DataProvider' });
    expect(error.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(error.message).toBe('Account Role: bad value for restricted picklist field: DataProvider');
  });

  it('STRING_TOO_LONG', async () => {
    const error = await create('Lead', { LastName: 'x'.repeat(81), Company: 'c' });
    expect(error.errorCode).toBe('STRING_TOO_LONG');
    expect(error.message).toBe(`Last Name: data value too large: ${'x'.repeat(81)} (max length=80)`);
  });

  it('INVALID_TYPE_ON_FIELD_IN_RECORD', async () => {
    const error = await create('Opportunity', { Name: 'o', StageName: 'Prospecting', CloseDate: 'next tuesday' });
    expect(error.errorCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
    expect(error.message).toBe('Close Date: value not of required type: next tuesday');
  });

  it('INVALID_FIELD for a field the object does not have', async () => {
    const error = await create('Account', { Name: 'a', Horsepower__c: 300 });
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toBe("No such column 'Horsepower__c' on sobject of type Account");
  });

  it('DUPLICATE_VALUE on a unique external ID', async () => {
    const first = await conn.sobject('Account').create({ Name: 'One', L2C_Id__c: 'acc-dup' });
    const error = await create('Account', { Name: 'Two', L2C_Id__c: 'ACC-DUP' });
    expect(error.errorCode).toBe('DUPLICATE_VALUE');
    expect(error.message).toBe(`duplicate value found: L2C_Id__c duplicates value on record with id: ${first.id ?? ''}`);
  });

  it('INVALID_CROSS_REFERENCE_KEY for a reference to a record that does not exist; ENTITY_IS_DELETED for one in the bin', async () => {
    const error = await create('Contact', { LastName: 'x', AccountId: '001000000000099' });
    expect(error.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Binned' });
    await conn.sobject('Account').destroy(id);
    expect((await create('Contact', { LastName: 'x', AccountId: id })).errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('read-only fields are refused with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const error = await create('Account', { Name: 'a', CreatedDate: '2020-01-01T00:00:00.000Z' });
    expect(error.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('in a collection, each record carries its own statusCode', async () => {
    const results = await conn.sobject('Lead').create([{ LastName: 'ok', Company: 'c' }, { LastName: 'missing company' }, { LastName: 'l', Company: 'c', Status: 'Maybe' }]);
    // On the wire Salesforce names it statusCode (jsforce's SaveError type says errorCode; the JSON is passed through).
    const codes = results.map((result) => (result.success ? 'ok' : (result.errors[0] as unknown as { statusCode: string }).statusCode));
    expect(codes).toEqual([
      'ok',
      'REQUIRED_FIELD_MISSING',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    ]);
    expect(results[1]).toEqual({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] }] });
  });

  it('a parent can be set by its external ID', async () => {
    await conn.sobject('Account').create({ Name: 'Dealer', L2C_Id__c: 'dealer-1' });
    const contact = await conn.sobject('Contact').create({ LastName: 'Via key', Account: { L2C_Id__c: 'dealer-1' } });
    const row = (await conn.query<Row>(`SELECT Account.L2C_Id__c FROM Contact WHERE Id = '${contact.id ?? ''}'`)).records[0] as { Account: Row };
    expect(row.Account.L2C_Id__c).toBe('dealer-1');
  });

  it('derives standard fields: Lead/Contact Name, Opportunity stage flags and probability, picklist defaults', async () => {
    const { id = '' } = await conn.sobject('Opportunity').create({ Name: 'Won', StageName: 'Closed Won', CloseDate: '2025-05-01', Amount: 50000 });
    const opportunity = (await conn.sobject('Opportunity').retrieve(id)) as Row;
    expect(opportunity).toMatchObject({ IsClosed: true, IsWon: true, Probability: 100, ForecastCategory: 'Closed', ExpectedRevenue: 50000 });
    const contact = await conn.sobject('Contact').create({ FirstName: 'Eva', LastName: 'Berg' });
    expect(((await conn.sobject('Contact').retrieve(contact.id ?? '')) as Row).Name).toBe('Eva Berg');
  });
});
