/**
 * CPQ ↔ Salesforce: CPQ's tables as Salesforce CPQ (SBQQ), Advanced Approvals (sbaa) and standard objects, with the
 * real API names (shared/salesforce-objects.md, 1b), declared for the sync engine. The engine checks them against
 * the org's describe at start and syncs parents before children (the levels are listed in docs/sync.md).
 *
 * Directions:
 * - **both** where Salesforce lets us write and people work on the records there too: the catalogue (products, price
 *   books, entries), quotes and their lines, and approvals (an approver who decides in Salesforce is heard here).
 * - **inbound only**, within those, the fields Salesforce calculates: a quote line's `SBQQ__NetTotal__c` (CPQ's net
 *   unit price × quantity, a formula), a price book's `IsStandard` (the org's own). They are read, never written:
 *   Salesforce refuses writes to them, and after a push they must agree with ours to the cent (the next inbound run
 *   writes Salesforce's value when they do not, so a difference shows in the store rather than hiding in the org).
 * - **outbound** for what only this subgraph creates: approvers and approval rules (people with identities here,
 *   rules with conditions sbaa models differently), and everything an accepted quote becomes — orders and order
 *   products, contracts, subscriptions, assets, entitlements. `SBQQ__Ordered__c` and `SBQQ__Contracted__c` are never
 *   pushed: in Salesforce they make CPQ create its own orders and contracts, which would duplicate ours.
 *
 * Lookups to what CRM mirrors (Account, Opportunity) are `externalReference`s: they travel by the parent's
 * `L2C_Id__c`, never through CRM's store. Columns without a Salesforce field stay local: a product's family, quote
 * numbers and ship-to, line ship-to and requested dates (the order split), approval inputs and reasons, groups and
 * chains (sbaa groups are Salesforce public groups).
 */
import { convert, defineMapping, type SyncMapping } from '@l2c/shared';

const EXTERNAL_ID = 'L2C_Id__c';

export const productCategory = convert.picklist({ VEHICLE: 'Vehicle', SPARE_PART: 'Part', ACCESSORY: 'Accessory', SERVICE: 'Service' }, { nullInbound: 'VEHICLE' });
export const chargeType = convert.picklist({ ONE_TIME: 'One-Time', RECURRING: 'Recurring' }, { nullInbound: 'ONE_TIME' });
export const quoteStatus = convert.picklist({ DRAFT: 'Draft', IN_REVIEW: 'In Review', APPROVED: 'Approved', REJECTED: 'Rejected', PRESENTED: 'Presented', ACCEPTED: 'Accepted', DENIED: 'Denied' }, { nullInbound: 'DRAFT' });
export const approvalStatus = convert.picklist({ ASSIGNED: 'Assigned', REQUESTED: 'Requested', APPROVED: 'Approved', REJECTED: 'Rejected', REVOKED: 'Revoked' });
export const orderStatus = convert.picklist({ DRAFT: 'Draft', ACTIVATED: 'Activated' });
export const contractStatus = convert.picklist({ ACTIVATED: 'Activated' });
export const assetStatus = convert.picklist({ PURCHASED: 'Purchased' });
export const conditionsMet = convert.picklist({ ALL: 'All', ANY: 'Any' });

const integer = convert.integer();

export const productMapping = defineMapping({
  name: 'Product2',
  sObject: 'Product2',
  table: 'products',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'ProductCode', column: 'code' },
    { sf: 'Description', column: 'description' },
    { sf: 'IsActive', column: 'is_active', inboundDefault: false },
    { sf: 'Family', column: 'category', convert: productCategory },
    { sf: 'SBQQ__ChargeType__c', column: 'charge_type', convert: chargeType },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'default_subscription_term', convert: integer },
  ],
});

/**
 * Price books. The standard book is the org's own (`IsStandard`, which the API cannot set): before the first push it
 * is stamped with our standard book's id (`adoptStandardPriceBook`), so the two are one record. A dealer's book names
 * its dealer in `L2C_Dealer__c`, an org-added lookup to Account.
 */
export const priceBookMapping = defineMapping({
  name: 'Pricebook2',
  sObject: 'Pricebook2',
  table: 'price_books',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'IsActive', column: 'is_active', inboundDefault: false },
    { sf: 'IsStandard', column: 'is_standard', direction: 'inbound', inboundDefault: false },
    { sf: 'L2C_Dealer__c', column: 'dealer_id', externalReference: 'Account' },
  ],
});

export const priceBookEntryMapping = defineMapping({
  name: 'PricebookEntry',
  sObject: 'PricebookEntry',
  table: 'price_book_entries',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Pricebook2Id', column: 'price_book_id', reference: 'Pricebook2' },
    { sf: 'Product2Id', column: 'product_id', reference: 'Product2' },
    { sf: 'UnitPrice', column: 'unit_price' },
    { sf: 'IsActive', column: 'is_active', inboundDefault: false },
  ],
});

