import { notFound, type Queryable } from '@l2c/shared';
import { assertTransition, type ClaimStatus } from '../domain/claimStatus.ts';
import { entity, recordWarrantyEvents, WarrantyEventType } from '../events.ts';
import { claimsByIds, recordStatusChange, updateClaimRow } from '../store/claims.ts';
import type { ClaimRow } from '../store/rows.ts';
import type { CommandContext } from './context.ts';

/** The claim, locked for the rest of the transaction; NOT_FOUND when it does not exist or the caller may not see it. */
export async function lockClaim(tx: Queryable, ctx: CommandContext, id: string): Promise<ClaimRow> {
  const [claim] = await claimsByIds(tx, ctx.scope, [id], true);
  if (!claim) throw notFound('Claim', id);
  return claim;
}

/**
 * Moves a claim to another status: checked against the claim's life, recorded in its history (what the dealer sees)
 * and sent as `ClaimStatusChanged` to the claim's dealer, in the caller's transaction.
 */
export async function moveClaim(tx: Queryable, ctx: CommandContext, claim: ClaimRow, to: ClaimStatus, options: { reason?: string | null; changes?: Partial<ClaimRow> } = {}): Promise<ClaimRow> {
  assertTransition(claim.number, claim.status, to);
  const changes = { ...options.changes, status: to };
  await updateClaimRow(tx, claim.id, changes);
  await recordStatusChange(tx, { claim_id: claim.id, from_status: claim.status, to_status: to, reason: options.reason ?? null, changed_by: ctx.identity.subject });
  const moved = { ...claim, ...changes };
  await recordWarrantyEvents(tx, [
    {
      type: WarrantyEventType.ClaimStatusChanged,
      entity: entity('Claim', claim.id),
      dealerIds: [claim.dealer_id],
      changes: {
        claimNumber: claim.number,
        assetId: claim.asset_id,
        status: { from: claim.status, to },
        ...((to === 'APPROVED' || to === 'PAID') && moved.approved_amount !== null ? { approvedAmount: moved.approved_amount } : {}),
        ...(options.reason ? { reason: options.reason } : {}),
      },
    },
  ]);
  return moved;
}
