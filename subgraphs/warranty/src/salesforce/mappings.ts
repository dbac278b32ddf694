/**
 * Warranty ↔ Salesforce (Automotive Cloud / Warranty Lifecycle Management): which table mirrors which sObject, field
 * by field. The engine (`@l2c/shared` sync) checks these against the org's describe at start and syncs parents first.
 *
 * Our ids travel in `L2C_Id__c`. Three objects other subgraphs own are read here, inbound only and only the records
 * the graph gave an `L2C_Id__c` (CRM's accounts, CPQ's products and assets): they are the parents warranty's records
 * point at (a claim's dealer, an asset warranty's asset), linked by the same id, so warranty never writes them.
 *
 * Decisions not obvious from the names:
 * - Durations are months here; each Salesforce duration's unit is mapped to a column that only holds `Months`, so a
 *   term kept in other units in the org is refused on the way in (its failure names the field) instead of misread.
 * - Roll-ups and formulas (TotalClaimedAmount, ApprovedAmount) are never written; approved and paid amounts travel in
 *   the org's own `L2C_*` fields. A paid claim is `Approved` and closed there (Salesforce has no Paid status).
 * - Exclusions are rows here and text there (`Exclusions`): pushed as text, never parsed back.
 * - Claims changed in the org (an adjuster working in Salesforce) are warranty changes like any other: the status
 *   change is recorded in the claim's history and sent as `ClaimStatusChanged` in the inbound write's transaction.
 * - Local only: adjudication policy, incentive programs and allocations, CSV imports, a claim's eligibility reasons,
 *   a sales report's trading dealer code (the dealer itself is mirrored).
 */
import { convert, defineMapping, type SyncMapping } from '@l2c/shared';
import { recordInboundClaimChanges } from './inboundClaims.ts';
import {
  chargeType,
  claimStatus,
  claimType,
  codeKind,
  coverageStatus,
  coverageType,
  dayAsDateTime,
  deliveryStatus,
  effectiveStart,
  eligibility,
  journalStatus,
  lineStatus,
  rebateStatus,
  saleType,
  voidCondition,
  warrantyType,
} from './values.ts';

const EXTERNAL_ID = 'L2C_Id__c';
const GRAPH_OWNED = 'L2C_Id__c != null';

/** CRM's accounts (dealers), read so warranty's records can name them. */
export const accountMapping = defineMapping({
  name: 'Account',
  sObject: 'Account',
  table: 'dealer_accounts',
  externalId: EXTERNAL_ID,
  direction: 'inbound',
  conflictPolicy: 'salesforce_wins',
  where: GRAPH_OWNED,
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'AccountNumber', column: 'dealer_code' },
  ],
});

/** CPQ's products, read so coverage can name the product a term covers. */
export const productMapping = defineMapping({
  name: 'Product2',
  sObject: 'Product2',
  table: 'products',
  externalId: EXTERNAL_ID,
  direction: 'inbound',
  conflictPolicy: 'salesforce_wins',
  where: GRAPH_OWNED,
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'ProductCode', column: 'code' },
  ],
});

/** CPQ's assets: the VIN set in Salesforce reaches warranty too. */
export const assetMapping = defineMapping({
  name: 'Asset',
  sObject: 'Asset',
  table: 'assets',
  externalId: EXTERNAL_ID,
  direction: 'inbound',
  conflictPolicy: 'salesforce_wins',
  where: GRAPH_OWNED,
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'Product2Id', column: 'product_id', reference: 'Product2' },
    { sf: 'SerialNumber', column: 'vin' },
    { sf: 'InstallDate', column: 'install_date' },
    { sf: 'PurchaseDate', column: 'purchase_date' },
  ],
});

