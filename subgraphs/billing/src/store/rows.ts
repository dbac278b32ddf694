import type { Connection, Edge } from '@l2c/shared';
import type { BillingFrequency, BillingTiming, PartialPeriodTreatment } from '../domain/periods.ts';
import type { ChargeType } from '../domain/scheduleTerms.ts';

/**
 * Rows as the billing store returns them; the resolvers' parent types (codegen mappers) are these. `numeric` columns
 * are exact decimal strings, `date` columns `YYYY-MM-DD`, `timestamptz` columns `Date`s.
 */

export type { BillingFrequency, BillingTiming, ChargeType, PartialPeriodTreatment };
export type ScheduleStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
export type PeriodStatus = 'PENDING' | 'INVOICED' | 'CANCELLED';
export type InvoiceStatus = 'DRAFT' | 'POSTED' | 'CANCELLED' | 'REBILLED';
export type InvoiceKind = 'INVOICE' | 'CREDIT_NOTE';
export type RunStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type RunPhase = 'QUEUED' | 'INVOICING' | 'POSTING' | 'DONE';
export type PaymentMethod = 'ACH' | 'BANK_TRANSFER' | 'CASH' | 'CHECK' | 'CREDIT_CARD';

/** An entity another subgraph owns, as this one knows it: by id. */
export interface EntityRef {
  id: string;
}

export interface BillingOrderRow {
  id: string;
  number: string;
  account_id: string;
  dealer_id: string | null;
  opportunity_id: string | null;
  quote_id: string | null;
  contract_id: string | null;
  effective_date: string;
  total_amount: string;
  activated_at: Date;
  amends_order_id: string | null;
  created_at: Date;
}

export interface ScheduleRow {
  id: string;
  order_item_id: string;
  order_id: string;
  account_id: string;
  dealer_id: string | null;
  opportunity_id: string | null;
  contract_id: string | null;
  product_id: string | null;
  product_code: string;
  product_name: string;
  charge_type: ChargeType;
  frequency: BillingFrequency;
  billing_day: number;
  anchor_date: string;
  timing: BillingTiming;
  partial_period_treatment: PartialPeriodTreatment;
  start_date: string;
  end_date: string | null;
  quantity: string;
  unit_price: string;
  total_amount: string;
  currency: string;
  aligned_to_id: string | null;
  on_hold: boolean;
  hold_reason: string | null;
  held_at: Date | null;
  held_by: string | null;
  released_at: Date | null;
  status: ScheduleStatus;
  created_at: Date;
  updated_at: Date;
}

export interface PeriodRow {
  id: string;
  schedule_id: string;
  period_index: number;
  start_date: string;
  end_date: string;
  billing_date: string;
  planned_billing_date: string;
  amount: string | null;
  prorated_days: number | null;
  period_days: number | null;
  status: PeriodStatus;
  created_at: Date;
  updated_at: Date;
}

export interface UsageRow {
  id: string;
  schedule_id: string;
  usage_date: string;
  quantity: string;
  recorded_by: string | null;
  created_at: Date;
}

export interface InvoiceRunRow {
  id: string;
  number: string;
  target_date: string;
  invoice_date: string;
  auto_post: boolean;
  status: RunStatus;
  phase: RunPhase;
  trigger: 'MANUAL' | 'SCHEDULE';
  requested_by: string | null;
  lines_due: number;
  lines_invoiced: number;
  invoices_created: number;
  invoices_posted: number;
  total_amount: string;
  attempts: number;
  error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface InvoiceRow {
  id: string;
  number: string;
  kind: InvoiceKind;
  account_id: string;
  dealer_id: string | null;
  billing_day: number | null;
  status: InvoiceStatus;
  invoice_date: string;
  due_date: string;
  target_date: string | null;
  currency: string;
  total_amount: string;
  allocated_amount: string;
  credited_amount: string;
  /** total − allocated − credited, computed by the store. */
  balance: string;
  run_id: string | null;
  credits_invoice_id: string | null;
  posted_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  overdue_notified_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface InvoiceLineRow {
  id: string;
  invoice_id: string;
  period_id: string | null;
  schedule_id: string | null;
  order_id: string | null;
  order_item_id: string | null;
  product_code: string;
  product_name: string;
  charge_type: ChargeType;
  frequency: BillingFrequency;
  start_date: string;
  end_date: string;
  quantity: string;
  unit_price: string;
  amount: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface PaymentRow {
  id: string;
  number: string;
  account_id: string;
  dealer_id: string | null;
  amount: string;
  currency: string;
  payment_date: string;
  method: PaymentMethod;
  reference: string | null;
  status: 'PROCESSED' | 'CANCELLED';
  allocated_amount: string;
  /** amount − allocated, computed by the store. */
  unallocated_amount: string;
  received_at: Date;
  recorded_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AllocationRow {
  id: string;
  payment_id: string;
  invoice_id: string;
  type: 'ALLOCATION' | 'UNALLOCATION';
  amount: string;
  reverses_id: string | null;
  allocation_date: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** For allocations: whether an unallocation has reversed it. */
  reversed: boolean;
}

export type ScheduleConnectionParent = Connection<ScheduleRow>;
export type ScheduleEdgeParent = Edge<ScheduleRow>;
export type InvoiceConnectionParent = Connection<InvoiceRow>;
export type InvoiceEdgeParent = Edge<InvoiceRow>;
export type PaymentConnectionParent = Connection<PaymentRow>;
export type PaymentEdgeParent = Edge<PaymentRow>;
export type InvoiceRunConnectionParent = Connection<InvoiceRunRow>;
export type InvoiceRunEdgeParent = Edge<InvoiceRunRow>;
