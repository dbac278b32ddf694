import { describe, expect, it } from 'vitest';
import { columnsOfValues, compileMappings, readRecord, valuesOfRow, type CompiledMapping, type SObjectDescribe } from '@l2c/shared';
import { crmMappings } from './mappings.ts';
import { leadSellerRole, leadStatus, opportunitySellerRole } from './values.ts';

/** The describe types of the mapped fields, as a real org (and the emulator) reports them. */
const TYPES: Record<string, Record<string, string>> = {
  Account: { Name: 'string', Type: 'picklist', AccountNumber: 'string', Phone: 'phone', Website: 'url', BillingStreet: 'textarea', BillingCity: 'string', BillingPostalCode: 'string', BillingCountry: 'string' },
  Contact: { AccountId: 'reference', FirstName: 'string', LastName: 'string', Email: 'email', Phone: 'phone', Title: 'string' },
  Lead: { FirstName: 'string', LastName: 'string', Company: 'string', Email: 'email', Phone: 'phone', Street: 'textarea', City: 'string', PostalCode: 'string', Country: 'string', Status: 'picklist', LeadSource: 'picklist', Rating: 'picklist', EarliestInterestDate: 'date', LatestInterestDate: 'date' },
  LeadLineItem: { LeadId: 'reference', Name: 'string', ItemType: 'picklist', Quantity: 'double' },
  LeadPreferredSeller: { LeadId: 'reference', AccountId: 'reference', AccountRole: 'picklist' },
  Opportunity: { Name: 'string', AccountId: 'reference', StageName: 'picklist', Amount: 'currency', CloseDate: 'date', Probability: 'percent', LeadSource: 'picklist' },
  OpportunityLineItem: { OpportunityId: 'reference', Description: 'string', Quantity: 'double', UnitPrice: 'currency' },
  OpportunityPreferredSeller: { OpportunityId: 'reference', AccountId: 'reference', AccountRole: 'picklist' },
};
const REFERENCES: Record<string, string> = { AccountId: 'Account', LeadId: 'Lead', OpportunityId: 'Opportunity' };

const describeObject = async (name: string): Promise<SObjectDescribe> => ({
  name,
  fields: [
    { name: 'Id', type: 'id', createable: false, updateable: false, nillable: false },
    { name: 'L2C_Id__c', type: 'string', createable: true, updateable: true, nillable: true, externalId: true },
    ...Object.entries(TYPES[name]!).map(([field, type]) => ({ name: field, type, createable: true, updateable: !['LeadId', 'OpportunityId'].includes(field), nillable: true, ...(type === 'reference' ? { referenceTo: [REFERENCES[field]!] } : {}) })),
  ],
});

const compiled = await compileMappings(crmMappings, describeObject);
const mapping = (name: string): CompiledMapping => compiled.find((m) => m.name === name)!;
const links = new Map([
  ['Account', new Map([['acc-1', '001000000000001AAA']])],
  ['Lead', new Map([['lead-1', '00Q000000000001AAA']])],
  ['Opportunity', new Map([['opp-1', '006000000000001AAA']])],
]);
const reverse = new Map([...links].map(([name, byLocal]) => [name, new Map([...byLocal].map(([local, sf]) => [sf, local]))]));

