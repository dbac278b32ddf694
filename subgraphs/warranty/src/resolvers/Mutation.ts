import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { adjudicateClaim, recordClaimPayment, requestClaimInformation, setAdjudicationPolicy, startClaimReview } from '../commands/adjudication.ts';
import { addAssetWarrantyExclusion, extendAssetWarranty, registerAssetWarranty, voidAssetWarranty } from '../commands/assetWarranties.ts';
import { createClaim, submitClaim, updateClaim } from '../commands/claims.ts';
import { defineCode, mapFaultToLabor, setCodeActive, unmapFaultFromLabor } from '../commands/codes.ts';
import { createCsvImport } from '../commands/csvImports.ts';
import { createIncentiveProgram, setIncentiveProgramActiveCommand } from '../commands/programs.ts';
import { reviewRebateClaims, reviewTransactionJournals } from '../commands/salesReports.ts';
import { addTermExclusion, coverProducts, createWarrantyTerm, removeExclusion, uncoverProducts, updateWarrantyTerm } from '../commands/terms.ts';

/** Mutations hand their arguments to commands, which check the caller, apply the rules and write in one transaction. */
export const Mutation = {
  defineCode: (_p, { input }, ctx) => defineCode(ctx, input),
  setCodeActive: (_p, { id, isActive }, ctx) => setCodeActive(ctx, id, isActive),
  mapFaultToLabor: (_p, { faultCode, laborCode, hours }, ctx) => mapFaultToLabor(ctx, faultCode, laborCode, hours),
  unmapFaultFromLabor: (_p, { faultCode, laborCode }, ctx) => unmapFaultFromLabor(ctx, faultCode, laborCode),
  createWarrantyTerm: (_p, { input }, ctx) => createWarrantyTerm(ctx, input),
  updateWarrantyTerm: (_p, { id, input }, ctx) => updateWarrantyTerm(ctx, id, input),
  coverProducts: (_p, { termId, input }, ctx) => coverProducts(ctx, termId, input),
  uncoverProducts: (_p, { productWarrantyTermId }, ctx) => uncoverProducts(ctx, productWarrantyTermId),
  addTermExclusion: (_p, { termId, input }, ctx) => addTermExclusion(ctx, termId, input),
  removeExclusion: (_p, { id }, ctx) => removeExclusion(ctx, id),
  registerAssetWarranty: (_p, { assetId, termId, startDate }, ctx) => registerAssetWarranty(ctx, assetId, termId, startDate),
  addAssetWarrantyExclusion: (_p, { assetWarrantyId, input }, ctx) => addAssetWarrantyExclusion(ctx, assetWarrantyId, input),
  voidAssetWarranty: (_p, { id, input }, ctx) => voidAssetWarranty(ctx, id, input),
  extendAssetWarranty: (_p, { id, input }, ctx) => extendAssetWarranty(ctx, id, input),
  createClaim: (_p, { input }, ctx) => createClaim(ctx, input),
  updateClaim: (_p, { id, input }, ctx) => updateClaim(ctx, id, input),
  submitClaim: (_p, { id }, ctx) => submitClaim(ctx, id),
  startClaimReview: (_p, { id }, ctx) => startClaimReview(ctx, id),
  requestClaimInformation: (_p, { id, question }, ctx) => requestClaimInformation(ctx, id, question),
  adjudicateClaim: (_p, { id, input }, ctx) => adjudicateClaim(ctx, id, input),
  recordClaimPayment: (_p, { id, input }, ctx) => recordClaimPayment(ctx, id, input),
  setAdjudicationPolicy: (_p, { input }, ctx) => setAdjudicationPolicy(ctx, input),
  createIncentiveProgram: (_p, { input }, ctx) => createIncentiveProgram(ctx, input),
  setIncentiveProgramActive: (_p, { id, isActive }, ctx) => setIncentiveProgramActiveCommand(ctx, id, isActive),
  createCsvImport: (_p, { input }, ctx) => createCsvImport(ctx, input),
  reviewRebateClaims: (_p, { input }, ctx) => reviewRebateClaims(ctx, input),
  reviewTransactionJournals: (_p, { input }, ctx) => reviewTransactionJournals(ctx, input),
} satisfies MutationResolvers;
