import { pageQuery, requireRole } from '@l2c/shared';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { checkEligibility } from '../commands/claims.ts';
import { claimByNumber, listClaims, readPolicy } from '../store/claims.ts';
import { codeByKind, listCodes } from '../store/codes.ts';
import { listTerms } from '../store/coverage.ts';
import { listImports } from '../store/imports.ts';
import { listPrograms } from '../store/programs.ts';
import { listAllocations, listReports } from '../store/salesReports.ts';
import type { RebateClaimRow, TransactionJournalRow } from '../store/rows.ts';

/** Every list is scoped to the caller and paginated (or small reference data); single reads go through the scoped loaders. */
export const Query = {
  codes: (_p, args, ctx) => listCodes(ctx.store, args.kind ?? null, args.includeInactive ?? false),
  code: (_p, args, ctx) => codeByKind(ctx.store, args.kind, args.code.trim().toUpperCase()),
  warrantyTerms: (_p, args, ctx) => listTerms(ctx.store, args.includeInactive ?? false),
  warrantyTerm: (_p, { id }, ctx) => ctx.loaders.term.load(id),
  assetWarranties: (_p, { assetId }, ctx) => ctx.loaders.assetWarranties.load(assetId),
  claimEligibility: (_p, { input }, ctx) => checkEligibility(ctx, input),
  claim: (_p, { id }, ctx) => ctx.loaders.claim.load(id),
  claimByNumber: (_p, { number }, ctx) => claimByNumber(ctx.store, ctx.scope, number.trim().toUpperCase()),
  claims: (_p, args, ctx) => listClaims(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  adjudicationPolicy: (_p, _args, ctx) => {
    // The thresholds are the OEM's own: a dealer who knew them could shape claims to stay under them.
    requireRole(ctx.identity, 'adjudicationPolicy', 'staff', 'sf_admin', 'engineer', 'warranty_adjuster');
    return readPolicy(ctx.store);
  },
  incentivePrograms: (_p, args, ctx) => listPrograms(ctx.store, { includeInactive: args.includeInactive ?? false }),
  rebateClaim: (_p, { id }, ctx) => ctx.loaders.rebateClaim.load(id),
  rebateClaims: (_p, args, ctx) => listReports<RebateClaimRow>(ctx.store, 'rebate_claims', ctx.scope, args.filter ?? {}, pageQuery(args)),
  transactionJournal: (_p, { id }, ctx) => ctx.loaders.transactionJournal.load(id),
  transactionJournals: (_p, args, ctx) => listReports<TransactionJournalRow>(ctx.store, 'transaction_journals', ctx.scope, args.filter ?? {}, pageQuery(args)),
  incentiveAllocations: (_p, args, ctx) => listAllocations(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args)),
  csvImport: (_p, { id }, ctx) => ctx.loaders.csvImport.load(id),
  csvImports: (_p, args, ctx) => {
    requireRole(ctx.identity, 'csvImports', 'partner', 'staff', 'sf_admin', 'engineer', 'warranty_adjuster');
    return listImports(ctx.store, ctx.scope, args.filter ?? {}, pageQuery(args));
  },
} satisfies QueryResolvers;
