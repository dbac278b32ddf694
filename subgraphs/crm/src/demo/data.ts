import type {
  AccountRow,
  ContactRow,
  LeadLineItemRow,
  LeadPreferredSellerRow,
  LeadRow,
  OpportunityLineItemRow,
  OpportunityPreferredSellerRow,
  OpportunityRow,
  TestDriveRow,
} from '../store/rows.ts';

/** A lead as stored: the row without `status_kind`, which reads join from `lead_statuses`. */
export type DemoLead = Omit<LeadRow, 'status_kind'>;
/** An opportunity as stored: the row without `is_closed` and `is_won`, which reads join from `opportunity_stages`. */
export type DemoOpportunity = Omit<OpportunityRow, 'is_closed' | 'is_won'>;

/**
 * Rows for every CRM table the demo fills, keyed by table name and in insert order (parents first). Lead statuses
 * and opportunity stages are not here: the migration seeds them.
 */
export interface DemoData {
  accounts: AccountRow[];
  contacts: ContactRow[];
  leads: DemoLead[];
  lead_line_items: LeadLineItemRow[];
  lead_preferred_sellers: LeadPreferredSellerRow[];
  opportunities: DemoOpportunity[];
  opportunity_line_items: OpportunityLineItemRow[];
  opportunity_preferred_sellers: OpportunityPreferredSellerRow[];
  test_drives: TestDriveRow[];
}

export type DemoTable = keyof DemoData;

/** Rows per table. */
export type DemoCounts = Record<DemoTable, number>;

/** The tables in the order they are inserted: parents before children. */
export const DEMO_TABLES: readonly DemoTable[] = [
  'accounts',
  'contacts',
  'leads',
  'lead_line_items',
  'lead_preferred_sellers',
  'opportunities',
  'opportunity_line_items',
  'opportunity_preferred_sellers',
  'test_drives',
];

/** Rows per table. */
export function countDemoData(data: DemoData): DemoCounts {
  return Object.fromEntries(DEMO_TABLES.map((table) => [table, data[table].length])) as DemoCounts;
}
