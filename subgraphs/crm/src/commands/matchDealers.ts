import { intValue } from '@l2c/shared';
import { rankDealers, type DealerMatchResult } from '../domain/matchDealers.ts';
import { allDealers } from '../store/accounts.ts';
import { preferredSellersByLeadIds } from '../store/leads.ts';
import { wonCountsByDealer } from '../store/opportunities.ts';
import { positiveTestDriveCounts } from '../store/testDrives.ts';
import { readLead, type CommandContext } from './context.ts';

/**
 * Dealers best placed to serve a lead. A partner may ask for its own leads; the ranking looks across the network,
 * but a partner is shown only its own dealer among the results, never another dealer's record.
 */
export async function matchDealers(ctx: CommandContext, leadId: string, first: number, maxDistanceKm: number | null | undefined): Promise<DealerMatchResult[]> {
  const limit = intValue('first', first, 1, 50);
  const lead = await readLead(ctx.store, ctx, leadId);
  const [dealers, won, positive, sellers] = await Promise.all([
    allDealers(ctx.store),
    wonCountsByDealer(ctx.store),
    positiveTestDriveCounts(ctx.store),
    preferredSellersByLeadIds(ctx.store, [leadId]),
  ]);
  const candidates = dealers.map((dealer) => ({
    dealer,
    wonOpportunities: won.get(dealer.id) ?? 0,
    positiveTestDrives: positive.get(dealer.id) ?? 0,
  }));
  const { scope } = ctx;
  if (scope.kind === 'all') return rankDealers(lead, sellers, candidates, { first: limit, maxDistanceKm });
  return rankDealers(lead, sellers, candidates, { first: dealers.length, maxDistanceKm }).filter((m) => m.dealer.id === scope.dealerAccountId);
}