/** Quotes are made here and in Salesforce; CPQ's inputs travel both ways. */
export const quoteMapping = defineMapping({
  name: 'SBQQ__Quote__c',
  sObject: 'SBQQ__Quote__c',
  table: 'quotes',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  constants: { SBQQ__Type__c: 'Quote' },
  fields: [
    { sf: 'SBQQ__Opportunity2__c', column: 'opportunity_id', externalReference: 'Opportunity' },
    { sf: 'SBQQ__Account__c', column: 'account_id', externalReference: 'Account' },
    { sf: 'SBQQ__Primary__c', column: 'is_primary', inboundDefault: false },
    { sf: 'SBQQ__Status__c', column: 'status', convert: quoteStatus },
    { sf: 'SBQQ__StartDate__c', column: 'start_date' },
    { sf: 'SBQQ__ExpirationDate__c', column: 'expiration_date' },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'subscription_term', convert: integer, inboundDefault: 12 },
    { sf: 'SBQQ__PriceBook__c', column: 'price_book_id', reference: 'Pricebook2' },
  ],
});

/** A line's price waterfall goes out as computed here; its net total is CPQ's formula and comes back. */
export const quoteLineMapping = defineMapping({
  name: 'SBQQ__QuoteLine__c',
  sObject: 'SBQQ__QuoteLine__c',
  table: 'quote_lines',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'SBQQ__Quote__c', column: 'quote_id', reference: 'SBQQ__Quote__c' },
    { sf: 'SBQQ__Product__c', column: 'product_id', reference: 'Product2' },
    { sf: 'SBQQ__Number__c', column: 'number', convert: integer },
    { sf: 'SBQQ__Quantity__c', column: 'quantity', convert: integer },
    { sf: 'SBQQ__ChargeType__c', column: 'charge_type', convert: chargeType },
    { sf: 'SBQQ__ListPrice__c', column: 'list_price' },
    { sf: 'SBQQ__VolumeDiscount__c', column: 'volume_discount_percent' },
    { sf: 'SBQQ__RegularPrice__c', column: 'regular_price' },
    { sf: 'SBQQ__Discount__c', column: 'discount_percent' },
    { sf: 'SBQQ__AdditionalDiscountAmount__c', column: 'discount_amount' },
    { sf: 'SBQQ__CustomerPrice__c', column: 'customer_price' },
    { sf: 'SBQQ__NetPrice__c', column: 'net_price' },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'subscription_term', convert: integer },
    { sf: 'SBQQ__StartDate__c', column: 'start_date' },
    { sf: 'SBQQ__EndDate__c', column: 'end_date' },
    { sf: 'SBQQ__NetTotal__c', column: 'net_total', direction: 'inbound' },
  ],
});

export const approverMapping = defineMapping({
  name: 'sbaa__Approver__c',
  sObject: 'sbaa__Approver__c',
  table: 'approvers',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'sbaa__DelegatedApprover__c', column: 'delegate_id', reference: 'sbaa__Approver__c' },
    { sf: 'sbaa__DelegationStart__c', column: 'delegation_start' },
    { sf: 'sbaa__DelegationEnd__c', column: 'delegation_end' },
  ],
});

/** Rules naming a group or a chain push without an approver: sbaa's groups are public groups, its chains rule sets. */
export const approvalRuleMapping = defineMapping({
  name: 'sbaa__ApprovalRule__c',
  sObject: 'sbaa__ApprovalRule__c',
  table: 'approval_rules',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'sbaa__Active__c', column: 'is_active' },
    { sf: 'sbaa__ApprovalStep__c', column: 'level', convert: integer },
    { sf: 'sbaa__ConditionsMet__c', column: 'conditions_met', convert: conditionsMet },
    { sf: 'sbaa__Approver__c', column: 'approver_id', reference: 'sbaa__Approver__c' },
  ],
});

/**
 * Approvals go out for approvers who work in Salesforce, and their decisions (status, comment) come back. The lookup
 * to the quote is the org-created `Quote__c` (Advanced Approvals ships none); `sbaa__ApprovedBy__c` is a User lookup
 * and our approvers need not be users, so who decided stays local. Approvals are created here, from rules: one born
 * in Salesforce without its rule and submission is refused by the store and listed as a failure.
 */
export const approvalMapping = defineMapping({
  name: 'sbaa__Approval__c',
  sObject: 'sbaa__Approval__c',
  table: 'approvals',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'salesforce_wins',
  touchColumn: 'updated_at',
  // Advanced Approvals requires the name of the approval's lookup to the approved record.
  constants: { sbaa__RecordField__c: 'Quote__c' },
  fields: [
    { sf: 'Quote__c', column: 'quote_id', reference: 'SBQQ__Quote__c', direction: 'outbound' },
    { sf: 'sbaa__Rule__c', column: 'rule_id', reference: 'sbaa__ApprovalRule__c', direction: 'outbound' },
    { sf: 'sbaa__Approver__c', column: 'approver_id', reference: 'sbaa__Approver__c', direction: 'outbound' },
    { sf: 'sbaa__ApprovalStep__c', column: 'level', convert: integer, direction: 'outbound' },
    { sf: 'sbaa__Status__c', column: 'status', convert: approvalStatus },
    { sf: 'sbaa__CommentsLong__c', column: 'comment' },
  ],
});

