import { dateValue, pageQuery } from '@l2c/shared';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { dealerStock } from '../commands/dealerStock.ts';
import { pendingApprovals } from '../commands/pendingApprovals.ts';
import { previewApprovals } from '../commands/previewApprovals.ts';
import { allApprovers, allChains, allGroups, allRules } from '../store/approvals.ts';
import { listPriceBooks, listProducts, productsByCodes } from '../store/catalogue.ts';
import { listContracts, listOrders } from '../store/orders.ts';
import { listQuotes } from '../store/quotes.ts';

/** Every list is scoped to the caller and paginated (or small and bounded); single reads go through the scoped loaders. */
export const Query = {
  product: (_p, { id }, ctx) => ctx.loaders.product.load(id),
  productByCode: async (_p, { code }, ctx) => (await productsByCodes(ctx.store, [code.trim().toUpperCase()]))[0] ?? null,
  products: (_p, args, ctx) => listProducts(ctx.store, args.filter ?? {}, pageQuery(args)),
  priceBooks: (_p, _args, ctx) => listPriceBooks(ctx.store, ctx.scope),
  priceBook: (_p, { id }, ctx) => ctx.loaders.priceBook.load(id),
  quote: (_p, { id }, ctx) => ctx.loaders.quote.load(id),
  quotes: (_p, args, ctx) => listQuotes(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  approvalPreview: (_p, { quoteId }, ctx) => previewApprovals(ctx, quoteId),
  myPendingApprovals: (_p, _args, ctx) => pendingApprovals(ctx),
  approvalRules: (_p, _args, ctx) => allRules(ctx.store),
  approvers: (_p, _args, ctx) => allApprovers(ctx.store),
  approvalGroups: (_p, _args, ctx) => allGroups(ctx.store),
  approvalChains: (_p, _args, ctx) => allChains(ctx.store),
  order: (_p, { id }, ctx) => ctx.loaders.order.load(id),
  orders: (_p, args, ctx) => listOrders(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  contract: (_p, { id }, ctx) => ctx.loaders.contract.load(id),
  contracts: (_p, args, ctx) => listContracts(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  entitlements: (_p, { accountId, onDate }, ctx) => ctx.loaders.activeEntitlements.load(`${accountId}\n${dateValue('onDate', onDate)}`),
  dealerStock: (_p, { dealerIds, productCodes }, ctx) => dealerStock(ctx, dealerIds, productCodes),
} satisfies QueryResolvers;
