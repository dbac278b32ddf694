import type { Connection, Edge } from '@l2c/shared';
import type { ApprovalStatus } from '../domain/approvalFlow.ts';
import type { ApprovalField, ConditionOperator } from '../domain/approvalRules.ts';
import type { QuoteStatus } from '../domain/quoteRules.ts';

/**
 * Rows as the CPQ store returns them; the resolvers' parent types (codegen mappers) are these. `numeric` columns are
 * exact decimal strings, `date` columns `YYYY-MM-DD`, `timestamptz` columns `Date`s.
 */

export type { ApprovalStatus, QuoteStatus };
export type ProductCategory = 'VEHICLE' | 'SPARE_PART' | 'ACCESSORY' | 'SERVICE';
export type ChargeType = 'ONE_TIME' | 'RECURRING';
export type SyncStatus = 'PENDING' | 'SYNCED' | 'FAILED';
export type OrderStatus = 'DRAFT' | 'ACTIVATED';

/** An entity another subgraph owns, as this one knows it: by id. */
export interface EntityRef {
  id: string;
}

export interface ProductRow {
  id: string;
  code: string;
  name: string;
  category: ProductCategory;
  family: string | null;
  description: string | null;
  is_active: boolean;
  charge_type: ChargeType;
  default_subscription_term: number | null;
  entitlement_name: string | null;
  entitlement_months: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface DiscountTierRow {
  product_id: string;
  min_quantity: number;
  discount_percent: string;
}

export interface PriceBookRow {
  id: string;
  name: string;
  is_standard: boolean;
  is_active: boolean;
  currency: string;
  dealer_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface PriceBookEntryRow {
  id: string;
  price_book_id: string;
  product_id: string;
  unit_price: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface InventoryRow {
  id: string;
  dealer_id: string;
  product_id: string;
  /** Joined from products on every read. */
  product_code: string;
  quantity_on_hand: number;
  updated_at: Date;
}

export interface QuoteRow {
  id: string;
  number: string;
  name: string;
  opportunity_id: string;
  account_id: string;
  dealer_id: string | null;
  status: QuoteStatus;
  is_primary: boolean;
  price_book_id: string;
  start_date: string;
  expiration_date: string | null;
  subscription_term: number;
  ship_to: string | null;
  list_amount: string;
  net_amount: string;
  discount_amount: string;
  customer_discount_percent: string;
  submission: number;
  submitted_at: Date | null;
  accepted_at: Date | null;
  denial_reason: string | null;
  sync_status: SyncStatus | null;
  synced_at: Date | null;
  sync_error: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface QuoteLineRow {
  id: string;
  quote_id: string;
  number: number;
  product_id: string;
  product_code: string;
  product_name: string;
  category: ProductCategory;
  family: string | null;
  charge_type: ChargeType;
  quantity: number;
  list_price: string;
  prorated_list_price: string;
  volume_discount_percent: string;
  regular_price: string;
  discount_percent: string | null;
  discount_amount: string | null;
  customer_price: string;
  net_price: string;
  list_total: string;
  net_total: string;
  total_discount_amount: string;
  total_discount_percent: string;
  subscription_term: number | null;
  start_date: string | null;
  end_date: string | null;
  ship_to: string | null;
  requested_date: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ApproverRow {
  id: string;
  name: string;
  user_subject: string;
  email: string | null;
  delegate_id: string | null;
  delegation_start: string | null;
  delegation_end: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ApprovalGroupRow {
  id: string;
  name: string;
  require_all: boolean;
  created_at: Date;
}

export interface ApprovalGroupMemberRow {
  group_id: string;
  approver_id: string;
}

export interface ApprovalChainRow {
  id: string;
  name: string;
  created_at: Date;
}

export interface ApprovalChainEntryRow {
  id: string;
  chain_id: string;
  level: number;
  approver_id: string | null;
  group_id: string | null;
}

export interface ApprovalRuleRow {
  id: string;
  name: string;
  is_active: boolean;
  conditions_met: 'ALL' | 'ANY';
  level: number;
  approver_id: string | null;
  group_id: string | null;
  chain_id: string | null;
  smart_approval: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface ApprovalConditionRow {
  id: string;
  rule_id: string;
  index: number;
  field: ApprovalField;
  operator: ConditionOperator;
  value: string;
}

export interface ApprovalRow {
  id: string;
  quote_id: string;
  submission: number;
  rule_id: string;
  level: number;
  approver_id: string | null;
  group_id: string | null;
  status: ApprovalStatus;
  reasons: string[];
  inputs: Record<string, unknown>;
  via_smart_approval: boolean;
  decided_by: string | null;
  decided_as_delegate: boolean;
  decided_by_subject: string | null;
  decided_at: Date | null;
  comment: string | null;
  requested_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface OrderRow {
  id: string;
  number: string;
  quote_id: string;
  opportunity_id: string;
  account_id: string;
  dealer_id: string | null;
  status: OrderStatus;
  ship_to: string | null;
  effective_date: string;
  total_amount: string;
  activated_at: Date | null;
  contract_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface OrderItemRow {
  id: string;
  order_id: string;
  quote_line_id: string | null;
  product_id: string;
  product_code: string;
  product_name: string;
  category: ProductCategory;
  charge_type: ChargeType;
  quantity: number;
  list_price: string;
  unit_price: string;
  total_price: string;
  subscription_term: number | null;
  start_date: string | null;
  /** The price book entry the item was priced from (set on insert); Salesforce's OrderItem.PricebookEntryId. */
  price_book_entry_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ContractRow {
  id: string;
  number: string;
  quote_id: string;
  opportunity_id: string;
  account_id: string;
  dealer_id: string | null;
  status: 'ACTIVATED';
  start_date: string;
  end_date: string;
  term_months: number;
  activated_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface SubscriptionRow {
  id: string;
  contract_id: string;
  order_item_id: string;
  product_id: string;
  account_id: string;
  dealer_id: string | null;
  quantity: number;
  net_price: string;
  start_date: string;
  end_date: string;
  created_at: Date;
}

export interface AssetRow {
  id: string;
  contract_id: string;
  order_item_id: string;
  product_id: string;
  account_id: string;
  dealer_id: string | null;
  name: string;
  serial_number: string | null;
  status: 'PURCHASED';
  quantity: number;
  price: string;
  install_date: string;
  purchase_date: string;
  created_at: Date;
}

export interface EntitlementRow {
  id: string;
  contract_id: string;
  account_id: string;
  dealer_id: string | null;
  asset_id: string | null;
  subscription_id: string | null;
  name: string;
  start_date: string;
  end_date: string;
  created_at: Date;
}

export type ProductConnectionParent = Connection<ProductRow>;
export type ProductEdgeParent = Edge<ProductRow>;
export type PriceBookEntryConnectionParent = Connection<PriceBookEntryRow>;
export type PriceBookEntryEdgeParent = Edge<PriceBookEntryRow>;
export type QuoteConnectionParent = Connection<QuoteRow>;
export type QuoteEdgeParent = Edge<QuoteRow>;
export type OrderConnectionParent = Connection<OrderRow>;
export type OrderEdgeParent = Edge<OrderRow>;
export type ContractConnectionParent = Connection<ContractRow>;
export type ContractEdgeParent = Edge<ContractRow>;