export const codeSetMapping = defineMapping({
  name: 'CodeSet',
  sObject: 'CodeSet',
  table: 'codes',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'Code', column: 'code' },
    { sf: 'CodeSetType', column: 'kind', convert: codeKind },
    { sf: 'CodeDescription', column: 'description' },
    { sf: 'IsActive', column: 'is_active' },
    { sf: 'L2C_StandardHours__c', column: 'standard_hours' },
    { sf: 'L2C_LaborRate__c', column: 'rate' },
    { sf: 'L2C_LimitAmount__c', column: 'limit_amount' },
  ],
});

export const codeSetRelationshipMapping = defineMapping({
  name: 'CodeSetRelationship',
  sObject: 'CodeSetRelationship',
  table: 'fault_labor_operations',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'CodeSetId', column: 'fault_code_id', reference: 'CodeSet' },
    { sf: 'RelatedCodeSetId', column: 'labor_code_id', reference: 'CodeSet' },
    { sf: 'L2C_Hours__c', column: 'hours' },
  ],
});

export const warrantyTermMapping = defineMapping({
  name: 'WarrantyTerm',
  sObject: 'WarrantyTerm',
  table: 'warranty_terms',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'WarrantyTermName', column: 'name' },
    { sf: 'Code', column: 'code' },
    { sf: 'WarrantyType', column: 'type', convert: warrantyType },
    { sf: 'WarrantyDuration', column: 'months', convert: convert.integer() },
    { sf: 'WarrantyUnitOfTime', column: 'duration_unit', inboundDefault: 'Months' },
    { sf: 'EffectiveStartDate', column: 'effective_start', convert: effectiveStart },
    { sf: 'PartsCovered', column: 'parts_percent', inboundDefault: '0' },
    { sf: 'PartsCoveredDuration', column: 'parts_months', convert: convert.integer() },
    { sf: 'PartsCoveredUnitOfTime', column: 'parts_unit', inboundDefault: 'Months' },
    { sf: 'LaborCovered', column: 'labor_percent', inboundDefault: '0' },
    { sf: 'LaborCoveredDuration', column: 'labor_months', convert: convert.integer() },
    { sf: 'LaborCoveredUnitOfTime', column: 'labor_unit', inboundDefault: 'Months' },
    { sf: 'ExpensesCovered', column: 'expenses_percent', inboundDefault: '0' },
    { sf: 'ExpensesCoveredDuration', column: 'expenses_months', convert: convert.integer() },
    { sf: 'ExpensesCoveredUnitOfTime', column: 'expenses_unit', inboundDefault: 'Months' },
    { sf: 'UsageCovered', column: 'mileage_limit', convert: convert.integer() },
    { sf: 'IsActive', column: 'is_active' },
    { sf: 'IsTransferable', column: 'is_transferable' },
    { sf: 'Exclusions', column: 'exclusions_summary', direction: 'outbound' },
    { sf: 'L2C_Deductible__c', column: 'deductible', inboundDefault: '0' },
  ],
});

export const productWarrantyTermMapping = defineMapping({
  name: 'ProductWarrantyTerm',
  sObject: 'ProductWarrantyTerm',
  table: 'product_warranty_terms',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  fields: [
    { sf: 'WarrantyTermId', column: 'term_id', reference: 'WarrantyTerm' },
    { sf: 'CoveredProductId', column: 'product_id', reference: 'Product2' },
    { sf: 'L2C_ProductLine__c', column: 'product_family' },
  ],
});

