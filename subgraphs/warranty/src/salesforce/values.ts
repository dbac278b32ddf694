/**
 * How warranty's enums read in Salesforce's picklists, and the one conversion the shared converters do not have (a
 * day here, a datetime there). Pure data and converters.
 */
import { convert, UnmappableValueError, type FieldConverter } from '@l2c/shared';

/** CodeSet.CodeSetType ↔ codes.kind. */
export const codeKind = convert.picklist({ FAULT: 'Fault', LABOR: 'Labor', EXPENSE: 'Expense' }, { inbound: { Repair: 'LABOR' } });

/** WarrantyTerm.WarrantyType / AssetWarranty.WarrantyType ↔ type. `Extended` is the org's own value; Repair reads as standard. */
export const warrantyType = convert.picklist({ STANDARD: 'Standard', EXTENDED: 'Extended', SUPPLIER: 'Supplier' }, { inbound: { Repair: 'STANDARD' }, nullInbound: 'STANDARD' });

/** WarrantyTerm.EffectiveStartDate ↔ effective_start (a manufacture date is not known here: it reads as the purchase date). */
export const effectiveStart = convert.picklist({ PURCHASE_DATE: 'Purchase Date', INSTALL_DATE: 'Install Date' }, { inbound: { 'Manufacture Date': 'PURCHASE_DATE' }, nullInbound: 'PURCHASE_DATE' });

/** Claim.Status ↔ claims.status. Paid claims are Approved (and closed) in Salesforce, which has no Paid status. */
export const claimStatus = convert.picklist(
  { DRAFT: 'Draft', SUBMITTED: 'Submitted', UNDER_REVIEW: 'Under Review', MANUAL_REVIEW_NEEDED: 'Manual Review Needed', REQUESTED_INFORMATION: 'Requested Information', APPROVED: 'Approved', REJECTED: 'Rejected', PAID: 'Approved' },
  { inbound: { Approved: 'APPROVED' }, nullInbound: 'DRAFT' },
);

export const claimType = convert.picklist({ WARRANTY_CLAIM: 'Warranty Claim', PRE_WARRANTY_AUTHORIZATION: 'Pre Warranty Authorization' }, { nullInbound: 'WARRANTY_CLAIM' });

/** ClaimCoverage.CoverageType ↔ coverage_type. */
export const coverageType = convert.picklist({ STANDARD: 'Standard Warranty', EXTENDED: 'Extended Warranty', NONE: 'None' }, { nullInbound: 'NONE' });

export const coverageStatus = convert.picklist({ OPEN: 'Open', APPROVED: 'Approved', REJECTED: 'Rejected', CLOSED: 'Closed' }, { nullInbound: 'OPEN' });

/** ClaimCoveragePaymentDetail.ChargeType ↔ charge_type: expenses are Other. */
export const chargeType = convert.picklist({ PART: 'Replaced Part', LABOR: 'Labor', EXPENSE: 'Other' }, { nullInbound: 'PART' });

/** ClaimCoveragePaymentDetail.Status ↔ claim_lines.status: a line not decided yet is None. */
export const lineStatus = convert.picklist({ OPEN: 'None', APPROVED: 'Approved', REJECTED: 'Rejected' }, { nullInbound: 'OPEN' });

export const eligibility = convert.picklist({ ELIGIBLE: 'Eligible', OVER_LIMIT: 'Over Limit', INELIGIBLE: 'Ineligible' });

export const voidCondition = convert.picklist({
  ODOMETER_TAMPERING: 'Odometer Tampering',
  SALVAGE_TITLE: 'Salvage Title',
  UNAUTHORIZED_MODIFICATION: 'Unauthorized Modification',
  COMMERCIAL_USE: 'Commercial Use',
  RACING: 'Racing',
  OTHER: 'Other',
});

export const saleType = convert.picklist({ CASH: 'Cash', LEASE: 'Lease', LOAN: 'Loan' }, { nullInbound: 'LEASE' });

export const deliveryStatus = convert.picklist({ DELIVERED: 'Delivered', PENDING_DELIVERY: 'Pending Delivery', CANCELLED: 'Cancelled' }, { nullInbound: 'DELIVERED' });

/** RebateClaim.ProcessingStatus ↔ rebate_claims.status (the org's values). */
export const rebateStatus = convert.picklist({ SUBMITTED: 'Submitted', RETURNED: 'Returned', APPROVED: 'Approved', REJECTED: 'Rejected' }, { nullInbound: 'SUBMITTED' });

/** TransactionJournal.Status ↔ transaction_journals.status: a returned journal is in Error, a rejected one Cancelled. */
export const journalStatus = convert.picklist({ SUBMITTED: 'Pending', RETURNED: 'Error', APPROVED: 'Processed', REJECTED: 'Cancelled' }, { nullInbound: 'SUBMITTED' });

/** A day locally, a datetime at midnight UTC in Salesforce (TransactionJournal's ActivityDate). */
export const dayAsDateTime: FieldConverter = {
  sfTypes: ['datetime'],
  toSalesforce: (local) => {
    if (local === null || local === undefined || local === '') return null;
    const day = local instanceof Date ? local.toISOString().slice(0, 10) : String(local);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new UnmappableValueError(local, 'must be a date YYYY-MM-DD');
    return `${day}T00:00:00.000Z`;
  },
  fromSalesforce: (value) => (value === null ? null : new Date(String(value)).toISOString().slice(0, 10)),
};
