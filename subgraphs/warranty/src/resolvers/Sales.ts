import type { IncentiveAllocationResolvers, IncentiveProgramResolvers, RebateClaimResolvers, TransactionJournalResolvers } from '../__generated__/resolvers-types.ts';
import { ref } from './fields.ts';

export const IncentiveProgram = {
  __resolveReference: (reference, ctx) => ctx.loaders.program.load(reference.id),
  saleTypes: (program) => program.sale_types as ('CASH' | 'LEASE' | 'LOAN')[],
} satisfies IncentiveProgramResolvers;

export const IncentiveAllocation = {
  dealer: (allocation) => ({ id: allocation.dealer_id }),
  program: (allocation, _args, ctx) => (allocation.program_id ? ctx.loaders.program.load(allocation.program_id) : null),
} satisfies IncentiveAllocationResolvers;

export const RebateClaim = {
  __resolveReference: (reference, ctx) => ctx.loaders.rebateClaim.load(reference.id),
  dealer: (claim) => ({ id: claim.dealer_id }),
  asset: (claim) => ref(claim.asset_id),
  tradingDealer: (claim) => ref(claim.trading_dealer_id),
  program: (claim, _args, ctx) => (claim.program_id ? ctx.loaders.program.load(claim.program_id) : null),
  allocations: (claim, _args, ctx) => ctx.loaders.allocations.load(claim.id),
  csvImport: (claim, _args, ctx) => (claim.import_id ? ctx.loaders.csvImport.load(claim.import_id) : null),
} satisfies RebateClaimResolvers;

export const TransactionJournal = {
  __resolveReference: (reference, ctx) => ctx.loaders.transactionJournal.load(reference.id),
  dealer: (journal) => ({ id: journal.dealer_id }),
  asset: (journal) => ref(journal.asset_id),
  supplyingDealer: (journal) => ref(journal.supplying_dealer_id),
  program: (journal, _args, ctx) => (journal.program_id ? ctx.loaders.program.load(journal.program_id) : null),
  allocations: (journal, _args, ctx) => ctx.loaders.allocations.load(journal.id),
  csvImport: (journal, _args, ctx) => (journal.import_id ? ctx.loaders.csvImport.load(journal.import_id) : null),
} satisfies TransactionJournalResolvers;
