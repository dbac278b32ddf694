import { describe, expect, it } from 'vitest';
import type { SObjectDescribe } from '../salesforce/types.ts';
import { compileMappings } from './compile.ts';
import { picklist } from './convert.ts';
import { MappingError, type SyncMapping } from './mapping.ts';
import { columnsOfValues, payloadOf, readRecord, valuesOfRow } from './records.ts';

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

describe('lookups to objects another subgraph mirrors', () => {
  const quoteOrg: Record<string, SObjectDescribe> = {
    ...org,
    Quote__c: {
      name: 'Quote__c',
      fields: [field('Id', 'id'), field('Ext__c', 'string', { externalId: true }), field('Account__c', 'reference', { referenceTo: ['Account'], relationshipName: 'Account__r' }), field('Total__c', 'currency', { createable: false, updateable: false })],
    },
  };
  const describeQuoteOrg = async (name: string) => quoteOrg[name] ?? Promise.reject(new Error(`no ${name}`));
  const quote: SyncMapping = {
    name: 'Quote',
    sObject: 'Quote__c',
    table: 'quotes',
    externalId: 'Ext__c',
    direction: 'both',
    conflictPolicy: 'newest_wins',
    fields: [
      { sf: 'Account__c', column: 'account_id', externalReference: 'Account' },
      { sf: 'Total__c', column: 'total', direction: 'inbound' },
    ],
  };

  it('read the parent’s external ID through the relationship, write it there, and read and write it as the local id', async () => {
    const [compiled] = await compileMappings([quote], describeQuoteOrg);
    expect(compiled!.selectFields).toEqual(['Id', 'Ext__c', 'Account__c', 'Total__c', 'Account__r.Ext__c']);
    expect(compiled!.parents).toEqual([]);
    const rest = readRecord(compiled!, { Id: 'a01', Ext__c: 'q-1', Account__c: '001A', Account__r: { attributes: {}, Ext__c: 'acc-1' }, Total__c: 12.5 });
    const bulk = readRecord(compiled!, { Id: 'a01', Ext__c: 'q-1', Account__c: '001A', 'Account__r.Ext__c': 'acc-1', Total__c: '12.5' });
    expect(rest.values).toEqual({ Account__c: 'acc-1', Total__c: 12.5, Ext__c: 'q-1' });
    expect(bulk.values).toEqual(rest.values);
    expect(columnsOfValues(compiled!.fields, rest.values, new Map()).columns).toEqual({ account_id: 'acc-1', total: 12.5 });
    const { values } = valuesOfRow(compiled!, { id: 'q-1', account_id: 'acc-1', total: '12.50' }, new Map());
    expect(payloadOf(compiled!.fields.filter((f) => f.outbound), values)).toEqual({ Account__r: { Ext__c: 'acc-1' } });
    expect(payloadOf(compiled!.fields.filter((f) => f.outbound), { ...values, Account__c: null })).toEqual({ Account__c: null });
  });

  it('fail a record whose parent has no external ID yet, naming the parent', async () => {
    const [compiled] = await compileMappings([quote], describeQuoteOrg);
    const record = readRecord(compiled!, { Id: 'a01', Ext__c: null, Account__c: '001B', Account__r: { attributes: {}, Ext__c: null }, Total__c: null });
    const { problems: found } = columnsOfValues(compiled!.fields, record.values, new Map());
    expect(found.map((p) => [p.code, p.message])).toEqual([['PARENT_NOT_SYNCED', 'Account__c: the Account 001B it points at has no Ext__c yet (not synced by the subgraph that mirrors it)']]);
  });

  it('refuse a lookup that points elsewhere, or at a parent without the external ID field', async () => {
    const found = await problems2([{ ...quote, fields: [{ sf: 'Account__c', column: 'account_id', externalReference: 'Contact2' }] }], describeQuoteOrg);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^object Contact2: not in the org's describe/), "mapping Quote (Quote__c ↔ quotes): field Quote__c.Account__c does not reference Contact2 in the org's describe (references Account)"]));
    const noKey = await problems2([quote], async (name) => (name === 'Account' ? { name, fields: [field('Id', 'id')] } : describeQuoteOrg(name)));
    expect(noKey).toEqual(['mapping Quote (Quote__c ↔ quotes): field Quote__c.Account__c points at Account, which has no external ID field Ext__c to name its records by']);
  });
});

async function problems2(mappings: SyncMapping[], describer: (name: string) => Promise<SObjectDescribe>): Promise<string[]> {
  try {
    await compileMappings(mappings, describer);
  } catch (error) {
    if (error instanceof MappingError) return error.problems;
    throw error;
  }
  return [];
}
