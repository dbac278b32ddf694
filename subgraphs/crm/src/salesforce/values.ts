/**
 * How CRM's enums read in Salesforce's picklists. Pure data and converters; each translation names the values
 * several local values share (Salesforce's standard picklists are narrower than ours), and which local value the
 * shared Salesforce value reads as when it comes back.
 */
import { convert } from '@l2c/shared';

/** Account.Type ↔ accounts.type. Salesforce types without a CRM twin read as customers. */
export const accountType = convert.picklist(
  { CUSTOMER: 'Customer - Direct', DEALER: 'Dealer', SUPPLIER: 'Other' },
  { inbound: { 'Customer - Channel': 'CUSTOMER', Prospect: 'CUSTOMER', 'Channel Partner / Reseller': 'DEALER' }, unknownInbound: { value: 'CUSTOMER' }, nullInbound: 'CUSTOMER' },
);

/**
 * Lead.Status ↔ leads.status. Statuses are data on both sides: Salesforce's four defaults translate to ours; a
 * Salesforce status we do not translate is stored as it is (it must exist as a lead status here, or the record fails
 * and is listed); a custom local status goes out as `Working - Contacted`.
 */
export const leadStatus = convert.picklist(
  { Open: 'Open - Not Contacted', Contacted: 'Working - Contacted', Qualified: 'Working - Contacted', Unqualified: 'Closed - Not Converted', Nurturing: 'Closed - Not Converted' },
  { inbound: { 'Closed - Converted': 'Qualified' }, unknownInbound: 'passthrough', unknownOutbound: { value: 'Working - Contacted' } },
);

const SOURCES = { WEB: 'Web', PHONE: 'Phone Inquiry', PARTNER: 'Partner Referral', OTHER: 'Other' } as const;

/** Lead.LeadSource ↔ leads.source_channel (required locally: an empty source reads as OTHER). */
export const leadSource = convert.picklist(SOURCES, { inbound: { 'Purchased List': 'OTHER' }, unknownInbound: { value: 'OTHER' }, unknownOutbound: { value: 'Other' }, nullInbound: 'OTHER' });

/** Opportunity.LeadSource ↔ opportunities.source_channel (optional locally). */
export const opportunitySource = convert.picklist(SOURCES, { inbound: { 'Purchased List': 'OTHER' }, unknownInbound: { value: 'OTHER' }, unknownOutbound: { value: 'Other' } });

/** Lead.Rating ↔ leads.rating. */
export const rating = convert.picklist({ HOT: 'Hot', WARM: 'Warm', COLD: 'Cold' });

/** LeadLineItem.ItemType ↔ lead_line_items.product_type (Service items read as accessories; empty as vehicles). */
export const itemType = convert.picklist({ VEHICLE: 'Vehicle', SPARE_PART: 'Part', ACCESSORY: 'Accessory' }, { inbound: { Service: 'ACCESSORY' }, nullInbound: 'VEHICLE' });

/**
 * LeadPreferredSeller.AccountRole ↔ lead_preferred_sellers.reason. The dealer that generated the lead is the
 * `LeadProvider`; every other reason is a `Dealer` the customer prefers.
 */
export const leadSellerRole = convert.picklist({ PREFERRED: 'Dealer', GENERATED_LEAD: 'LeadProvider', PREVIOUS_PURCHASE: 'Dealer', NEAREST: 'Dealer' }, { nullInbound: 'PREFERRED' });

/**
 * OpportunityPreferredSeller.AccountRole ↔ opportunity_preferred_sellers.reason. The two role picklists are not
 * symmetric: what a lead calls `LeadProvider`, an opportunity calls `DataProvider`.
 */
export const opportunitySellerRole = convert.picklist({ PREFERRED: 'Dealer', GENERATED_LEAD: 'DataProvider', PREVIOUS_PURCHASE: 'Dealer', NEAREST: 'Dealer' }, { nullInbound: 'PREFERRED' });

/** Lead.Company is required in Salesforce and optional here; `[not provided]` is what Salesforce's web-to-lead uses. */
export const company = convert.requiredText('[not provided]');
