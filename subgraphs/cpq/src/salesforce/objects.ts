import { boolean, date, dateTime, integer, money, percent, picklist } from './converters.ts';
import type { FieldSpec, ObjectMapping } from './mapping.ts';

/**
 * CPQ's tables as Salesforce CPQ (SBQQ), Advanced Approvals (sbaa) and standard objects, with the real API names
 * (see ../../../../../shared/salesforce-objects.md, 1b). Decisions that are not obvious from the names:
 *
 * - CPQ's calculator owns its totals (`SBQQ__NetAmount__c`, `SBQQ__NetTotal__c`, `TotalAmount`, a contract's
 *   `EndDate`): they are formula or roll-up fields, so they are read back (to check they agree to the cent), never
 *   written.
 * - `SBQQ__Ordered__c` and `SBQQ__Contracted__c` are never pushed: in Salesforce they make CPQ create its own orders
 *   and contracts, which would duplicate the ones mirrored from here.
 * - Parents are named by external ID. CRM owns Account and Opportunity and mirrors them with the same `L2C_Id__c`.
 * - Columns without a Salesforce field stay local: a product's family (our model line; `Family` holds the category)
 *   and entitlement terms, a quote's number and ship-to, a line's ship-to and requested date (the order split),
 *   approval inputs and reasons, and the approval group (sbaa groups are Salesforce public groups, not ours).
 * - Rules naming a group or a chain push without an approver: in sbaa a chain is rules sharing a chain with steps,
 *   and a group is a public group; expanding ours into those is the sync's job once groups and users are mirrored.
 */

const reference = (sObject: string, relationship: string) => ({ sObject, relationship });
const account = (column: string, sf = 'AccountId', relationship = 'Account'): FieldSpec => ({ sf, column, reference: reference('Account', relationship) });
const product = (sf: string, relationship: string): FieldSpec => ({ sf, column: 'product_id', reference: reference('Product2', relationship) });

export const productCategory = picklist({ VEHICLE: 'Vehicle', SPARE_PART: 'Part', ACCESSORY: 'Accessory', SERVICE: 'Service' });
export const chargeType = picklist({ ONE_TIME: 'One-Time', RECURRING: 'Recurring' });
export const quoteStatus = picklist({ DRAFT: 'Draft', IN_REVIEW: 'In Review', APPROVED: 'Approved', REJECTED: 'Rejected', PRESENTED: 'Presented', ACCEPTED: 'Accepted', DENIED: 'Denied' });
export const approvalStatus = picklist({ ASSIGNED: 'Assigned', REQUESTED: 'Requested', APPROVED: 'Approved', REJECTED: 'Rejected', REVOKED: 'Revoked' });
export const orderStatus = picklist({ DRAFT: 'Draft', ACTIVATED: 'Activated' });
export const contractStatus = picklist({ ACTIVATED: 'Activated' });
export const assetStatus = picklist({ PURCHASED: 'Purchased' });
export const conditionsMet = picklist({ ALL: 'All', ANY: 'Any' });

/** The catalogue may be mastered in Salesforce: products, price books and entries map both ways. */
export const product2: ObjectMapping = {
  sObject: 'Product2',
  table: 'products',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'ProductCode', column: 'code' },
    { sf: 'Description', column: 'description' },
    { sf: 'IsActive', column: 'is_active', convert: boolean },
    { sf: 'Family', column: 'category', convert: productCategory },
    { sf: 'SBQQ__ChargeType__c', column: 'charge_type', convert: chargeType },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'default_subscription_term', convert: integer },
  ],
};

/**
 * Price books. The standard one is matched to the org's own (`IsStandard`, which the API cannot set) rather than
 * created; a dealer's book names its dealer in `L2C_Dealer__c`, an org-added lookup to Account.
 */
export const pricebook2: ObjectMapping = {
  sObject: 'Pricebook2',
  table: 'price_books',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'IsActive', column: 'is_active', convert: boolean },
    { sf: 'IsStandard', column: 'is_standard', convert: boolean, direction: 'inbound' },
    { sf: 'L2C_Dealer__c', column: 'dealer_id', reference: reference('Account', 'L2C_Dealer__r') },
  ],
};

