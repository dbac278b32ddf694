import { pageQuery } from '@l2c/shared';
import type { DiscountTierResolvers, InventoryItemResolvers, PriceBookEntryResolvers, PriceBookResolvers, ProductResolvers } from '../__generated__/resolvers-types.ts';
import { listEntries } from '../store/catalogue.ts';
import { present } from './fields.ts';

export const Product = {
  __resolveReference: (ref, ctx) => ctx.loaders.product.load(ref.id),
  discountTiers: (product, _args, ctx) => ctx.loaders.discountTiers.load(product.id),
  // `standard` selects the standard book (no price book has that id); the store falls back to it for every book.
  price: (product, args, ctx) => ctx.loaders.unitPrice.load(`${args.priceBookId ?? 'standard'}\n${product.id}`),
} satisfies ProductResolvers;

export const DiscountTier = {} satisfies DiscountTierResolvers;

export const PriceBook = {
  __resolveReference: (ref, ctx) => ctx.loaders.priceBook.load(ref.id),
  dealer: (book) => (book.dealer_id ? { id: book.dealer_id } : null),
  entries: (book, args, ctx) => listEntries(ctx.store, book.id, pageQuery(args)),
} satisfies PriceBookResolvers;

export const PriceBookEntry = {
  __resolveReference: (ref, ctx) => ctx.loaders.priceBookEntry.load(ref.id),
  priceBook: async (entry, _args, ctx) => present(await ctx.loaders.priceBook.load(entry.price_book_id), 'PriceBook', entry.price_book_id),
  product: async (entry, _args, ctx) => present(await ctx.loaders.product.load(entry.product_id), 'Product', entry.product_id),
} satisfies PriceBookEntryResolvers;

export const InventoryItem = {
  __resolveReference: (ref, ctx) => ctx.loaders.inventoryItem.load(ref.id),
  dealer: (item) => ({ id: item.dealer_id }),
  product: async (item, _args, ctx) => present(await ctx.loaders.product.load(item.product_id), 'Product', item.product_id),
} satisfies InventoryItemResolvers;
