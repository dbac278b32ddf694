import { delegationCovers } from '../domain/approvalFlow.ts';
import { openApprovalsFor } from '../store/approvals.ts';
import type { ApprovalRow, ApproverRow } from '../store/rows.ts';
import { approverFacts } from './approvals.ts';
import { today, type CommandContext } from './context.ts';

/**
 * The approvals the caller may decide now: requested of them, of a group they belong to (asked as a whole), or of
 * an approver whose delegate they are today.
 */
export async function pendingApprovals(ctx: CommandContext): Promise<ApprovalRow[]> {
  const rows = await ctx.store.query<ApproverRow & { delegate_subject: string | null }>(
    `select a.*, d.user_subject as delegate_subject from approvers a left join approvers d on d.id = a.delegate_id
      where a.user_subject = $1 or d.user_subject = $1`,
    [ctx.identity.subject],
  );
  const day = today(ctx);
  const actingFor = rows.filter((row) => row.user_subject === ctx.identity.subject || (row.delegate_subject === ctx.identity.subject && delegationCovers(approverFacts(row), day)));
  return actingFor.length ? openApprovalsFor(ctx.store, actingFor.map((row) => row.id)) : [];
}
