import { badInput, notFound } from '@l2c/shared';
import { CpqEventType, entity, recordCpqEvents, type CpqEvent } from '../events.ts';
import { approvalsByIds, approversByIds, replaceApproverEverywhere } from '../store/approvals.ts';
import type { ApproverRow } from '../store/rows.ts';
import { assertInternal, type CommandContext } from './context.ts';

export interface ApproverReplacementResult {
  replaced: ApproverRow;
  replacement: ApproverRow;
  rules: number;
  chain_entries: number;
  group_memberships: number;
  pending_approvals: number;
}

/**
 * Replaces an approver everywhere in one transaction: the rules naming them, the chain levels, the groups they belong
 * to, and every approval of theirs not decided yet (decided ones keep who decided them). Nobody has to hunt through
 * the set-up by hand, and nothing waits on someone who no longer approves.
 */
export async function replaceApprover(ctx: CommandContext, approverId: string, replacementId: string): Promise<ApproverReplacementResult> {
  assertInternal(ctx, 'replaceApprover');
  if (approverId === replacementId) throw badInput('replacementId', replacementId, 'must differ from the approver replaced');
  return ctx.store.transaction(async (tx) => {
    const approvers = await approversByIds(tx, [approverId, replacementId]);
    const replaced = approvers.find((a) => a.id === approverId);
    const replacement = approvers.find((a) => a.id === replacementId);
    if (!replaced) throw notFound('Approver', approverId, 'approverId');
    if (!replacement) throw notFound('Approver', replacementId, 'replacementId');
    const counts = await replaceApproverEverywhere(tx, approverId, replacementId);
    const reassigned = await approvalsByIds(tx, counts.pendingApprovals);
    const events: CpqEvent[] = [
      {
        type: CpqEventType.ApproverReplaced,
        entity: entity('Approver', approverId),
        changes: { replacementId, rules: counts.rules, chainEntries: counts.chainEntries, groupMemberships: counts.groupMemberships, pendingApprovals: counts.pendingApprovals.length },
      },
      ...reassigned.map((a) => ({
        type: CpqEventType.ApprovalReassigned,
        entity: entity('Approval', a.id),
        dealerIds: [a.quote_dealer_id],
        changes: { quoteId: a.quote_id, approverId: { from: approverId, to: replacementId }, status: a.status },
      })),
    ];
    await recordCpqEvents(tx, events);
    return { replaced, replacement, rules: counts.rules, chain_entries: counts.chainEntries, group_memberships: counts.groupMemberships, pending_approvals: counts.pendingApprovals.length };
  });
}
