import type { OpportunitySyncResolvers, QuoteLineResolvers, QuoteResolvers } from '../__generated__/resolvers-types.ts';
import { present, ref } from './fields.ts';

export const Quote = {
  __resolveReference: (ref, ctx) => ctx.loaders.quote.load(ref.id),
  opportunity: (quote) => ({ id: quote.opportunity_id }),
  account: (quote) => ({ id: quote.account_id }),
  dealer: (quote) => ref(quote.dealer_id),
  priceBook: async (quote, _args, ctx) => present(await ctx.loaders.priceBook.load(quote.price_book_id), 'PriceBook', quote.price_book_id),
  lines: (quote, _args, ctx) => ctx.loaders.quoteLines.load(quote.id),
  approvals: async (quote, _args, ctx) => (await ctx.loaders.quoteApprovals.load(quote.id)).filter((a) => a.submission === quote.submission),
  approvalHistory: (quote, _args, ctx) => ctx.loaders.quoteApprovals.load(quote.id),
  opportunitySync: (quote) => (quote.sync_status ? quote : null),
  orders: (quote, _args, ctx) => ctx.loaders.quoteOrders.load(quote.id),
  contract: (quote, _args, ctx) => ctx.loaders.quoteContract.load(quote.id),
} satisfies QuoteResolvers;

export const OpportunitySync = {
  status: (quote) => quote.sync_status ?? 'PENDING',
  error: (quote) => quote.sync_error,
} satisfies OpportunitySyncResolvers;

export const QuoteLine = {
  __resolveReference: (ref, ctx) => ctx.loaders.quoteLine.load(ref.id),
  quote: async (line, _args, ctx) => present(await ctx.loaders.quote.load(line.quote_id), 'Quote', line.quote_id),
  product: async (line, _args, ctx) => present(await ctx.loaders.product.load(line.product_id), 'Product', line.product_id),
} satisfies QuoteLineResolvers;
