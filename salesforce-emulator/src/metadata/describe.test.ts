import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestEmulator, type TestEmulator } from '../http/testing/testEmulator.ts';

let env: TestEmulator;
let conn: Connection;
let extraDir: string;
beforeAll(async () => {
  extraDir = mkdtempSync(join(tmpdir(), 'sf-metadata-'));
  writeFileSync(
    join(extraDir, 'Vehicle__c.json'),
    JSON.stringify({
      name: 'Vehicle__c',
      keyPrefix: 'a05',
      label: 'Vehicle',
      fields: [
        { name: 'Name', type: 'string', length: 80, nillable: false },
        { name: 'VIN__c', type: 'string', length: 17, externalId: true, unique: true },
        { name: 'Account__c', type: 'reference', referenceTo: ['Account'], childRelationshipName: 'Vehicles__r' },
      ],
    }),
  );
  writeFileSync(join(extraDir, 'Lead.json'), JSON.stringify({ name: 'Lead', fields: [{ name: 'Trim__c', type: 'picklist', picklistValues: ['Base', 'Sport'], restrictedPicklist: true }] }));
  env = await startTestEmulator({ metadataDirs: [extraDir] });
  conn = await env.login();
});
afterAll(async () => {
  await env.close();
  rmSync(extraDir, { recursive: true, force: true });
});

describe('describe', () => {
  it('describeGlobal lists every object with its key prefix and flags', async () => {
    const global = await conn.describeGlobal();
    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    const byName = new Map(global.sobjects.map((sobject) => [sobject.name, sobject]));
    for (const [name, prefix] of [['Lead', '00Q'], ['Account', '001'], ['Contact', '003'], ['Opportunity', '006'], ['SBQQ__Quote__c', 'a0Q'], ['Vehicle__c', 'a05']] as const) {
      expect(byName.get(name)?.keyPrefix).toBe(prefix);
    }
    expect(byName.get('SBQQ__Quote__c')).toMatchObject({ custom: true, createable: true, queryable: true, urls: { sobject: '/services/data/v60.0/sobjects/SBQQ__Quote__c' } });
  });

  it('describe reports fields with Salesforce’s attributes', async () => {
    const lead = await conn.describe('Lead');
    expect(lead).toMatchObject({ name: 'Lead', keyPrefix: '00Q', custom: false, urls: { describe: '/services/data/v60.0/sobjects/Lead/describe' } });
    const field = (name: string) => lead.fields.find((f) => f.name === name);
    expect(field('Id')).toMatchObject({ type: 'id', nillable: false, createable: false, updateable: false, length: 18, soapType: 'tns:ID' });
    expect(field('LastName')).toMatchObject({ type: 'string', length: 80, nillable: false, createable: true, updateable: true, byteLength: 240 });
    expect(field('Status')).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultedOnCreate: true });
    expect(field('Status')?.picklistValues).toContainEqual({ active: true, defaultValue: true, label: 'Open - Not Contacted', validFor: null, value: 'Open - Not Contacted' });
    expect(field('EarliestInterestDate')).toMatchObject({ type: 'date', soapType: 'xsd:date' });
    expect(field('L2C_Id__c')).toMatchObject({ externalId: true, unique: true, custom: true, idLookup: true });
    expect(field('ConvertedAccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'ConvertedAccount' });
    expect(field('AnnualRevenue')).toMatchObject({ type: 'currency', precision: 18, scale: 0 });
    expect(field('Trim__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true, custom: true });
    expect(field('SystemModstamp')).toMatchObject({ type: 'datetime', createable: false, nillable: false });
  });

  it('child relationships are derived from the references that point at an object', async () => {
    const account = await conn.describe('Account');
    const child = (name: string) => account.childRelationships.find((relationship) => relationship.relationshipName === name);
    expect(child('Contacts')).toMatchObject({ childSObject: 'Contact', field: 'AccountId', cascadeDelete: true });
    expect(child('Opportunities')).toMatchObject({ childSObject: 'Opportunity', field: 'AccountId' });
    expect(child('Vehicles__r')).toMatchObject({ childSObject: 'Vehicle__c', field: 'Account__c' });
    const quote = await conn.describe('SBQQ__Quote__c');
    expect(quote.fields.find((f) => f.name === 'SBQQ__Opportunity2__c')).toMatchObject({ relationshipName: 'SBQQ__Opportunity2__r', referenceTo: ['Opportunity'] });
  });

  it('the Automotive preferred-seller roles differ between lead and opportunity', async () => {
    const values = async (type: string) => (await conn.describe(type)).fields.find((f) => f.name === 'AccountRole')?.picklistValues?.map((entry) => entry.value);
    expect(await values('LeadPreferredSeller')).toEqual(['Dealer', 'LeadProvider']);
    expect(await values('OpportunityPreferredSeller')).toEqual(['DataProvider', 'Dealer']);
  });

  it('a custom object from the extra folder takes records with its key prefix and is queryable', async () => {
    const { id = '' } = await conn.sobject('Account').create({ Name: 'Owner' });
    const vehicle = await conn.sobject('Vehicle__c').create({ Name: 'ID.4', VIN__c: 'WVWZZZE1ZMP000001', Account__c: id });
    expect(vehicle.id?.startsWith('a05')).toBe(true);
    const result = await conn.query<{ Vehicles__r: { records: { VIN__c: string }[] } }>(`SELECT Id, (SELECT VIN__c FROM Vehicles__r) FROM Account WHERE Id = '${id}'`);
    expect(result.records[0]?.Vehicles__r.records[0]?.VIN__c).toBe('WVWZZZE1ZMP000001');
    expect((await rejection(conn.sobject('Lead').create({ LastName: 'l', Company: 'c', Trim__c: 'Luxury' }))).errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('an unknown object is NOT_FOUND', async () => {
    expect((await rejection(conn.describe('Spaceship__c'))).errorCode).toBe('NOT_FOUND');
  });
});