export const pricebookEntry: ObjectMapping = {
  sObject: 'PricebookEntry',
  table: 'price_book_entries',
  fields: [
    { sf: 'Pricebook2Id', column: 'price_book_id', reference: reference('Pricebook2', 'Pricebook2') },
    product('Product2Id', 'Product2'),
    { sf: 'UnitPrice', column: 'unit_price', convert: money },
    { sf: 'IsActive', column: 'is_active', convert: boolean },
  ],
};

/** Quotes are made here and pushed: CPQ's inputs go out, its calculated totals come back for comparison. */
export const sbqqQuote: ObjectMapping = {
  sObject: 'SBQQ__Quote__c',
  table: 'quotes',
  constants: { SBQQ__Type__c: 'Quote' },
  fields: [
    { sf: 'SBQQ__Opportunity2__c', column: 'opportunity_id', reference: reference('Opportunity', 'SBQQ__Opportunity2__r') },
    account('account_id', 'SBQQ__Account__c', 'SBQQ__Account__r'),
    { sf: 'SBQQ__Primary__c', column: 'is_primary', convert: boolean },
    { sf: 'SBQQ__Status__c', column: 'status', convert: quoteStatus },
    { sf: 'SBQQ__StartDate__c', column: 'start_date', convert: date },
    { sf: 'SBQQ__ExpirationDate__c', column: 'expiration_date', convert: date },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'subscription_term', convert: integer },
    { sf: 'SBQQ__PriceBook__c', column: 'price_book_id', reference: reference('Pricebook2', 'SBQQ__PriceBook__r') },
    { sf: 'SBQQ__ListAmount__c', column: 'list_amount', convert: money, direction: 'inbound' },
    { sf: 'SBQQ__NetAmount__c', column: 'net_amount', convert: money, direction: 'inbound' },
  ],
};

export const sbqqQuoteLine: ObjectMapping = {
  sObject: 'SBQQ__QuoteLine__c',
  table: 'quote_lines',
  fields: [
    { sf: 'SBQQ__Quote__c', column: 'quote_id', reference: reference('SBQQ__Quote__c', 'SBQQ__Quote__r') },
    product('SBQQ__Product__c', 'SBQQ__Product__r'),
    { sf: 'SBQQ__Number__c', column: 'number', convert: integer },
    { sf: 'SBQQ__Quantity__c', column: 'quantity', convert: integer },
    { sf: 'SBQQ__ChargeType__c', column: 'charge_type', convert: chargeType },
    { sf: 'SBQQ__ListPrice__c', column: 'list_price', convert: money },
    { sf: 'SBQQ__VolumeDiscount__c', column: 'volume_discount_percent', convert: percent },
    { sf: 'SBQQ__RegularPrice__c', column: 'regular_price', convert: money },
    { sf: 'SBQQ__Discount__c', column: 'discount_percent', convert: percent },
    { sf: 'SBQQ__AdditionalDiscountAmount__c', column: 'discount_amount', convert: money },
    { sf: 'SBQQ__CustomerPrice__c', column: 'customer_price', convert: money },
    { sf: 'SBQQ__NetPrice__c', column: 'net_price', convert: money },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'subscription_term', convert: integer },
    { sf: 'SBQQ__StartDate__c', column: 'start_date', convert: date },
    { sf: 'SBQQ__EndDate__c', column: 'end_date', convert: date },
    { sf: 'SBQQ__NetTotal__c', column: 'net_total', convert: money, direction: 'inbound' },
    { sf: 'SBQQ__TotalDiscountAmount__c', column: 'total_discount_amount', convert: money, direction: 'inbound' },
    { sf: 'SBQQ__TotalDiscountRate__c', column: 'total_discount_percent', convert: percent, direction: 'inbound' },
  ],
};

export const sbaaApprover: ObjectMapping = {
  sObject: 'sbaa__Approver__c',
  table: 'approvers',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'sbaa__DelegatedApprover__c', column: 'delegate_id', reference: reference('sbaa__Approver__c', 'sbaa__DelegatedApprover__r') },
    { sf: 'sbaa__DelegationStart__c', column: 'delegation_start', convert: date },
    { sf: 'sbaa__DelegationEnd__c', column: 'delegation_end', convert: date },
  ],
};

