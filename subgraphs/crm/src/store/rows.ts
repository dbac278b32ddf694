import type { Connection, Edge } from '@l2c/shared';

/** Rows as the CRM store returns them; the resolvers' parent types (codegen mappers) are these. */

export type AccountType = 'CUSTOMER' | 'DEALER' | 'SUPPLIER';
export type LeadStatusKind = 'OPEN' | 'WORKING' | 'QUALIFIED' | 'UNQUALIFIED' | 'NURTURE';
export type SourceChannel = 'WEB' | 'PHONE' | 'EMAIL' | 'WALK_IN' | 'EVENT' | 'DEALER' | 'PARTNER' | 'SOCIAL' | 'REFERRAL' | 'ADVERTISEMENT' | 'OTHER';
export type LeadRating = 'HOT' | 'WARM' | 'COLD';
export type ProductType = 'VEHICLE' | 'SPARE_PART' | 'ACCESSORY';
export type PreferredSellerReason = 'PREFERRED' | 'GENERATED_LEAD' | 'PREVIOUS_PURCHASE' | 'NEAREST';
export type TestDriveStatus = 'SCHEDULED' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW';

export interface AddressColumns {
  street: string | null;
  city: string | null;
  postal_code: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface AccountRow extends AddressColumns {
  id: string;
  name: string;
  type: AccountType;
  dealer_code: string | null;
  dealer_id: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ContactRow {
  id: string;
  account_id: string;
  first_name: string | null;
  last_name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface LeadStatusRow {
  name: string;
  kind: LeadStatusKind;
  sort_order: number;
  is_default: boolean;
  is_custom: boolean;
  description: string | null;
}

export interface LeadRow extends AddressColumns {
  id: string;
  first_name: string | null;
  last_name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  status: string;
  /** Joined from lead_statuses on every read. */
  status_kind: LeadStatusKind;
  source_channel: SourceChannel;
  rating: LeadRating | null;
  owner: string | null;
  dealer_id: string | null;
  earliest_interest_date: string | null;
  latest_interest_date: string | null;
  interest_tags: string[];
  need: boolean;
  authority: boolean;
  ability_to_deliver: boolean;
  qualification_notes: string | null;
  unqualified_reason: string | null;
  nurture_until: string | null;
  archived_at: Date | null;
  archive_reason: string | null;
  converted_at: Date | null;
  converted_account_id: string | null;
  converted_contact_id: string | null;
  converted_opportunity_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface LineItemColumns {
  id: string;
  product_code: string | null;
  product_name: string;
  product_type: ProductType;
  quantity: number;
  notes: string | null;
  created_at: Date;
}

export interface LeadLineItemRow extends LineItemColumns {
  lead_id: string;
}

export interface OpportunityLineItemRow extends LineItemColumns {
  opportunity_id: string;
  unit_price: string | null;
  lead_line_item_id: string | null;
}

export interface PreferredSellerColumns {
  id: string;
  dealer_id: string;
  reason: PreferredSellerReason;
  notes: string | null;
  created_at: Date;
}

export interface LeadPreferredSellerRow extends PreferredSellerColumns {
  lead_id: string;
}

export interface OpportunityPreferredSellerRow extends PreferredSellerColumns {
  opportunity_id: string;
  lead_preferred_seller_id: string | null;
}

export interface OpportunityStageRow {
  name: string;
  sort_order: number;
  default_probability: number;
  is_closed: boolean;
  is_won: boolean;
}

export interface OpportunityRow {
  id: string;
  name: string;
  account_id: string;
  contact_id: string | null;
  dealer_id: string | null;
  lead_id: string | null;
  stage: string;
  /** Joined from opportunity_stages on every read. */
  is_closed: boolean;
  is_won: boolean;
  amount: string | null;
  close_date: string;
  probability: number;
  discount_percent: string | null;
  owner: string | null;
  source_channel: SourceChannel | null;
  loss_reason: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface TestDriveRow {
  id: string;
  lead_id: string | null;
  opportunity_id: string | null;
  dealer_id: string;
  vehicle: string;
  product_code: string | null;
  scheduled_at: Date;
  status: TestDriveStatus;
  feedback: string | null;
  rating: number | null;
  created_at: Date;
  updated_at: Date;
}

export type LeadConnectionParent = Connection<LeadRow>;
export type AccountConnectionParent = Connection<AccountRow>;
export type ContactConnectionParent = Connection<ContactRow>;
export type OpportunityConnectionParent = Connection<OpportunityRow>;
export type LeadEdgeParent = Edge<LeadRow>;
export type AccountEdgeParent = Edge<AccountRow>;
export type ContactEdgeParent = Edge<ContactRow>;
export type OpportunityEdgeParent = Edge<OpportunityRow>;
