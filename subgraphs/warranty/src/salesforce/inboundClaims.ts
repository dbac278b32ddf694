import type { InboundWrites, Queryable } from '@l2c/shared';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import { entity, recordWarrantyEvents, WarrantyEventType, type WarrantyEvent } from '../events.ts';

/**
 * A claim's status changed in Salesforce (an adjuster working there) is a warranty change like any other: recorded in
 * the claim's history and sent as `ClaimStatusChanged` to the claim's dealer, in the inbound write's transaction.
 */
export async function recordInboundClaimChanges(tx: Queryable, written: InboundWrites): Promise<void> {
  const changed = written.updated.filter((u) => typeof u.before['status'] === 'string');
  if (changed.length === 0) return;
  const after = new Map(
    (await tx.query<{ id: string; number: string; status: ClaimStatus; dealer_id: string; approved_amount: string | null; asset_id: string | null }>(
      'select c.id, c.number, c.status, c.dealer_id, c.approved_amount, i.asset_id from claims c left join claim_items i on i.claim_id = c.id where c.id = any($1)',
      [changed.map((u) => u.localId)],
    )).map((row) => [row.id, row]),
  );
  const events: WarrantyEvent[] = [];
  for (const { localId, before } of changed) {
    const claim = after.get(localId);
    const from = before['status'] as ClaimStatus;
    if (!claim || claim.status === from) continue;
    await tx.query('insert into claim_status_changes (claim_id, from_status, to_status, reason, changed_by) values ($1, $2, $3, $4, $5)', [localId, from, claim.status, 'changed in Salesforce', 'salesforce']);
    events.push({
      type: WarrantyEventType.ClaimStatusChanged,
      entity: entity('Claim', localId),
      dealerIds: [claim.dealer_id],
      changes: {
        claimNumber: claim.number,
        assetId: claim.asset_id,
        status: { from, to: claim.status },
        ...((claim.status === 'APPROVED' || claim.status === 'PAID') && claim.approved_amount !== null ? { approvedAmount: claim.approved_amount } : {}),
        reason: 'changed in Salesforce',
      },
    });
  }
  await recordWarrantyEvents(tx, events);
}
