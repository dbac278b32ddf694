import { delegationCovers } from '../domain/approvalFlow.ts';
import { approversActingAs, openApprovalsFor } from '../store/approvals.ts';
import type { ApprovalRow } from '../store/rows.ts';
import { approverFacts } from './approvals.ts';
import { today, type CommandContext } from './context.ts';

/**
 * The approvals the caller may decide now: requested of them, of a group they belong to (asked as a whole), or of
 * an approver whose delegate they are today.
 */
export async function pendingApprovals(ctx: CommandContext): Promise<ApprovalRow[]> {
  const rows = await approversActingAs(ctx.store, ctx.identity.subject);
  const day = today(ctx);
  const actingFor = rows.filter((row) => row.user_subject === ctx.identity.subject || (row.delegate_subject === ctx.identity.subject && delegationCovers(approverFacts(row), day)));
  return actingFor.length ? openApprovalsFor(ctx.store, actingFor.map((row) => row.id)) : [];
}
