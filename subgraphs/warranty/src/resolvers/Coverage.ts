import { isoDate } from '@l2c/shared';
import type { AssetResolvers, AssetWarrantyResolvers, WarrantyExtensionResolvers, WarrantyTermResolvers } from '../__generated__/resolvers-types.ts';
import { warrantyStatusOn } from '../domain/coverage.ts';
import { present } from './fields.ts';

export const WarrantyTerm = {
  __resolveReference: (ref, ctx) => ctx.loaders.term.load(ref.id),
  coverage: (term) => [
    { category: 'PARTS' as const, percent: term.parts_percent, months: term.parts_months ?? term.months },
    { category: 'LABOR' as const, percent: term.labor_percent, months: term.labor_months ?? term.months },
    { category: 'EXPENSES' as const, percent: term.expenses_percent, months: term.expenses_months ?? term.months },
  ],
  exclusions: (term, _args, ctx) => ctx.loaders.termExclusions.load(term.id),
  products: (term, _args, ctx) => ctx.loaders.termProducts.load(term.id),
} satisfies WarrantyTermResolvers;

export const AssetWarranty = {
  __resolveReference: (ref, ctx) => ctx.loaders.assetWarranty.load(ref.id),
  asset: (warranty) => ({ id: warranty.asset_id }),
  term: async (warranty, _args, ctx) => present(await ctx.loaders.term.load(warranty.term_id), 'WarrantyTerm', warranty.term_id),
  coverage: (w) => [
    { category: 'PARTS' as const, percent: w.parts_percent, endDate: w.parts_end_date },
    { category: 'LABOR' as const, percent: w.labor_percent, endDate: w.labor_end_date },
    { category: 'EXPENSES' as const, percent: w.expenses_percent, endDate: w.expenses_end_date },
  ],
  status: (w) => warrantyStatusOn({ endDate: w.end_date, voidDate: w.void_date }, isoDate(new Date())),
  voidCondition: (w) => w.void_condition as 'ODOMETER_TAMPERING' | 'SALVAGE_TITLE' | 'UNAUTHORIZED_MODIFICATION' | 'COMMERCIAL_USE' | 'RACING' | 'OTHER' | null,
  exclusions: async (w, _args, ctx) => [...(await ctx.loaders.termExclusions.load(w.term_id)), ...(await ctx.loaders.warrantyExclusions.load(w.id))],
  extensions: (w, _args, ctx) => ctx.loaders.warrantyExtensions.load(w.id),
} satisfies AssetWarrantyResolvers;

export const WarrantyExtension = {
  extensionTerm: (extension, _args, ctx) => (extension.extension_term_id ? ctx.loaders.term.load(extension.extension_term_id) : null),
} satisfies WarrantyExtensionResolvers;

/** CPQ's assets, extended with their warranties and the claims the caller may see. */
export const Asset = {
  __resolveReference: (ref) => ({ id: ref.id }),
  warranties: (asset, _args, ctx) => ctx.loaders.assetWarranties.load(asset.id),
  warrantyClaims: (asset, _args, ctx) => ctx.loaders.claimsOfAsset.load(asset.id),
} satisfies AssetResolvers;
