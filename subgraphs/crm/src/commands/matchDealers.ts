import { intValue } from '@l2c/shared';
import type { DealerStockSource } from '../dealerStock.ts';
import { rankDealers, stockCoverage, type DealerMatchResult } from '../domain/matchDealers.ts';
import { allDealers } from '../store/accounts.ts';
import { lineItemsByLeadIds, preferredSellersByLeadIds } from '../store/leads.ts';
import { wonCountsByDealer } from '../store/opportunities.ts';
import { positiveTestDriveCounts } from '../store/testDrives.ts';
import { readLead, type CommandContext } from './context.ts';

/**
 * Dealers best placed to serve a lead. A partner may ask for its own leads; the ranking looks across the network,
 * but a partner is shown only its own dealer among the results, never another dealer's record. Stock of the lead's
 * products comes from CPQ in one request for all dealers (a partner's own dealer only), when CPQ answers.
 */
export async function matchDealers(
  ctx: CommandContext & { dealerStock?: DealerStockSource | undefined },
  leadId: string,
  first: number,
  maxDistanceKm: number | null | undefined,
): Promise<DealerMatchResult[]> {
  const limit = intValue('first', first, 1, 50);
  const lead = await readLead(ctx.store, ctx, leadId);
  const [dealers, won, positive, sellers, items] = await Promise.all([
    allDealers(ctx.store),
    wonCountsByDealer(ctx.store),
    positiveTestDriveCounts(ctx.store),
    preferredSellersByLeadIds(ctx.store, [leadId]),
    lineItemsByLeadIds(ctx.store, [leadId]),
  ]);
  const { scope } = ctx;
  const codes = [...new Set(items.flatMap((item) => (item.product_code ? [item.product_code] : [])))];
  const asked = scope.kind === 'all' ? dealers.map((d) => d.id) : [scope.dealerAccountId];
  const levels = codes.length > 0 && ctx.dealerStock ? await ctx.dealerStock.stockAt(asked, codes) : null;
  const candidates = dealers.map((dealer) => ({
    dealer,
    wonOpportunities: won.get(dealer.id) ?? 0,
    positiveTestDrives: positive.get(dealer.id) ?? 0,
    stock: codes.length === 0 ? null : levels ? stockCoverage(items, levels.get(dealer.id) ?? new Map()) : ('UNKNOWN' as const),
  }));
  if (scope.kind === 'all') return rankDealers(lead, sellers, candidates, { first: limit, maxDistanceKm });
  return rankDealers(lead, sellers, candidates, { first: dealers.length, maxDistanceKm }).filter((m) => m.dealer.id === scope.dealerAccountId);
}