export const assetWarrantyMapping = defineMapping({
  name: 'AssetWarranty',
  sObject: 'AssetWarranty',
  table: 'asset_warranties',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'AssetId', column: 'asset_id', reference: 'Asset' },
    { sf: 'WarrantyTermId', column: 'term_id', reference: 'WarrantyTerm' },
    { sf: 'WarrantyType', column: 'type', convert: warrantyType },
    { sf: 'StartDate', column: 'start_date' },
    { sf: 'EndDate', column: 'end_date' },
    { sf: 'PartsCovered', column: 'parts_percent', inboundDefault: '0' },
    { sf: 'PartsCoveredEndDate', column: 'parts_end_date' },
    { sf: 'LaborCovered', column: 'labor_percent', inboundDefault: '0' },
    { sf: 'LaborCoveredEndDate', column: 'labor_end_date' },
    { sf: 'ExpensesCovered', column: 'expenses_percent', inboundDefault: '0' },
    { sf: 'ExpensesCoveredEndDate', column: 'expenses_end_date' },
    { sf: 'Exclusions', column: 'exclusions_summary', direction: 'outbound' },
    { sf: 'L2C_MileageLimit__c', column: 'mileage_limit', convert: convert.integer() },
    { sf: 'L2C_Deductible__c', column: 'deductible', inboundDefault: '0' },
    { sf: 'L2C_VoidDate__c', column: 'void_date' },
    { sf: 'L2C_VoidCondition__c', column: 'void_condition', convert: voidCondition },
    { sf: 'L2C_VoidReason__c', column: 'void_reason' },
  ],
});

export const claimMapping = defineMapping({
  name: 'Claim',
  sObject: 'Claim',
  table: 'claims',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  onInboundWrite: recordInboundClaimChanges,
  fields: [
    { sf: 'Name', column: 'number', direction: 'outbound' },
    { sf: 'AccountId', column: 'dealer_id', reference: 'Account' },
    { sf: 'Status', column: 'status', convert: claimStatus },
    { sf: 'ClaimType', column: 'type', convert: claimType },
    { sf: 'IsClosed', column: 'is_closed', direction: 'outbound' },
    { sf: 'FinalizedDate', column: 'decided_at', direction: 'outbound' },
    { sf: 'L2C_ApprovedAmount__c', column: 'approved_amount' },
    { sf: 'L2C_PaidAmount__c', column: 'paid_amount' },
  ],
});

export const claimItemMapping = defineMapping({
  name: 'ClaimItem',
  sObject: 'ClaimItem',
  table: 'claim_items',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'ClaimId', column: 'claim_id', reference: 'Claim' },
    { sf: 'AssetId', column: 'asset_id', reference: 'Asset' },
    { sf: 'FaultDate', column: 'failure_date' },
    { sf: 'RepairDate', column: 'repair_date' },
    { sf: 'AssetUsageValue', column: 'mileage', convert: convert.integer() },
    { sf: 'AssetUsageUnitOfMeasure', column: 'usage_unit', inboundDefault: 'Miles' },
  ],
});

export const claimCoverageMapping = defineMapping({
  name: 'ClaimCoverage',
  sObject: 'ClaimCoverage',
  table: 'claim_coverages',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'ClaimId', column: 'claim_id', reference: 'Claim' },
    { sf: 'ClaimItemId', column: 'claim_item_id', reference: 'ClaimItem' },
    { sf: 'AssetWarrantyId', column: 'asset_warranty_id', reference: 'AssetWarranty' },
    { sf: 'FaultCodeId', column: 'fault_code_id', reference: 'CodeSet' },
    { sf: 'CoverageType', column: 'coverage_type', convert: coverageType },
    { sf: 'Status', column: 'status', convert: coverageStatus },
  ],
});

/** Claim lines: records born in Salesforce have no claim here and are refused (a line belongs to a claim of the graph). */
export const claimPaymentDetailMapping = defineMapping({
  name: 'ClaimCoveragePaymentDetail',
  sObject: 'ClaimCoveragePaymentDetail',
  table: 'claim_lines',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'ClaimCoverageId', column: 'coverage_id', reference: 'ClaimCoverage' },
    { sf: 'ChargeType', column: 'charge_type', convert: chargeType },
    { sf: 'ChargeTypeCodeId', column: 'code_id', reference: 'CodeSet' },
    { sf: 'Quantity', column: 'quantity' },
    { sf: 'ClaimedAmount', column: 'claimed_amount' },
    { sf: 'AdjustedAmount', column: 'approved_amount' },
    { sf: 'Status', column: 'status', convert: lineStatus },
    { sf: 'Comment', column: 'decision_reason' },
    { sf: 'L2C_LineNumber__c', column: 'line_number', convert: convert.integer() },
    { sf: 'L2C_Code__c', column: 'code' },
    { sf: 'L2C_UnitPrice__c', column: 'unit_price' },
    { sf: 'L2C_CoveredAmount__c', column: 'covered_amount', direction: 'outbound' },
    { sf: 'L2C_Eligibility__c', column: 'eligibility', convert: eligibility, direction: 'outbound' },
  ],
});