describe('CRM mappings', () => {
  it('sync parents first: accounts and leads, then their children, then opportunity children', () => {
    expect(compiled.map((m) => `${m.level}:${m.name}`)).toEqual([
      '0:Account', '0:Lead', '1:Contact', '1:LeadLineItem', '1:LeadPreferredSeller', '1:Opportunity', '2:OpportunityLineItem', '2:OpportunityPreferredSeller',
    ]);
  });

  it('a lead goes out with Salesforce names and values, and comes back as it was', () => {
    const row = { id: 'lead-1', first_name: 'Ana', last_name: 'Lima', company: null, email: 'ana@example.com', phone: null, street: null, city: 'Porto', postal_code: null, country: 'PT', status: 'Contacted', source_channel: 'PHONE', rating: 'HOT', earliest_interest_date: '2026-03-01', latest_interest_date: '2026-06-30' };
    const { values, problems } = valuesOfRow(mapping('Lead'), row, links);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ LastName: 'Lima', Company: '[not provided]', Status: 'Working - Contacted', LeadSource: 'Phone Inquiry', Rating: 'Hot', EarliestInterestDate: '2026-03-01', L2C_Id__c: 'lead-1' });
    const back = columnsOfValues(mapping('Lead').fields, readRecord(mapping('Lead'), { Id: '00Q000000000001AAA', ...values }).values, reverse).columns;
    expect(back).toMatchObject({ last_name: 'Lima', company: null, status: 'Contacted', source_channel: 'PHONE', rating: 'HOT', city: 'Porto' });
  });

  it('statuses are data: Salesforce defaults translate, unknown ones pass through, custom local ones go out as working', () => {
    expect(leadStatus.fromSalesforce('Closed - Converted')).toBe('Qualified');
    expect(leadStatus.fromSalesforce('Appointment Set')).toBe('Appointment Set');
    expect(leadStatus.toSalesforce('Nurturing')).toBe('Closed - Not Converted');
    expect(leadStatus.toSalesforce('Appointment Set')).toBe('Working - Contacted');
  });

  it('the preferred-seller roles are not symmetric: LeadProvider on leads is DataProvider on opportunities', () => {
    expect(leadSellerRole.toSalesforce('GENERATED_LEAD')).toBe('LeadProvider');
    expect(opportunitySellerRole.toSalesforce('GENERATED_LEAD')).toBe('DataProvider');
    expect(leadSellerRole.fromSalesforce('LeadProvider')).toBe('GENERATED_LEAD');
    expect(opportunitySellerRole.fromSalesforce('DataProvider')).toBe('GENERATED_LEAD');
    expect(() => opportunitySellerRole.fromSalesforce('LeadProvider')).toThrow(/not a known Salesforce value/);
    const seller = { id: 'ops-1', opportunity_id: 'opp-1', dealer_id: 'acc-1', reason: 'GENERATED_LEAD' };
    expect(valuesOfRow(mapping('OpportunityPreferredSeller'), seller, links).values).toMatchObject({ OpportunityId: '006000000000001AAA', AccountId: '001000000000001AAA', AccountRole: 'DataProvider' });
  });

  it('references resolve through the parents\u2019 links; a parent not synced yet is named', () => {
    const { problems } = valuesOfRow(mapping('Contact'), { id: 'c-1', account_id: 'acc-unknown', first_name: null, last_name: 'X', email: null, phone: null, title: null }, links);
    expect(problems.map((p) => [p.code, p.field, p.retryable])).toEqual([['PARENT_NOT_SYNCED', 'AccountId', true]]);
  });

  it('opportunity amounts travel as numbers and come back exact; line quantities must be whole', () => {
    const opportunity = { id: 'opp-1', name: 'Fleet', account_id: 'acc-1', stage: 'Prospecting', amount: '125000.50', close_date: '2026-09-30', probability: 10, source_channel: null };
    expect(valuesOfRow(mapping('Opportunity'), opportunity, links).values).toMatchObject({ Amount: 125000.5, Probability: 10, AccountId: '001000000000001AAA', LeadSource: null });
    const line = readRecord(mapping('LeadLineItem'), { Id: '1LI000000000001AAA', LeadId: '00Q000000000001AAA', Name: 'Model Y', ItemType: 'Service', Quantity: 1.5 });
    const { problems } = columnsOfValues(mapping('LeadLineItem').fields, line.values, reverse);
    expect(problems.map((p) => [p.code, p.field])).toEqual([['UNMAPPABLE_VALUE', 'Quantity']]);
  });

  it('records born in Salesforce get what the local table requires', () => {
    const line = readRecord(mapping('OpportunityLineItem'), { Id: '00k000000000001AAA', OpportunityId: '006000000000001AAA', Description: null, Quantity: 2, UnitPrice: 100 });
    expect(columnsOfValues(mapping('OpportunityLineItem').fields, line.values, reverse).columns).toEqual({ opportunity_id: 'opp-1', product_name: '(no description)', quantity: 2, unit_price: 100 });
    expect(mapping('OpportunityLineItem').mapping.insertDefaults).toEqual({ product_type: 'VEHICLE' });
  });
});