export const sbaaApprovalRule: ObjectMapping = {
  sObject: 'sbaa__ApprovalRule__c',
  table: 'approval_rules',
  constants: { sbaa__TargetObject__c: 'SBQQ__Quote__c' },
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'sbaa__Active__c', column: 'is_active', convert: boolean },
    { sf: 'sbaa__ApprovalStep__c', column: 'level', convert: integer },
    { sf: 'sbaa__ConditionsMet__c', column: 'conditions_met', convert: conditionsMet },
    { sf: 'sbaa__Approver__c', column: 'approver_id', reference: reference('sbaa__Approver__c', 'sbaa__Approver__r') },
  ],
};

/**
 * Approvals go out for reporting and for approvers who work in Salesforce. The lookup to the quote is the
 * org-created `Quote__c` (Advanced Approvals ships none); `sbaa__ApprovedBy__c`/`RejectedBy__c` are User lookups and
 * our approvers need not be users, so who decided stays local.
 */
export const sbaaApproval: ObjectMapping = {
  sObject: 'sbaa__Approval__c',
  table: 'approvals',
  // Advanced Approvals requires the name of the approval's lookup to the approved record.
  constants: { sbaa__RecordField__c: 'Quote__c' },
  fields: [
    { sf: 'Quote__c', column: 'quote_id', reference: reference('SBQQ__Quote__c', 'Quote__r') },
    { sf: 'sbaa__Rule__c', column: 'rule_id', reference: reference('sbaa__ApprovalRule__c', 'sbaa__Rule__r') },
    { sf: 'sbaa__Approver__c', column: 'approver_id', reference: reference('sbaa__Approver__c', 'sbaa__Approver__r') },
    { sf: 'sbaa__ApprovalStep__c', column: 'level', convert: integer },
    { sf: 'sbaa__Status__c', column: 'status', convert: approvalStatus },
    { sf: 'sbaa__CommentsLong__c', column: 'comment' },
  ],
};

/**
 * Orders and their items. Salesforce also needs the order's `Pricebook2Id` and each item's `PricebookEntryId`; those
 * are the quote's price book and its entry for the product, which the sync resolves (they are no column here).
 */
export const order: ObjectMapping = {
  sObject: 'Order',
  table: 'orders',
  constants: { Type: 'New' },
  fields: [
    { sf: 'Name', column: 'number' },
    account('account_id'),
    { sf: 'OpportunityId', column: 'opportunity_id', reference: reference('Opportunity', 'Opportunity') },
    { sf: 'SBQQ__Quote__c', column: 'quote_id', reference: reference('SBQQ__Quote__c', 'SBQQ__Quote__r') },
    { sf: 'ContractId', column: 'contract_id', reference: reference('Contract', 'Contract') },
    { sf: 'Status', column: 'status', convert: orderStatus },
    { sf: 'EffectiveDate', column: 'effective_date', convert: date },
    { sf: 'ActivatedDate', column: 'activated_at', convert: dateTime },
    { sf: 'TotalAmount', column: 'total_amount', convert: money, direction: 'inbound' },
  ],
};

export const orderItem: ObjectMapping = {
  sObject: 'OrderItem',
  table: 'order_items',
  fields: [
    { sf: 'OrderId', column: 'order_id', reference: reference('Order', 'Order') },
    product('Product2Id', 'Product2'),
    { sf: 'SBQQ__QuoteLine__c', column: 'quote_line_id', reference: reference('SBQQ__QuoteLine__c', 'SBQQ__QuoteLine__r') },
    { sf: 'Quantity', column: 'quantity', convert: integer },
    { sf: 'ListPrice', column: 'list_price', convert: money },
    { sf: 'UnitPrice', column: 'unit_price', convert: money },
    { sf: 'ServiceDate', column: 'start_date', convert: date },
    { sf: 'SBQQ__ChargeType__c', column: 'charge_type', convert: chargeType },
    { sf: 'SBQQ__SubscriptionTerm__c', column: 'subscription_term', convert: integer },
    { sf: 'TotalPrice', column: 'total_price', convert: money, direction: 'inbound' },
  ],
};

