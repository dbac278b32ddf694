import { dateValue } from '@l2c/shared';
import type { AccountResolvers, OpportunityResolvers } from '../__generated__/resolvers-types.ts';

/**
 * CRM's entities, extended with what CPQ knows about them. CPQ holds only their ids: the reference resolves to the
 * id itself, and CRM decides whether the caller may see the entity at all.
 */
export const Opportunity = {
  __resolveReference: (ref) => ({ id: ref.id }),
  quotes: (opportunity, _args, ctx) => ctx.loaders.quotesByOpportunity.load(opportunity.id),
  primaryQuote: async (opportunity, _args, ctx) => (await ctx.loaders.quotesByOpportunity.load(opportunity.id)).find((q) => q.is_primary) ?? null,
} satisfies OpportunityResolvers;

export const Account = {
  __resolveReference: (ref) => ({ id: ref.id }),
  inventory: (account, _args, ctx) => ctx.loaders.inventoryByDealer.load(account.id),
  stock: (account, args, ctx) => ctx.loaders.stock.load(`${account.id}\n${args.productCodes.map((code) => code.trim().toUpperCase()).join('\n')}`),
  contracts: (account, _args, ctx) => ctx.loaders.accountContracts.load(account.id),
  entitlements: (account, args, ctx) => ctx.loaders.activeEntitlements.load(`${account.id}\n${dateValue('onDate', args.onDate)}`),
} satisfies AccountResolvers;
