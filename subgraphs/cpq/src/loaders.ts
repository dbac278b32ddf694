import { childrenLoader, DataLoader, rowLoader, type Scope, type Store } from '@l2c/shared';
import {
  approvalsByIds,
  approvalsByQuoteIds,
  approversByIds,
  chainsByIds,
  conditionsByRuleIds,
  entriesByChainIds,
  groupsByIds,
  membersByGroupIds,
  rulesByIds,
} from './store/approvals.ts';
import { entriesByIds, inventoryByIds, inventoryOfDealers, priceBooksByIds, productsByIds, tiersByProductIds, unitPrices } from './store/catalogue.ts';
import {
  assetsByContractIds,
  assetsByIds,
  contractsByAccountIds,
  contractsByIds,
  contractsByQuoteIds,
  entitlementsActiveOn,
  entitlementsByContractIds,
  entitlementsByIds,
  itemsByIds,
  itemsByOrderIds,
  ordersByContractIds,
  ordersByIds,
  ordersByQuoteIds,
  subscriptionsByContractIds,
  subscriptionsByIds,
} from './store/orders.ts';
import { linesByIds, linesByQuoteIds, quotesByIds, quotesByOpportunityIds } from './store/quotes.ts';
import type {
  ApprovalChainEntryRow,
  ApprovalChainRow,
  ApprovalConditionRow,
  ApprovalGroupMemberRow,
  ApprovalGroupRow,
  ApprovalRow,
  ApprovalRuleRow,
  ApproverRow,
  AssetRow,
  ContractRow,
  DiscountTierRow,
  EntitlementRow,
  InventoryRow,
  OrderItemRow,
  OrderRow,
  PriceBookEntryRow,
  PriceBookRow,
  ProductRow,
  QuoteLineRow,
  QuoteRow,
  SubscriptionRow,
} from './store/rows.ts';

/**
 * One request's loaders. Every loader of dealer-owned rows is scoped to the caller, so a nested field can never
 * reach a quote, order or contract of another dealer: it resolves to null (or an empty list) instead. Children
 * (lines, items, approvals) are reached only through a parent already checked against scope.
 */
export interface Loaders {
  product: DataLoader<string, ProductRow | null>;
  discountTiers: DataLoader<string, DiscountTierRow[]>;
  priceBook: DataLoader<string, PriceBookRow | null>;
  priceBookEntry: DataLoader<string, PriceBookEntryRow | null>;
  /** Key: `priceBookId⏎productId` (a newline between); the unit price, falling back to the standard book. */
  unitPrice: DataLoader<string, string | null>;
  inventoryItem: DataLoader<string, InventoryRow | null>;
  inventoryByDealer: DataLoader<string, InventoryRow[]>;
  /** Key: the dealer id and the product codes, one per line: the dealer's stock of those products; one statement per set of codes. */
  stock: DataLoader<string, InventoryRow[]>;
  quote: DataLoader<string, QuoteRow | null>;
  quoteLine: DataLoader<string, QuoteLineRow | null>;
  quotesByOpportunity: DataLoader<string, QuoteRow[]>;
  quoteLines: DataLoader<string, QuoteLineRow[]>;
  quoteApprovals: DataLoader<string, ApprovalRow[]>;
  approval: DataLoader<string, ApprovalRow | null>;
  approver: DataLoader<string, ApproverRow | null>;
  approvalGroup: DataLoader<string, ApprovalGroupRow | null>;
  groupMembers: DataLoader<string, ApprovalGroupMemberRow[]>;
  approvalChain: DataLoader<string, ApprovalChainRow | null>;
  chainEntries: DataLoader<string, ApprovalChainEntryRow[]>;
  approvalRule: DataLoader<string, ApprovalRuleRow | null>;
  ruleConditions: DataLoader<string, ApprovalConditionRow[]>;
  order: DataLoader<string, OrderRow | null>;
  orderItem: DataLoader<string, OrderItemRow | null>;
  quoteOrders: DataLoader<string, OrderRow[]>;
  orderItems: DataLoader<string, OrderItemRow[]>;
  contract: DataLoader<string, ContractRow | null>;
  quoteContract: DataLoader<string, ContractRow | null>;
  accountContracts: DataLoader<string, ContractRow[]>;
  contractOrders: DataLoader<string, OrderRow[]>;
  contractSubscriptions: DataLoader<string, SubscriptionRow[]>;
  contractAssets: DataLoader<string, AssetRow[]>;
  contractEntitlements: DataLoader<string, EntitlementRow[]>;
  subscription: DataLoader<string, SubscriptionRow | null>;
  asset: DataLoader<string, AssetRow | null>;
  entitlement: DataLoader<string, EntitlementRow | null>;
  /** Key: `accountId⏎day` (a newline between): the account's entitlements active on the day. */
  activeEntitlements: DataLoader<string, EntitlementRow[]>;
}

