import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrderRow, ProductRow, QuoteLineRow, QuoteRow } from '../store/rows.ts';
import { money, UnmappableValueError } from './converters.ts';
import { calculatedDifferences, fromSObject, toSObject } from './mapping.ts';
import { CPQ_MAPPINGS, order, product2, sbqqQuote, sbqqQuoteLine } from './objects.ts';

const at = new Date('2026-11-23T10:00:00.000Z');

const quote: QuoteRow = {
  id: 'q-1', number: 'Q-00001', name: 'Huber fleet', opportunity_id: 'opp-1', account_id: 'acc-1', dealer_id: 'dealer-1', status: 'IN_REVIEW', is_primary: true,
  price_book_id: 'pb-1', start_date: '2027-01-15', expiration_date: '2027-02-14', subscription_term: 24, ship_to: 'Depot Munich',
  list_amount: '84074.00', net_amount: '73774.00', discount_amount: '10300.00', customer_discount_percent: '12.25', submission: 1, submitted_at: at, accepted_at: null,
  denial_reason: null, sync_status: null, synced_at: null, sync_error: null, created_by: 'p-1', created_at: at, updated_at: at,
};

const line: QuoteLineRow = {
  id: 'ql-1', quote_id: 'q-1', number: 1, product_id: 'p-van', product_code: 'V-TRA-CARGOL2H2', product_name: 'Transa Van', category: 'VEHICLE', family: 'Transa Van', charge_type: 'ONE_TIME',
  quantity: 2, list_price: '41200.00', prorated_list_price: '41200.00', volume_discount_percent: '0.00', regular_price: '41200.00', discount_percent: '12.50', discount_amount: null,
  customer_price: '36050.00', net_price: '36050.00', list_total: '82400.00', net_total: '72100.00', total_discount_amount: '10300.00', total_discount_percent: '12.50',
  subscription_term: null, start_date: null, end_date: null, ship_to: null, requested_date: '2027-01-15', created_at: at, updated_at: at,
};

