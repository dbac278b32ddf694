import type { Connection, Edge } from '@l2c/shared';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import type { ChargeType, Eligibility, Reason } from '../domain/eligibility.ts';
import type { CsvImportKind } from '../domain/csv/columns.ts';
import type { SalesReportKind, Tier } from '../domain/incentive.ts';
import type { LineStatus } from '../domain/adjudication.ts';

/**
 * Rows as the warranty store returns them; the resolvers' parent types (codegen mappers) are these. `numeric` columns
 * are exact decimal strings, `date` columns `YYYY-MM-DD`, `timestamptz` columns `Date`s.
 */

export type { ClaimStatus, CsvImportKind, SalesReportKind };
export type CodeKind = 'FAULT' | 'LABOR' | 'EXPENSE';
export type WarrantyType = 'STANDARD' | 'EXTENDED' | 'SUPPLIER';
export type SalesReportStatus = 'SUBMITTED' | 'RETURNED' | 'APPROVED' | 'REJECTED';
export type CsvImportStatus = 'AWAITING_UPLOAD' | 'QUEUED' | 'CHECKING' | 'IMPORTING' | 'COMPLETED' | 'FAILED';

/** An entity another subgraph owns, as this one knows it: by id. */
export interface EntityRef {
  id: string;
}

export interface CodeRow {
  id: string;
  kind: CodeKind;
  code: string;
  name: string;
  description: string | null;
  standard_hours: string | null;
  rate: string | null;
  limit_amount: string | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface FaultLaborRow {
  id: string;
  fault_code_id: string;
  labor_code_id: string;
  hours: string | null;
}

export interface WarrantyTermRow {
  id: string;
  code: string;
  name: string;
  type: WarrantyType;
  months: number;
  mileage_limit: number | null;
  effective_start: 'PURCHASE_DATE' | 'INSTALL_DATE';
  parts_percent: string;
  labor_percent: string;
  expenses_percent: string;
  parts_months: number | null;
  labor_months: number | null;
  expenses_months: number | null;
  deductible: string;
  is_transferable: boolean;
  is_active: boolean;
  exclusions_summary: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ProductWarrantyTermRow {
  id: string;
  term_id: string;
  product_id: string | null;
  product_family: string | null;
}

export interface ExclusionRow {
  id: string;
  term_id: string | null;
  asset_warranty_id: string | null;
  kind: 'PART' | 'FAULT' | 'LABOR' | 'EXPENSE';
  code: string;
  reason: string;
}

export interface AssetRow {
  id: string;
  name: string | null;
  product_id: string | null;
  account_id: string | null;
  dealer_id: string | null;
  vin: string | null;
  install_date: string | null;
  purchase_date: string | null;
}

export interface ProductRow {
  id: string;
  code: string | null;
  name: string | null;
  family: string | null;
  category: string | null;
}

export interface AssetWarrantyRow {
  id: string;
  number: string;
  asset_id: string;
  term_id: string;
  type: WarrantyType;
  start_date: string;
  end_date: string;
  parts_percent: string;
  labor_percent: string;
  expenses_percent: string;
  parts_end_date: string;
  labor_end_date: string;
  expenses_end_date: string;
  mileage_limit: number | null;
  deductible: string;
  void_date: string | null;
  void_condition: string | null;
  void_reason: string | null;
  exclusions_summary: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ExtensionRow {
  id: string;
  asset_warranty_id: string;
  extension_term_id: string | null;
  months: number;
  mileage: number;
  reason: string;
  created_by: string | null;
  created_at: Date;
}

export interface ClaimRow {
  id: string;
  number: string;
  dealer_id: string;
  status: ClaimStatus;
  type: 'WARRANTY_CLAIM' | 'PRE_WARRANTY_AUTHORIZATION';
  description: string | null;
  claimed_amount: string;
  covered_amount: string | null;
  deductible: string;
  approved_amount: string | null;
  paid_amount: string | null;
  paid_on: string | null;
  payment_reference: string | null;
  review_reasons: string[];
  information_request: string | null;
  assigned_to: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** From the claim's item. */
  asset_id: string;
  failure_date: string;
  repair_date: string | null;
  mileage: number;
}

export interface ClaimCoverageRow {
  id: string;
  claim_id: string;
  claim_item_id: string;
  fault_code_id: string;
  position: number;
  asset_warranty_id: string | null;
  coverage_type: 'STANDARD' | 'EXTENDED' | 'NONE';
  status: 'OPEN' | 'APPROVED' | 'REJECTED' | 'CLOSED';
  claimed_amount: string;
  approved_amount: string | null;
}

export interface ClaimLineRow {
  id: string;
  claim_id: string;
  coverage_id: string;
  line_number: number;
  charge_type: ChargeType;
  code: string;
  code_id: string | null;
  description: string | null;
  quantity: string;
  unit_price: string;
  claimed_amount: string;
  eligibility: Eligibility | null;
  eligibility_reasons: Reason[];
  allowed_amount: string | null;
  covered_percent: string | null;
  covered_amount: string | null;
  asset_warranty_id: string | null;
  status: LineStatus;
  approved_amount: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  /** From the line's coverage. */
  fault_code_id: string;
  fault_code: string;
}

export interface ClaimStatusChangeRow {
  id: number;
  claim_id: string;
  from_status: ClaimStatus | null;
  to_status: ClaimStatus;
  reason: string | null;
  changed_by: string | null;
  changed_at: Date;
}

export interface PolicyRow {
  id: string;
  auto_approve_limit: string;
  review_fault_codes: string[];
  repeat_repair_days: number;
  cap_over_limit: boolean;
  updated_at: Date | null;
  updated_by: string | null;
}

export interface ProgramRow {
  id: string;
  code: string;
  name: string;
  applies_to: SalesReportKind;
  product_codes: string[];
  sale_types: string[];
  valid_from: string;
  valid_to: string;
  calculation: 'PER_UNIT' | 'PERCENT_OF_PRICE' | 'TIERED';
  amount_per_unit: string | null;
  percent: string | null;
  tier_basis: 'QUANTITY' | 'UNIT_PRICE' | null;
  tiers: Tier[];
  trade_share_percent: string;
  max_delivery_mileage: number | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

interface SalesReportColumns {
  id: string;
  number: string;
  dealer_id: string;
  external_id: string;
  asset_id: string | null;
  product_code: string;
  program_code: string | null;
  program_id: string | null;
  status: SalesReportStatus;
  status_reason: string | null;
  incentive_amount: string | null;
  import_id: string | null;
  source_row: number | null;
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface RebateClaimRow extends SalesReportColumns {
  vin: string;
  sale_date: string;
  sale_type: 'CASH' | 'LEASE' | 'LOAN';
  sale_price: string;
  quantity: number;
  delivery_mileage: number;
  delivery_status: 'DELIVERED' | 'PENDING_DELIVERY' | 'CANCELLED';
  trading_dealer_id: string | null;
  trading_dealer_code: string | null;
}

export interface TransactionJournalRow extends SalesReportColumns {
  journal_date: string;
  invoice_date: string | null;
  quantity: number;
  amount: string;
  vin: string | null;
  supplying_dealer_id: string | null;
  supplying_dealer_code: string | null;
}

export interface AllocationRow {
  id: string;
  source_kind: SalesReportKind;
  source_id: string;
  source_number: string;
  dealer_id: string;
  role: 'SELLING' | 'SUPPLYING';
  amount: string;
  program_id: string | null;
  created_at: Date;
}

export interface CsvImportRow {
  id: string;
  kind: CsvImportKind;
  dealer_id: string;
  file_name: string;
  status: CsvImportStatus;
  bytes: number | null;
  sha256: string | null;
  rows_total: number | null;
  rows_processed: number;
  rows_created: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_rejected: number;
  checkpoint_row: number;
  error_code: string | null;
  error_message: string | null;
  error_line: number | null;
  created_by: string | null;
  created_at: Date;
  uploaded_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

export interface CsvRowErrorRow {
  import_id: string;
  id: string;
  row_number: number;
  line: number;
  column_name: string | null;
  value: string | null;
  code: string;
  message: string;
  external_id: string | null;
}

export type ClaimConnectionParent = Connection<ClaimRow>;
export type ClaimEdgeParent = Edge<ClaimRow>;
export type RebateClaimConnectionParent = Connection<RebateClaimRow>;
export type RebateClaimEdgeParent = Edge<RebateClaimRow>;
export type TransactionJournalConnectionParent = Connection<TransactionJournalRow>;
export type TransactionJournalEdgeParent = Edge<TransactionJournalRow>;
export type AllocationConnectionParent = Connection<AllocationRow>;
export type AllocationEdgeParent = Edge<AllocationRow>;
export type CsvImportConnectionParent = Connection<CsvImportRow>;
export type CsvImportEdgeParent = Edge<CsvImportRow>;
export type CsvRowErrorConnectionParent = Connection<CsvRowErrorRow>;
export type CsvRowErrorEdgeParent = Edge<CsvRowErrorRow>;

/** A category's coverage on a term, or (with an end date) on an asset warranty. */
export interface CategoryCoverageValue {
  category: 'PARTS' | 'LABOR' | 'EXPENSES';
  percent: string;
  months: number;
}

export interface CategoryCoverageDatesValue {
  category: 'PARTS' | 'LABOR' | 'EXPENSES';
  percent: string;
  endDate: string;
}

export interface CsvFileErrorValue {
  code: string;
  message: string;
  line: number | null;
}
