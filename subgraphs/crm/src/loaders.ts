import { childrenLoader, rowLoader, type DataLoader, type Scope, type Store } from '@l2c/shared';
import { accountsByIds, contactsByAccountIds, contactsByIds } from './store/accounts.ts';
import { leadLineItemsByIds, leadPreferredSellersByIds, leadsByIds, lineItemsByLeadIds, preferredSellersByLeadIds } from './store/leads.ts';
import {
  lineItemsByOpportunityIds,
  opportunitiesByIds,
  opportunityLineItemsByIds,
  opportunityPreferredSellersByIds,
  preferredSellersByOpportunityIds,
} from './store/opportunities.ts';
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
} from './store/rows.ts';
import { testDrivesByIds, testDrivesByLeadIds, testDrivesByOpportunityIds } from './store/testDrives.ts';

/**
 * One request's loaders. Every loader is scoped to the caller, so a nested field (a preferred seller's dealer, an
 * opportunity's account) can never reach a row the caller may not see: it resolves to null instead.
 */
export interface Loaders {
  account: DataLoader<string, AccountRow | null>;
  contact: DataLoader<string, ContactRow | null>;
  lead: DataLoader<string, LeadRow | null>;
  opportunity: DataLoader<string, OpportunityRow | null>;
  testDrive: DataLoader<string, TestDriveRow | null>;
  leadLineItem: DataLoader<string, LeadLineItemRow | null>;
  leadPreferredSeller: DataLoader<string, LeadPreferredSellerRow | null>;
  opportunityLineItem: DataLoader<string, OpportunityLineItemRow | null>;
  opportunityPreferredSeller: DataLoader<string, OpportunityPreferredSellerRow | null>;
  contactsByAccount: DataLoader<string, ContactRow[]>;
  leadLineItems: DataLoader<string, LeadLineItemRow[]>;
  leadPreferredSellers: DataLoader<string, LeadPreferredSellerRow[]>;
  leadTestDrives: DataLoader<string, TestDriveRow[]>;
  opportunityLineItems: DataLoader<string, OpportunityLineItemRow[]>;
  opportunityPreferredSellers: DataLoader<string, OpportunityPreferredSellerRow[]>;
  opportunityTestDrives: DataLoader<string, TestDriveRow[]>;
}

export function createLoaders(store: Store, scope: Scope): Loaders {
  return {
    account: rowLoader((ids) => accountsByIds(store, scope, ids), (row) => row.id),
    contact: rowLoader((ids) => contactsByIds(store, scope, ids), (row) => row.id),
    lead: rowLoader((ids) => leadsByIds(store, scope, ids), (row) => row.id),
    opportunity: rowLoader((ids) => opportunitiesByIds(store, scope, ids), (row) => row.id),
    testDrive: rowLoader((ids) => testDrivesByIds(store, scope, ids), (row) => row.id),
    leadLineItem: rowLoader((ids) => leadLineItemsByIds(store, scope, ids), (row) => row.id),
    leadPreferredSeller: rowLoader((ids) => leadPreferredSellersByIds(store, scope, ids), (row) => row.id),
    opportunityLineItem: rowLoader((ids) => opportunityLineItemsByIds(store, scope, ids), (row) => row.id),
    opportunityPreferredSeller: rowLoader((ids) => opportunityPreferredSellersByIds(store, scope, ids), (row) => row.id),
    contactsByAccount: childrenLoader((ids) => contactsByAccountIds(store, scope, ids), (row) => row.account_id),
    // Line items and preferred sellers are reached only through a lead or opportunity already checked against scope.
    leadLineItems: childrenLoader((ids) => lineItemsByLeadIds(store, ids), (row) => row.lead_id),
    leadPreferredSellers: childrenLoader((ids) => preferredSellersByLeadIds(store, ids), (row) => row.lead_id),
    leadTestDrives: childrenLoader((ids) => testDrivesByLeadIds(store, scope, ids), (row) => row.lead_id ?? ''),
    opportunityLineItems: childrenLoader((ids) => lineItemsByOpportunityIds(store, ids), (row) => row.opportunity_id),
    opportunityPreferredSellers: childrenLoader((ids) => preferredSellersByOpportunityIds(store, ids), (row) => row.opportunity_id),
    opportunityTestDrives: childrenLoader((ids) => testDrivesByOpportunityIds(store, scope, ids), (row) => row.opportunity_id ?? ''),
  };
}
