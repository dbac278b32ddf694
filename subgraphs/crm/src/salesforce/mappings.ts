/**
 * CRM ↔ Salesforce: which table mirrors which sObject, field by field. The engine (`@l2c/shared` sync) checks these
 * against the org's describe at start and syncs parents before children: accounts and leads first, then contacts,
 * opportunities, lead line items and preferred sellers, then opportunity line items and preferred sellers.
 *
 * Our ids travel in `L2C_Id__c` (a unique external ID on every mirrored object). Columns without a Salesforce field
 * stay local: an account's email and servicing dealer, a lead's qualification (need, authority, ability to deliver),
 * nurture and archive data, interest tags and dealer, line item product codes and notes, opportunity contact, dealer,
 * discount and loss reason. Lead conversion is an action in both systems, not a field: converted leads are not synced
 * as conversions.
 */
import { convert, defineMapping, type SyncMapping } from '@l2c/shared';
import { recordInboundLeadEvents, recordInboundOpportunityEvents } from './inboundEvents.ts';
import { accountType, company, itemType, leadSellerRole, leadSource, leadStatus, opportunitySellerRole, opportunitySource, rating } from './values.ts';

const EXTERNAL_ID = 'L2C_Id__c';

export const accountMapping = defineMapping({
  name: 'Account',
  sObject: 'Account',
  table: 'accounts',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'Type', column: 'type', convert: accountType },
    { sf: 'AccountNumber', column: 'dealer_code' },
    { sf: 'Phone', column: 'phone' },
    { sf: 'Website', column: 'website' },
    { sf: 'BillingStreet', column: 'street' },
    { sf: 'BillingCity', column: 'city' },
    { sf: 'BillingPostalCode', column: 'postal_code' },
    { sf: 'BillingCountry', column: 'country' },
  ],
});

export const contactMapping = defineMapping({
  name: 'Contact',
  sObject: 'Contact',
  table: 'contacts',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'AccountId', column: 'account_id', reference: 'Account' },
    { sf: 'FirstName', column: 'first_name' },
    { sf: 'LastName', column: 'last_name' },
    { sf: 'Email', column: 'email' },
    { sf: 'Phone', column: 'phone' },
    { sf: 'Title', column: 'title' },
  ],
});

export const leadMapping = defineMapping({
  name: 'Lead',
  sObject: 'Lead',
  table: 'leads',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  onInboundWrite: recordInboundLeadEvents,
  fields: [
    { sf: 'FirstName', column: 'first_name' },
    { sf: 'LastName', column: 'last_name' },
    { sf: 'Company', column: 'company', convert: company },
    { sf: 'Email', column: 'email' },
    { sf: 'Phone', column: 'phone' },
    { sf: 'Street', column: 'street' },
    { sf: 'City', column: 'city' },
    { sf: 'PostalCode', column: 'postal_code' },
    { sf: 'Country', column: 'country' },
    { sf: 'Status', column: 'status', convert: leadStatus },
    { sf: 'LeadSource', column: 'source_channel', convert: leadSource },
    { sf: 'Rating', column: 'rating', convert: rating },
    { sf: 'EarliestInterestDate', column: 'earliest_interest_date' },
    { sf: 'LatestInterestDate', column: 'latest_interest_date' },
  ],
});

export const leadLineItemMapping = defineMapping({
  name: 'LeadLineItem',
  sObject: 'LeadLineItem',
  table: 'lead_line_items',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  fields: [
    { sf: 'LeadId', column: 'lead_id', reference: 'Lead' },
    { sf: 'Name', column: 'product_name' },
    { sf: 'ItemType', column: 'product_type', convert: itemType },
    { sf: 'Quantity', column: 'quantity', convert: convert.integer() },
  ],
});

export const leadPreferredSellerMapping = defineMapping({
  name: 'LeadPreferredSeller',
  sObject: 'LeadPreferredSeller',
  table: 'lead_preferred_sellers',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  fields: [
    { sf: 'LeadId', column: 'lead_id', reference: 'Lead' },
    { sf: 'AccountId', column: 'dealer_id', reference: 'Account' },
    { sf: 'AccountRole', column: 'reason', convert: leadSellerRole },
  ],
});

export const opportunityMapping = defineMapping({
  name: 'Opportunity',
  sObject: 'Opportunity',
  table: 'opportunities',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  onInboundWrite: recordInboundOpportunityEvents,
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'AccountId', column: 'account_id', reference: 'Account' },
    { sf: 'StageName', column: 'stage' },
    { sf: 'Amount', column: 'amount' },
    { sf: 'CloseDate', column: 'close_date' },
    { sf: 'Probability', column: 'probability', convert: convert.integer(), inboundDefault: 0 },
    { sf: 'LeadSource', column: 'source_channel', convert: opportunitySource },
  ],
});

export const opportunityLineItemMapping = defineMapping({
  name: 'OpportunityLineItem',
  sObject: 'OpportunityLineItem',
  table: 'opportunity_line_items',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  // Salesforce derives a line's Name from its product; the line's own text is its Description.
  insertDefaults: { product_type: 'VEHICLE' },
  fields: [
    { sf: 'OpportunityId', column: 'opportunity_id', reference: 'Opportunity' },
    { sf: 'Description', column: 'product_name', inboundDefault: '(no description)' },
    { sf: 'Quantity', column: 'quantity', convert: convert.integer() },
    { sf: 'UnitPrice', column: 'unit_price' },
  ],
});

export const opportunityPreferredSellerMapping = defineMapping({
  name: 'OpportunityPreferredSeller',
  sObject: 'OpportunityPreferredSeller',
  table: 'opportunity_preferred_sellers',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  fields: [
    { sf: 'OpportunityId', column: 'opportunity_id', reference: 'Opportunity' },
    { sf: 'AccountId', column: 'dealer_id', reference: 'Account' },
    { sf: 'AccountRole', column: 'reason', convert: opportunitySellerRole },
  ],
});

/** Every CRM mapping; the engine orders them parents first. */
export const crmMappings: SyncMapping[] = [
  accountMapping,
  contactMapping,
  leadMapping,
  leadLineItemMapping,
  leadPreferredSellerMapping,
  opportunityMapping,
  opportunityLineItemMapping,
  opportunityPreferredSellerMapping,
];