export const rebateClaimMapping = defineMapping({
  name: 'RebateClaim',
  sObject: 'RebateClaim',
  table: 'rebate_claims',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'number', direction: 'outbound' },
    { sf: 'ClaimedByAccountId', column: 'dealer_id', reference: 'Account' },
    { sf: 'ParticipatingAccountId', column: 'trading_dealer_id', reference: 'Account' },
    { sf: 'AssetId', column: 'asset_id', reference: 'Asset' },
    { sf: 'AssetIdentificationNumber', column: 'vin' },
    { sf: 'AssetSaleType', column: 'sale_type', convert: saleType },
    { sf: 'ClaimType', column: 'claim_type', direction: 'outbound' },
    { sf: 'ClaimAmount', column: 'claim_amount', direction: 'outbound' },
    { sf: 'ClaimDate', column: 'submitted_at', direction: 'outbound' },
    { sf: 'ProductCode', column: 'product_code' },
    { sf: 'Quantity', column: 'quantity', convert: convert.integer() },
    { sf: 'SalePricePerUnit', column: 'sale_price' },
    { sf: 'CalculatedAmount', column: 'incentive_amount', direction: 'outbound' },
    { sf: 'ProgramReferenceNumber', column: 'program_code' },
    { sf: 'ProcessingStatus', column: 'status', convert: rebateStatus },
    { sf: 'ProcessingStatusMessage', column: 'status_reason' },
    { sf: 'L2C_ExternalRowId__c', column: 'external_id' },
    { sf: 'L2C_SaleDate__c', column: 'sale_date' },
    { sf: 'L2C_DeliveryMileage__c', column: 'delivery_mileage', convert: convert.integer() },
    { sf: 'L2C_DeliveryStatus__c', column: 'delivery_status', convert: deliveryStatus },
  ],
});

export const transactionJournalMapping = defineMapping({
  name: 'TransactionJournal',
  sObject: 'TransactionJournal',
  table: 'transaction_journals',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'newest_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'AccountId', column: 'dealer_id', reference: 'Account' },
    { sf: 'L2C_SupplyingAccount__c', column: 'supplying_dealer_id', reference: 'Account' },
    { sf: 'ExternalTransactionNumber', column: 'external_id' },
    { sf: 'ActivityDate', column: 'journal_date', convert: dayAsDateTime },
    { sf: 'InvoiceDate', column: 'invoice_date' },
    { sf: 'Quantity', column: 'quantity', convert: convert.integer() },
    { sf: 'Status', column: 'status', convert: journalStatus },
    { sf: 'ErrorDescription', column: 'status_reason' },
    { sf: 'L2C_ProductCode__c', column: 'product_code' },
    { sf: 'L2C_Amount__c', column: 'amount' },
    { sf: 'L2C_VIN__c', column: 'vin' },
    { sf: 'L2C_ProgramCode__c', column: 'program_code' },
    { sf: 'L2C_IncentiveAmount__c', column: 'incentive_amount', direction: 'outbound' },
  ],
});

/** Every warranty mapping; the engine orders them parents first. */
export const warrantyMappings: SyncMapping[] = [
  accountMapping,
  productMapping,
  assetMapping,
  codeSetMapping,
  codeSetRelationshipMapping,
  warrantyTermMapping,
  productWarrantyTermMapping,
  assetWarrantyMapping,
  claimMapping,
  claimItemMapping,
  claimCoverageMapping,
  claimPaymentDetailMapping,
  rebateClaimMapping,
  transactionJournalMapping,
];
