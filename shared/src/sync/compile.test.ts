import { describe, expect, it } from 'vitest';
import type { SObjectDescribe } from '../salesforce/types.ts';
import { compileMappings } from './compile.ts';
import { picklist } from './convert.ts';
import { MappingError, type SyncMapping } from './mapping.ts';

const field = (name: string, type: string, extra: Partial<SObjectDescribe['fields'][number]> = {}) => ({ name, type, createable: true, updateable: true, nillable: true, ...extra });
const org: Record<string, SObjectDescribe> = {
  Account: { name: 'Account', fields: [field('Id', 'id'), field('Name', 'string'), field('Type', 'picklist'), field('Ext__c', 'string', { externalId: true })] },
  Contact: { name: 'Contact', fields: [field('Id', 'id'), field('LastName', 'string'), field('AccountId', 'reference', { referenceTo: ['Account'] }), field('Name', 'string', { createable: false, updateable: false }), field('Ext__c', 'string', { externalId: true })] },
};
const describe_ = async (name: string) => {
  const found = org[name];
  if (!found) throw new Error(`The requested resource does not exist (${name})`);
  return found;
};
const account: SyncMapping = { name: 'Account', sObject: 'Account', table: 'accounts', externalId: 'Ext__c', direction: 'both', conflictPolicy: 'newest_wins', fields: [{ sf: 'Name', column: 'name' }, { sf: 'Type', column: 'type', convert: picklist({ A: 'a' }) }] };
const contact: SyncMapping = { name: 'Contact', sObject: 'Contact', table: 'contacts', externalId: 'Ext__c', direction: 'both', conflictPolicy: 'manual', fields: [{ sf: 'LastName', column: 'last_name' }, { sf: 'AccountId', column: 'account_id', reference: 'Account' }] };

async function problems(mappings: SyncMapping[]): Promise<string[]> {
  try {
    await compileMappings(mappings, describe_);
  } catch (error) {
    if (error instanceof MappingError) return error.problems;
    throw error;
  }
  return [];
}

describe('compiling mappings against the org', () => {
  it('orders parents before children and lists what inbound selects', async () => {
    const compiled = await compileMappings([contact, account], describe_);
    expect(compiled.map((m) => [m.name, m.level])).toEqual([['Account', 0], ['Contact', 1]]);
    expect(compiled[1]!.parents).toEqual(['Account']);
    expect(compiled[1]!.selectFields).toEqual(['Id', 'Ext__c', 'LastName', 'AccountId']);
  });

  it('refuses a field the describe lacks, naming object and field', async () => {
    expect(await problems([{ ...account, fields: [...account.fields, { sf: 'Rating__c', column: 'rating' }] }])).toEqual([
      'mapping Account (Account ↔ accounts): field Account.Rating__c does not exist in the org\'s describe',
    ]);
  });

  it('refuses unknown objects, bad external IDs, read-only outbound fields, wrong types, bad references and cycles', async () => {
    const found = await problems([
      { ...account, sObject: 'Nope__c', name: 'Nope' },
      { ...account, externalId: 'Name' },
      { ...contact, fields: [{ sf: 'Name', column: 'name' }, { sf: 'AccountId', column: 'account_id', reference: 'Missing' }, { sf: 'LastName', column: 'x', convert: { sfTypes: ['date'], toSalesforce: () => null, fromSalesforce: () => null } }] },
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^object Nope__c: not in the org's describe/),
        'mapping Account (Account ↔ accounts): Account.Name is not an external ID field',
        'mapping Contact (Contact ↔ contacts): field Contact.Name is read-only in Salesforce (neither createable nor updateable); map it inbound only',
        'mapping Contact (Contact ↔ contacts): field Contact.AccountId references mapping Missing, which is not declared',
        'mapping Contact (Contact ↔ contacts): field Contact.LastName is of type string, which its converter does not handle (it takes date)',
      ]),
    );
    const cycle = await problems([
      { ...account, fields: [...account.fields] },
      { ...contact, name: 'A', fields: [{ sf: 'AccountId', column: 'account_id', reference: 'B' }] },
      { ...contact, name: 'B', fields: [{ sf: 'AccountId', column: 'account_id', reference: 'A' }] },
    ]);
    expect(cycle.some((p) => p.startsWith('mappings reference each other in a cycle'))).toBe(true);
  });
});