/**
 * Contracts: Salesforce computes `EndDate` from `StartDate` and `ContractTerm` with the same rule as ours (the day
 * before the same day N months later), so it is read back, not written. A contract is inserted as Draft and then
 * activated in Salesforce; the sync does that in two steps.
 */
export const contract: ObjectMapping = {
  sObject: 'Contract',
  table: 'contracts',
  fields: [
    account('account_id'),
    { sf: 'Status', column: 'status', convert: contractStatus },
    { sf: 'StartDate', column: 'start_date', convert: date },
    { sf: 'ContractTerm', column: 'term_months', convert: integer },
    { sf: 'ActivatedDate', column: 'activated_at', convert: dateTime },
    { sf: 'SBQQ__Opportunity__c', column: 'opportunity_id', reference: reference('Opportunity', 'SBQQ__Opportunity__r') },
    { sf: 'SBQQ__Quote__c', column: 'quote_id', reference: reference('SBQQ__Quote__c', 'SBQQ__Quote__r') },
    { sf: 'EndDate', column: 'end_date', convert: date, direction: 'inbound' },
  ],
};

export const sbqqSubscription: ObjectMapping = {
  sObject: 'SBQQ__Subscription__c',
  table: 'subscriptions',
  fields: [
    { sf: 'SBQQ__Contract__c', column: 'contract_id', reference: reference('Contract', 'SBQQ__Contract__r') },
    account('account_id', 'SBQQ__Account__c', 'SBQQ__Account__r'),
    product('SBQQ__Product__c', 'SBQQ__Product__r'),
    { sf: 'SBQQ__OrderProduct__c', column: 'order_item_id', reference: reference('OrderItem', 'SBQQ__OrderProduct__r') },
    { sf: 'SBQQ__Quantity__c', column: 'quantity', convert: integer },
    { sf: 'SBQQ__NetPrice__c', column: 'net_price', convert: money },
    // SBQQ__StartDate__c and SBQQ__EndDate__c are formulas on the subscription; these are the writable dates.
    { sf: 'SBQQ__SubscriptionStartDate__c', column: 'start_date', convert: date },
    { sf: 'SBQQ__SubscriptionEndDate__c', column: 'end_date', convert: date },
  ],
};

export const asset: ObjectMapping = {
  sObject: 'Asset',
  table: 'assets',
  fields: [
    { sf: 'Name', column: 'name' },
    account('account_id'),
    product('Product2Id', 'Product2'),
    { sf: 'SerialNumber', column: 'serial_number' },
    { sf: 'Status', column: 'status', convert: assetStatus, direction: 'outbound' },
    { sf: 'Quantity', column: 'quantity', convert: integer },
    { sf: 'Price', column: 'price', convert: money },
    { sf: 'InstallDate', column: 'install_date', convert: date },
    { sf: 'PurchaseDate', column: 'purchase_date', convert: date },
  ],
};

/** Standard Entitlement: what service an account is owed, and when. */
export const entitlement: ObjectMapping = {
  sObject: 'Entitlement',
  table: 'entitlements',
  fields: [
    { sf: 'Name', column: 'name' },
    account('account_id'),
    { sf: 'AssetId', column: 'asset_id', reference: reference('Asset', 'Asset') },
    { sf: 'StartDate', column: 'start_date', convert: date },
    { sf: 'EndDate', column: 'end_date', convert: date },
  ],
};

/** Every CPQ mapping, parents before children: the order a sync pushes them in. */
export const CPQ_MAPPINGS: readonly ObjectMapping[] = [
  product2,
  pricebook2,
  pricebookEntry,
  sbaaApprover,
  sbaaApprovalRule,
  sbqqQuote,
  sbqqQuoteLine,
  sbaaApproval,
  contract,
  order,
  orderItem,
  sbqqSubscription,
  asset,
  entitlement,
];
