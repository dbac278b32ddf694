import { describeSObject, loadMetadata } from '@l2c/salesforce-emulator';
import { columnsOfValues, compileMappings, payloadOf, readRecord, valuesOfRow, type CompiledMapping, type SObjectDescribe } from '@l2c/shared';
import { describe, expect, it } from 'vitest';
import { cpqMappings } from './mappings.ts';

/**
 * CPQ's mappings compiled against the emulator's org schema, whose metadata follows the real CPQ and Advanced
 * Approvals packages: every object, field, lookup and relationship a mapping names must be there, with a type its
 * converter handles, and outbound only where Salesforce lets a client write.
 */
const schema = loadMetadata();
const describeObject = async (name: string): Promise<SObjectDescribe> => {
  const object = schema.object(name);
  if (!object) throw new Error(`The requested resource does not exist (${name})`);
  return describeSObject(object, '62.0') as unknown as SObjectDescribe;
};

const compiled = await compileMappings(cpqMappings, describeObject);
const mapping = (name: string): CompiledMapping => compiled.find((m) => m.name === name)!;

describe('CPQ mappings against the org schema', () => {
  it('sync parents first: catalogue and approvers, then books, entries, rules and quotes, then what hangs off them', () => {
    expect(compiled.map((m) => `${m.level}:${m.name}`)).toEqual([
      '0:Pricebook2', '0:Product2', '0:sbaa__Approver__c',
      '1:Asset', '1:PricebookEntry', '1:sbaa__ApprovalRule__c', '1:SBQQ__Quote__c',
      '2:Contract', '2:Entitlement', '2:sbaa__Approval__c', '2:SBQQ__QuoteLine__c',
      '3:Order', '4:OrderItem', '5:SBQQ__Subscription__c',
    ]);
  });

  it('read CPQ’s calculated net total and the standard flag, never write them', () => {
    const inboundOnly = compiled.flatMap((m) => m.fields.filter((f) => f.inbound && !f.outbound).map((f) => `${m.sObject}.${f.sf}`));
    expect(inboundOnly.filter((f) => !f.startsWith('sbaa__Approval__c.'))).toEqual(['Pricebook2.IsStandard', 'SBQQ__QuoteLine__c.SBQQ__NetTotal__c']);
  });

  it('name CRM’s accounts and opportunities by their L2C_Id__c through the relationship, both ways', () => {
    const quote = mapping('SBQQ__Quote__c');
    expect(quote.selectFields).toEqual(expect.arrayContaining(['SBQQ__Opportunity2__r.L2C_Id__c', 'SBQQ__Account__r.L2C_Id__c']));
    const row = { id: 'q-1', opportunity_id: 'opp-1', account_id: 'acc-1', is_primary: true, status: 'IN_REVIEW', start_date: '2027-01-15', expiration_date: null, subscription_term: 24, price_book_id: 'pb-1' };
    const { values, problems } = valuesOfRow(quote, row, new Map([['Pricebook2', new Map([['pb-1', '01s000000000001AAA']])]]));
    expect(problems).toEqual([]);
    expect(payloadOf(quote.fields.filter((f) => f.outbound), values)).toEqual({
      SBQQ__Opportunity2__r: { L2C_Id__c: 'opp-1' },
      SBQQ__Account__r: { L2C_Id__c: 'acc-1' },
      SBQQ__Primary__c: true,
      SBQQ__Status__c: 'In Review',
      SBQQ__StartDate__c: '2027-01-15',
      SBQQ__ExpirationDate__c: null,
      SBQQ__SubscriptionTerm__c: 24,
      SBQQ__PriceBook__c: '01s000000000001AAA',
    });
    const record = readRecord(quote, { Id: 'a0Q1', L2C_Id__c: null, SBQQ__Opportunity2__c: '006A', SBQQ__Opportunity2__r: { L2C_Id__c: 'opp-9' }, SBQQ__Account__c: '001A', SBQQ__Account__r: { L2C_Id__c: 'acc-9' }, SBQQ__Primary__c: false, SBQQ__Status__c: 'Accepted', SBQQ__StartDate__c: '2027-02-01', SBQQ__ExpirationDate__c: null, SBQQ__SubscriptionTerm__c: 12, SBQQ__PriceBook__c: '01s000000000001AAA' });
    const { columns } = columnsOfValues(quote.fields, record.values, new Map([['Pricebook2', new Map([['01s000000000001AAA', 'pb-1']])]]));
    expect(columns).toEqual({ opportunity_id: 'opp-9', account_id: 'acc-9', is_primary: false, status: 'ACCEPTED', start_date: '2027-02-01', expiration_date: null, subscription_term: 12, price_book_id: 'pb-1' });
  });

  it('keep a line’s money exact and refuse picklist values the org does not know, naming the field', () => {
    const line = mapping('SBQQ__QuoteLine__c');
    const record = readRecord(line, { Id: 'a0L1', SBQQ__Quantity__c: 2, SBQQ__NetPrice__c: 36050, SBQQ__NetTotal__c: 72100, SBQQ__ChargeType__c: 'Usage' });
    const { problems } = columnsOfValues(line.fields, record.values, new Map());
    expect(problems.map((p) => `${p.code} ${p.field}`)).toEqual(['UNMAPPABLE_VALUE SBQQ__ChargeType__c']);
    expect(columnsOfValues(line.fields.filter((f) => f.sf === 'SBQQ__NetTotal__c'), record.values, new Map()).columns).toEqual({ net_total: 72100 });
  });
});