export function createLoaders(store: Store, scope: Scope): Loaders {
  return {
    product: rowLoader((ids) => productsByIds(store, ids), (row) => row.id),
    discountTiers: childrenLoader((ids) => tiersByProductIds(store, ids), (row) => row.product_id),
    priceBook: rowLoader((ids) => priceBooksByIds(store, scope, ids), (row) => row.id),
    priceBookEntry: rowLoader((ids) => entriesByIds(store, ids), (row) => row.id),
    unitPrice: groupedLoader(async (bookId, productIds) => unitPrices(store, bookId, productIds)),
    inventoryItem: rowLoader((ids) => inventoryByIds(store, scope, ids), (row) => row.id),
    inventoryByDealer: childrenLoader((ids) => inventoryOfDealers(store, scope, ids), (row) => row.dealer_id),
    stock: new DataLoader<string, InventoryRow[]>(async (keys) => {
      const found = new Map<string, InventoryRow[]>();
      for (const [codes, dealerIds] of group(keys)) {
        for (const row of await inventoryOfDealers(store, scope, dealerIds, codes.split('\n'))) {
          const key = `${row.dealer_id}\n${codes}`;
          found.set(key, [...(found.get(key) ?? []), row]);
        }
      }
      return keys.map((key) => found.get(key) ?? []);
    }),
    quote: rowLoader((ids) => quotesByIds(store, scope, ids), (row) => row.id),
    quoteLine: rowLoader((ids) => linesByIds(store, scope, ids), (row) => row.id),
    quotesByOpportunity: childrenLoader((ids) => quotesByOpportunityIds(store, scope, ids), (row) => row.opportunity_id),
    quoteLines: childrenLoader((ids) => linesByQuoteIds(store, ids), (row) => row.quote_id),
    quoteApprovals: childrenLoader((ids) => approvalsByQuoteIds(store, ids), (row) => row.quote_id),
    approval: rowLoader(
      async (ids) => (await approvalsByIds(store, ids)).filter((a) => scope.kind === 'all' || a.quote_dealer_id === scope.dealerAccountId),
      (row) => row.id,
    ),
    approver: rowLoader((ids) => approversByIds(store, ids), (row) => row.id),
    approvalGroup: rowLoader((ids) => groupsByIds(store, ids), (row) => row.id),
    groupMembers: childrenLoader((ids) => membersByGroupIds(store, ids), (row) => row.group_id),
    approvalChain: rowLoader((ids) => chainsByIds(store, ids), (row) => row.id),
    chainEntries: childrenLoader((ids) => entriesByChainIds(store, ids), (row) => row.chain_id),
    approvalRule: rowLoader((ids) => rulesByIds(store, ids), (row) => row.id),
    ruleConditions: childrenLoader((ids) => conditionsByRuleIds(store, ids), (row) => row.rule_id),
    order: rowLoader((ids) => ordersByIds(store, scope, ids), (row) => row.id),
    orderItem: rowLoader((ids) => itemsByIds(store, scope, ids), (row) => row.id),
    quoteOrders: childrenLoader((ids) => ordersByQuoteIds(store, ids), (row) => row.quote_id),
    orderItems: childrenLoader((ids) => itemsByOrderIds(store, ids), (row) => row.order_id),
    contract: rowLoader((ids) => contractsByIds(store, scope, ids), (row) => row.id),
    quoteContract: rowLoader((ids) => contractsByQuoteIds(store, ids), (row) => row.quote_id),
    accountContracts: childrenLoader((ids) => contractsByAccountIds(store, scope, ids), (row) => row.account_id),
    contractOrders: childrenLoader((ids) => ordersByContractIds(store, ids), (row) => row.contract_id ?? ''),
    contractSubscriptions: childrenLoader((ids) => subscriptionsByContractIds(store, ids), (row) => row.contract_id),
    contractAssets: childrenLoader((ids) => assetsByContractIds(store, ids), (row) => row.contract_id),
    contractEntitlements: childrenLoader((ids) => entitlementsByContractIds(store, ids), (row) => row.contract_id),
    subscription: rowLoader((ids) => subscriptionsByIds(store, scope, ids), (row) => row.id),
    asset: rowLoader((ids) => assetsByIds(store, scope, ids), (row) => row.id),
    entitlement: rowLoader((ids) => entitlementsByIds(store, scope, ids), (row) => row.id),
    activeEntitlements: new DataLoader<string, EntitlementRow[]>(async (keys) => {
      const byDay = group(keys);
      const found = new Map<string, EntitlementRow[]>();
      for (const [day, accountIds] of byDay) {
        for (const row of await entitlementsActiveOn(store, scope, accountIds, day)) {
          const key = `${row.account_id}\n${day}`;
          found.set(key, [...(found.get(key) ?? []), row]);
        }
      }
      return keys.map((key) => found.get(key) ?? []);
    }),
  };
}

/**
 * A loader keyed by `group⏎member`: one statement per group (a price book) for every member asked in the same tick.
 */
function groupedLoader<V>(fetch: (group: string, members: string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (keys) => {
    const results = new Map<string, V>();
    for (const [groupKey, members] of group(keys, 'first')) {
      for (const [member, value] of await fetch(groupKey, members)) results.set(`${groupKey}\n${member}`, value);
    }
    return keys.map((key) => results.get(key) ?? null);
  });
}

/**
 * Splits keys `id⏎rest` (ids never hold a newline; `rest` may hold several lines) into groups of ids: by `rest`
 * (`last`, the default) or, for `first`, by the id with `rest` as the member.
 */
function group(keys: readonly string[], by: 'first' | 'last' = 'last'): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const cut = key.indexOf('\n');
    const [a, b] = [key.slice(0, cut), key.slice(cut + 1)];
    const [groupKey, member] = by === 'first' ? [a, b] : [b, a];
    groups.set(groupKey, [...(groups.get(groupKey) ?? []), member]);
  }
  return groups;
}