describe('CPQ objects in Salesforce', () => {
  it('push a quote with its parents by external ID, and never the totals CPQ calculates', () => {
    expect(toSObject(sbqqQuote, quote)).toEqual({
      L2C_Id__c: 'q-1',
      SBQQ__Opportunity2__r: { L2C_Id__c: 'opp-1' },
      SBQQ__Account__r: { L2C_Id__c: 'acc-1' },
      SBQQ__Primary__c: true,
      SBQQ__Status__c: 'In Review',
      SBQQ__StartDate__c: '2027-01-15',
      SBQQ__ExpirationDate__c: '2027-02-14',
      SBQQ__SubscriptionTerm__c: 24,
      SBQQ__PriceBook__r: { L2C_Id__c: 'pb-1' },
      SBQQ__Type__c: 'Quote',
    });
  });

  it('push a quote line’s price waterfall exactly, empty discounts as null', () => {
    const record = toSObject(sbqqQuoteLine, line);
    expect(record).toMatchObject({
      SBQQ__Quote__r: { L2C_Id__c: 'q-1' },
      SBQQ__Product__r: { L2C_Id__c: 'p-van' },
      SBQQ__Quantity__c: 2,
      SBQQ__ListPrice__c: 41200,
      SBQQ__Discount__c: 12.5,
      SBQQ__AdditionalDiscountAmount__c: null,
      SBQQ__NetPrice__c: 36050,
      SBQQ__ChargeType__c: 'One-Time',
    });
    expect(record).not.toHaveProperty('SBQQ__NetTotal__c');
  });

  it('read CPQ’s calculated totals back and report any difference, to the cent', () => {
    expect(calculatedDifferences(sbqqQuoteLine, line, { SBQQ__NetTotal__c: 72100, SBQQ__TotalDiscountAmount__c: 10300, SBQQ__TotalDiscountRate__c: 12.5 })).toEqual([]);
    expect(calculatedDifferences(sbqqQuote, quote, { SBQQ__NetAmount__c: 73774.01, SBQQ__ListAmount__c: 84074 })).toEqual([{ field: 'SBQQ__NetAmount__c', ours: '73774.00', salesforce: '73774.01' }]);
    const activated: OrderRow = { id: 'o-1', number: 'O-00001', quote_id: 'q-1', opportunity_id: 'opp-1', account_id: 'acc-1', dealer_id: null, status: 'ACTIVATED', ship_to: null, effective_date: '2027-01-15', total_amount: '72100.00', activated_at: at, contract_id: 'c-1', created_at: at, updated_at: at };
    expect(toSObject(order, activated)).toMatchObject({ Name: 'O-00001', Status: 'Activated', ActivatedDate: '2026-11-23T10:00:00.000Z', Contract: { L2C_Id__c: 'c-1' }, Type: 'New' });
    expect(calculatedDifferences(order, activated, { TotalAmount: 72100 })).toEqual([]);
  });

  it('read products mastered in Salesforce, and refuse picklist values the org is not known to use', () => {
    const product: ProductRow = { id: 'p-plan', code: 'S-MAINT', name: 'Maintenance plan', category: 'SERVICE', family: 'Service plans', description: null, is_active: true, charge_type: 'RECURRING', default_subscription_term: 12, entitlement_name: null, entitlement_months: null, created_at: at, updated_at: at };
    const record = toSObject(product2, product);
    expect(record).toEqual({ L2C_Id__c: 'p-plan', Name: 'Maintenance plan', ProductCode: 'S-MAINT', Description: null, IsActive: true, Family: 'Service', SBQQ__ChargeType__c: 'Recurring', SBQQ__SubscriptionTerm__c: 12 });
    expect(fromSObject(product2, record)).toEqual({ id: 'p-plan', name: 'Maintenance plan', code: 'S-MAINT', description: null, is_active: true, category: 'SERVICE', charge_type: 'RECURRING', default_subscription_term: 12 });
    expect(() => fromSObject(product2, { ...record, SBQQ__ChargeType__c: 'Usage' })).toThrow(/SBQQ__ChargeType__c: is not a value this org's picklist is known to use/);
    expect(() => fromSObject(sbqqQuote, { SBQQ__Status__c: 'Booked' })).toThrow(UnmappableValueError);
  });

  it('keep money exact both ways, refusing what a double cannot carry instead of rounding it', () => {
    expect(money.toSalesforce('73774.00')).toBe(73774);
    expect(money.toSalesforce('0.10')).toBe(0.1);
    expect(money.fromSalesforce(0.1)).toBe('0.10');
    expect(money.fromSalesforce(1234.5)).toBe('1234.50');
    expect(() => money.toSalesforce('12345678901234567.89')).toThrow(/more digits than Salesforce stores exactly/);
    expect(() => money.fromSalesforce(0.1 + 0.2)).toThrow(/at most 2 decimal places/);
  });

  it('map only columns CPQ’s tables have, parents before children', () => {
    const sql = readFileSync(new URL('../store/migrations/0001_cpq.sql', import.meta.url), 'utf8');
    for (const mapping of CPQ_MAPPINGS) {
      const table = new RegExp(`create table ${mapping.table} \\(([\\s\\S]*?)\\n\\);`).exec(sql)?.[1];
      expect(table, mapping.table).toBeDefined();
      for (const field of mapping.fields) expect(table, `${mapping.sObject}.${field.sf} → ${mapping.table}.${field.column}`).toMatch(new RegExp(`^  ${field.column} `, 'm'));
    }
    const mirrored = CPQ_MAPPINGS.map((m) => m.sObject);
    for (const [i, mapping] of CPQ_MAPPINGS.entries()) {
      for (const field of mapping.fields) {
        const parent = field.reference?.sObject;
        if (parent && mirrored.includes(parent) && parent !== mapping.sObject) expect(mirrored.indexOf(parent), `${mapping.sObject}.${field.sf}`).toBeLessThan(i);
      }
    }
  });
});
