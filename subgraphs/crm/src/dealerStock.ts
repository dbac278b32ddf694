import type { IdentityHeaders, Logger, SubgraphClient } from '@l2c/shared';

/**
 * Dealer stock, which CRM does not keep: the CPQ subgraph owns dealer inventory, so dealer matching asks it through
 * the graph (one request for every dealer and product, as the caller, so a partner hears of its own stock only).
 * Matching must not fail because CPQ is down: then stock is unknown, a warning is logged, and the ranking goes on
 * without it.
 */
export interface DealerStockSource {
  /** Units on hand per dealer and product code (dealers and products CPQ does not list have none); null when unknown. */
  stockAt(dealerIds: readonly string[], productCodes: readonly string[]): Promise<StockLevels | null>;
}

export type StockLevels = Map<string, Map<string, number>>;

const DEALER_STOCK = `query CrmDealerStock($dealerIds: [ID!]!, $productCodes: [String!]!) {
  dealerStock(dealerIds: $dealerIds, productCodes: $productCodes) { dealer { id } productCode quantityOnHand }
}`;

/** Dealer stock from CPQ over the shared subgraph client, forwarding the caller's signed identity headers. */
export function cpqDealerStock(client: SubgraphClient, identity: IdentityHeaders | null, logger: Logger): DealerStockSource {
  return {
    async stockAt(dealerIds, productCodes) {
      if (dealerIds.length === 0 || productCodes.length === 0) return new Map();
      if (!identity) {
        logger.warn('dealer stock unknown: no caller identity to forward to CPQ');
        return null;
      }
      try {
        const { dealerStock } = await client.request<{ dealerStock: { dealer: { id: string }; productCode: string; quantityOnHand: number }[] }>(identity, DEALER_STOCK, {
          dealerIds,
          productCodes,
        });
        const levels: StockLevels = new Map();
        for (const item of dealerStock) {
          const dealer = levels.get(item.dealer.id) ?? new Map<string, number>();
          dealer.set(item.productCode, item.quantityOnHand);
          levels.set(item.dealer.id, dealer);
        }
        return levels;
      } catch (error) {
        logger.warn({ err: error, cpq: client.url }, 'dealer stock unknown: CPQ did not answer; dealers are matched without it');
        return null;
      }
    },
  };
}
