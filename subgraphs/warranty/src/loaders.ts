import { childrenLoader, DataLoader, rowLoader, type Scope, type Store } from '@l2c/shared';
import { assetsByIds, productsByIds } from './store/assets.ts';
import { claimsByAssetIds, claimsByIds, coveragesByClaimIds, historyByClaimIds, linesByClaimIds } from './store/claims.ts';
import { codesByIds, laborOfFaults } from './store/codes.ts';
import { assetWarrantiesByIds, exclusionsOfTerms, exclusionsOfWarranties, extensionsByWarrantyIds, productTermsByTermIds, termsByIds, warrantiesByAssetIds } from './store/coverage.ts';
import { importsByIds } from './store/imports.ts';
import { programsByIds } from './store/programs.ts';
import type {
  AllocationRow,
  AssetRow,
  AssetWarrantyRow,
  ClaimCoverageRow,
  ClaimLineRow,
  ClaimRow,
  ClaimStatusChangeRow,
  CodeRow,
  CsvImportRow,
  ExclusionRow,
  ExtensionRow,
  FaultLaborRow,
  ProductRow,
  ProductWarrantyTermRow,
  ProgramRow,
  RebateClaimRow,
  TransactionJournalRow,
  WarrantyTermRow,
} from './store/rows.ts';
import { allocationsBySourceIds, reportsByIds } from './store/salesReports.ts';

/**
 * One request's loaders. Claims, sales reports and imports are loaded within the caller's scope, so a nested field
 * can never reach another dealer's: it resolves to null (or an empty list) instead. Children (lines, history,
 * allocations) are reached only through a parent already checked against scope. Codes, terms and coverage are the
 * OEM's reference data, open to every caller.
 */
export interface Loaders {
  code: DataLoader<string, CodeRow | null>;
  laborOfFault: DataLoader<string, FaultLaborRow[]>;
  term: DataLoader<string, WarrantyTermRow | null>;
  termExclusions: DataLoader<string, ExclusionRow[]>;
  termProducts: DataLoader<string, ProductWarrantyTermRow[]>;
  asset: DataLoader<string, AssetRow | null>;
  product: DataLoader<string, ProductRow | null>;
  assetWarranty: DataLoader<string, AssetWarrantyRow | null>;
  assetWarranties: DataLoader<string, AssetWarrantyRow[]>;
  warrantyExclusions: DataLoader<string, ExclusionRow[]>;
  warrantyExtensions: DataLoader<string, ExtensionRow[]>;
  claim: DataLoader<string, ClaimRow | null>;
  claimsOfAsset: DataLoader<string, ClaimRow[]>;
  claimLines: DataLoader<string, ClaimLineRow[]>;
  claimCoverages: DataLoader<string, ClaimCoverageRow[]>;
  claimHistory: DataLoader<string, ClaimStatusChangeRow[]>;
  program: DataLoader<string, ProgramRow | null>;
  rebateClaim: DataLoader<string, RebateClaimRow | null>;
  transactionJournal: DataLoader<string, TransactionJournalRow | null>;
  allocations: DataLoader<string, AllocationRow[]>;
  csvImport: DataLoader<string, CsvImportRow | null>;
}

export function createLoaders(store: Store, scope: Scope): Loaders {
  return {
    code: rowLoader((ids) => codesByIds(store, ids), (row) => row.id),
    laborOfFault: childrenLoader((ids) => laborOfFaults(store, ids), (row) => row.fault_code_id),
    term: rowLoader((ids) => termsByIds(store, ids), (row) => row.id),
    termExclusions: childrenLoader((ids) => exclusionsOfTerms(store, ids), (row) => row.term_id!),
    termProducts: childrenLoader((ids) => productTermsByTermIds(store, ids), (row) => row.term_id),
    asset: rowLoader((ids) => assetsByIds(store, ids), (row) => row.id),
    product: rowLoader((ids) => productsByIds(store, ids), (row) => row.id),
    assetWarranty: rowLoader((ids) => assetWarrantiesByIds(store, ids), (row) => row.id),
    assetWarranties: childrenLoader((ids) => warrantiesByAssetIds(store, ids), (row) => row.asset_id),
    warrantyExclusions: childrenLoader((ids) => exclusionsOfWarranties(store, ids), (row) => row.asset_warranty_id!),
    warrantyExtensions: childrenLoader((ids) => extensionsByWarrantyIds(store, ids), (row) => row.asset_warranty_id),
    claim: rowLoader((ids) => claimsByIds(store, scope, ids), (row) => row.id),
    claimsOfAsset: childrenLoader((ids) => claimsByAssetIds(store, scope, ids), (row) => row.asset_id),
    claimLines: childrenLoader((ids) => linesByClaimIds(store, ids), (row) => row.claim_id),
    claimCoverages: childrenLoader((ids) => coveragesByClaimIds(store, ids), (row) => row.claim_id),
    claimHistory: childrenLoader((ids) => historyByClaimIds(store, ids), (row) => row.claim_id),
    program: rowLoader((ids) => programsByIds(store, ids), (row) => row.id),
    rebateClaim: rowLoader((ids) => reportsByIds<RebateClaimRow>(store, 'rebate_claims', scope, ids), (row) => row.id),
    transactionJournal: rowLoader((ids) => reportsByIds<TransactionJournalRow>(store, 'transaction_journals', scope, ids), (row) => row.id),
    allocations: childrenLoader((ids) => allocationsBySourceIds(store, ids), (row) => row.source_id),
    csvImport: rowLoader((ids) => importsByIds(store, scope, ids), (row) => row.id),
  };
}
