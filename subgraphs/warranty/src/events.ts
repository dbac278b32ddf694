import { recordEvents, type EventInput, type Queryable } from '@l2c/shared';

/**
 * The domain events the warranty subgraph emits, recorded in the outbox in the same transaction as the change. Each
 * names the dealer concerned, so partner subscriptions and webhooks hear of their own business only.
 * `ClaimStatusChanged` carries `{ claimNumber, assetId, status: { from, to }, approvedAmount? }` (the contract other
 * subgraphs and partner apps rely on) and the reason when there is one.
 */
export const WarrantyEventType = {
  ClaimStatusChanged: 'ClaimStatusChanged',
  RebateClaimStatusChanged: 'RebateClaimStatusChanged',
  TransactionJournalStatusChanged: 'TransactionJournalStatusChanged',
  CsvImportCompleted: 'CsvImportCompleted',
  CsvImportFailed: 'CsvImportFailed',
  AssetWarrantyRegistered: 'AssetWarrantyRegistered',
  AssetWarrantyVoided: 'AssetWarrantyVoided',
  AssetWarrantyExtended: 'AssetWarrantyExtended',
} as const;
export type WarrantyEventType = (typeof WarrantyEventType)[keyof typeof WarrantyEventType];

export interface WarrantyEvent extends EventInput {
  type: WarrantyEventType;
}

export async function recordWarrantyEvents(tx: Queryable, events: readonly WarrantyEvent[]): Promise<void> {
  await recordEvents(tx, events);
}

export const entity = (typename: 'Claim' | 'RebateClaim' | 'TransactionJournal' | 'CsvImport' | 'AssetWarranty', id: string) => ({ typename, id });
