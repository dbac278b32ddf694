import type {
  AdjudicationPolicyResolvers,
  ClaimLineResolvers,
  ClaimResolvers,
  ClaimStatusChangeResolvers,
  EligibilityCheckResolvers,
  EligibilityReasonResolvers,
  LineEligibilityResolvers,
} from '../__generated__/resolvers-types.ts';
import type { AssetWarrantyRow } from '../store/rows.ts';
import { decimal, present } from './fields.ts';

export const Claim = {
  __resolveReference: (ref, ctx) => ctx.loaders.claim.load(ref.id),
  dealer: (claim) => ({ id: claim.dealer_id }),
  asset: (claim) => ({ id: claim.asset_id }),
  faultCodes: async (claim, _args, ctx) => {
    const coverages = await ctx.loaders.claimCoverages.load(claim.id);
    return Promise.all(coverages.map(async (c) => present(await ctx.loaders.code.load(c.fault_code_id), 'Code', c.fault_code_id)));
  },
  lines: (claim, _args, ctx) => ctx.loaders.claimLines.load(claim.id),
  history: (claim, _args, ctx) => ctx.loaders.claimHistory.load(claim.id),
} satisfies ClaimResolvers;

export const ClaimLine = {
  faultCode: (line, _args, ctx) => ctx.loaders.code.load(line.fault_code_id),
  reasons: (line) => line.eligibility_reasons,
  assetWarranty: (line, _args, ctx) => (line.asset_warranty_id ? ctx.loaders.assetWarranty.load(line.asset_warranty_id) : null),
} satisfies ClaimLineResolvers;

export const ClaimStatusChange = {
  from: (change) => change.from_status,
  to: (change) => change.to_status,
} satisfies ClaimStatusChangeResolvers;

export const EligibilityReason = {
  assetWarranty: (reason, _args, ctx) => (reason.assetWarrantyId ? ctx.loaders.assetWarranty.load(reason.assetWarrantyId) : null),
} satisfies EligibilityReasonResolvers;

export const EligibilityCheck = {
  lines: (result) => result.checked.lines,
  claimedAmount: (result) => decimal(result.checked.claimedCents),
  coveredAmount: (result) => decimal(result.checked.payableCents),
  deductible: (result) => decimal(result.checked.deductibleCents),
  warranties: async (result, _args, ctx) => (await ctx.loaders.assetWarranty.loadMany(result.warrantyIds)).filter((w): w is AssetWarrantyRow => w !== null && !(w instanceof Error)),
} satisfies EligibilityCheckResolvers;

export const LineEligibility = {
  claimedAmount: (line) => decimal(line.claimedCents),
  allowedAmount: (line) => decimal(line.allowedCents),
  coveredPercent: (line) => decimal(line.coveredPercent),
  coveredAmount: (line) => decimal(line.coveredCents),
  assetWarranty: (line, _args, ctx) => (line.assetWarrantyId ? ctx.loaders.assetWarranty.load(line.assetWarrantyId) : null),
} satisfies LineEligibilityResolvers;

export const AdjudicationPolicy = {} satisfies AdjudicationPolicyResolvers;