export const contractMapping = defineMapping({
  name: 'Contract',
  sObject: 'Contract',
  table: 'contracts',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'AccountId', column: 'account_id', externalReference: 'Account' },
    { sf: 'Status', column: 'status', convert: contractStatus },
    { sf: 'StartDate', column: 'start_date' },
    { sf: 'ContractTerm', column: 'term_months', convert: integer },
    { sf: 'ActivatedDate', column: 'activated_at' },
    { sf: 'SBQQ__Opportunity__c', column: 'opportunity_id', externalReference: 'Opportunity' },
    { sf: 'SBQQ__Quote__c', column: 'quote_id', reference: 'SBQQ__Quote__c' },
  ],
});

export const orderMapping = defineMapping({
  name: 'Order',
  sObject: 'Order',
  table: 'orders',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  constants: { Type: 'New' },
  fields: [
    { sf: 'Name', column: 'number' },
    { sf: 'AccountId', column: 'account_id', externalReference: 'Account' },
    { sf: 'OpportunityId', column: 'opportunity_id', externalReference: 'Opportunity' },
    { sf: 'SBQQ__Quote__c', column: 'quote_id', reference: 'SBQQ__Quote__c' },
    { sf: 'ContractId', column: 'contract_id', reference: 'Contract' },
    { sf: 'Status', column: 'status', convert: orderStatus },
    { sf: 'EffectiveDate', column: 'effective_date' },
    { sf: 'ActivatedDate', column: 'activated_at' },
  ],
});

export const orderItemMapping = defineMapping({
  name: 'OrderItem',
  sObject: 'OrderItem',
  table: 'order_items',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'OrderId', column: 'order_id', reference: 'Order' },
    { sf: 'PricebookEntryId', column: 'price_book_entry_id', reference: 'PricebookEntry' },
    { sf: 'Product2Id', column: 'product_id', reference: 'Product2' },
    { sf: 'SBQQ__QuoteLine__c', column: 'quote_line_id', reference: 'SBQQ__QuoteLine__c' },
    { sf: 'Quantity', column: 'quantity', convert: integer },
    { sf: 'ListPrice', column: 'list_price' },
    { sf: 'UnitPrice', column: 'unit_price' },
    { sf: 'ServiceDate', column: 'start_date' },
    { sf: 'SBQQ__ChargeType__c', column: 'charge_type', convert: chargeType },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'subscription_term', convert: integer },
  ],
});

export const subscriptionMapping = defineMapping({
  name: 'SBQQ__Subscription__c',
  sObject: 'SBQQ__Subscription__c',
  table: 'subscriptions',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'SBQQ__Contract__c', column: 'contract_id', reference: 'Contract' },
    { sf: 'SBQQ__Account__c', column: 'account_id', externalReference: 'Account' },
    { sf: 'SBQQ__Product__c', column: 'product_id', reference: 'Product2' },
    { sf: 'SBQQ__OrderProduct__c', column: 'order_item_id', reference: 'OrderItem' },
    { sf: 'SBQQ__Quantity__c', column: 'quantity', convert: integer },
    { sf: 'SBQQ__NetPrice__c', column: 'net_price' },
    // SBQQ__StartDate__c and SBQQ__EndDate__c are formulas on the subscription; these are the writable dates.
    { sf: 'SBQQ__SubscriptionStartDate__c', column: 'start_date' },
    { sf: 'SBQQ__SubscriptionEndDate__c', column: 'end_date' },
  ],
});

export const assetMapping = defineMapping({
  name: 'Asset',
  sObject: 'Asset',
  table: 'assets',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'AccountId', column: 'account_id', externalReference: 'Account' },
    { sf: 'Product2Id', column: 'product_id', reference: 'Product2' },
    { sf: 'SerialNumber', column: 'serial_number' },
    { sf: 'Status', column: 'status', convert: assetStatus },
    { sf: 'Quantity', column: 'quantity', convert: integer },
    { sf: 'Price', column: 'price' },
    { sf: 'InstallDate', column: 'install_date' },
    { sf: 'PurchaseDate', column: 'purchase_date' },
  ],
});

/** Standard Entitlement: what service an account is owed, and when. */
export const entitlementMapping = defineMapping({
  name: 'Entitlement',
  sObject: 'Entitlement',
  table: 'entitlements',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'AccountId', column: 'account_id', externalReference: 'Account' },
    { sf: 'AssetId', column: 'asset_id', reference: 'Asset' },
    { sf: 'StartDate', column: 'start_date' },
    { sf: 'EndDate', column: 'end_date' },
  ],
});

/** Every CPQ mapping; the engine orders them parents first. */
export const cpqMappings: SyncMapping[] = [
  productMapping,
  priceBookMapping,
  priceBookEntryMapping,
  approverMapping,
  approvalRuleMapping,
  quoteMapping,
  quoteLineMapping,
  approvalMapping,
  contractMapping,
  orderMapping,
  orderItemMapping,
  subscriptionMapping,
  assetMapping,
  entitlementMapping,
];
