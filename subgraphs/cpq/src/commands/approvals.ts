import { conflict, notFound, optionalText, requiredText, type Queryable } from '@l2c/shared';
import { advance, capacityOf, type ApproverFacts } from '../domain/approvalFlow.ts';
import { assertInReview, assertSubmittable } from '../domain/quoteRules.ts';
import { CpqEventType, entity, recordCpqEvents, type CpqEvent } from '../events.ts';
import { approvalsByIds, approvalsByQuoteIds, approversByIds, insertApprovals, membersByGroupIds, setApprovalStatuses, updateApprovalRow } from '../store/approvals.ts';
import { linesByQuoteIds, updateQuoteRow } from '../store/quotes.ts';
import type { ApprovalRow, ApproverRow, QuoteRow } from '../store/rows.ts';
import { assertCanSell, assertInternal, clock, idSource, lockQuote, readQuote, today, type CommandContext } from './context.ts';
import { planFor } from './previewApprovals.ts';

/**
 * Submits a quote for approval: the approvals the preview lists are recorded as this submission's, those smart
 * approval carries count as approved, and the lowest level left is requested. A quote needing nobody's approval (or
 * only carried ones) is approved at once.
 */
export async function submitQuote(ctx: CommandContext, id: string): Promise<QuoteRow> {
  assertCanSell(ctx, 'submitQuote');
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const quote = await lockQuote(tx, ctx, id);
    assertSubmittable(quote, (await linesByQuoteIds(tx, [id])).length);
    const plan = await planFor(tx, quote);
    const submission = quote.submission + 1;
    const now = clock(ctx);
    const rows = plan.map((step) => ({
      id: newId(),
      quote_id: id,
      submission,
      rule_id: step.ruleId,
      level: step.level,
      approver_id: step.approverId,
      group_id: step.groupId,
      status: step.status,
      reasons: step.reasons,
      inputs: step.inputs,
      via_smart_approval: step.carried !== null,
      decided_by: step.carried?.decidedBy ?? null,
      decided_as_delegate: false,
      decided_by_subject: null,
      decided_at: step.carried ? now : null,
      comment: step.carried ? 'carried over by smart approval: approved before, and what its conditions look at has not changed' : null,
      requested_at: step.status === 'REQUESTED' ? now : null,
    }));
    await insertApprovals(tx, rows);
    const outcome = rows.every((row) => row.status === 'APPROVED') ? 'APPROVED' : 'IN_REVIEW';
    await updateQuoteRow(tx, id, { status: outcome, submission, submitted_at: now });
    const events: CpqEvent[] = [
      {
        type: CpqEventType.QuoteSubmitted,
        entity: entity('Quote', id),
        dealerIds: [quote.dealer_id],
        changes: { status: { from: quote.status, to: outcome }, submission, approvals: rows.length, carriedBySmartApproval: rows.filter((r) => r.via_smart_approval).length },
      },
      ...rows.filter((row) => row.status === 'REQUESTED').map((row) => requested(row, quote)),
    ];
    if (outcome === 'APPROVED') events.push({ type: CpqEventType.QuoteApproved, entity: entity('Quote', id), dealerIds: [quote.dealer_id], changes: { submission } });
    await recordCpqEvents(tx, events);
    return readQuote(tx, ctx, id);
  });
}

/** Takes a quote in review back to Draft; approvals not yet decided are revoked, decided ones stay for smart approval. */
export async function recallQuote(ctx: CommandContext, id: string, comment: string | null | undefined): Promise<QuoteRow> {
  assertCanSell(ctx, 'recallQuote');
  const why = optionalText('comment', comment, 2000) ?? null;
  return ctx.store.transaction(async (tx) => {
    const quote = await lockQuote(tx, ctx, id);
    assertInReview(quote);
    const open = (await approvalsByQuoteIds(tx, [id])).filter((a) => a.submission === quote.submission && (a.status === 'ASSIGNED' || a.status === 'REQUESTED'));
    await setApprovalStatuses(tx, open.map((a) => a.id), 'REVOKED', null);
    await updateQuoteRow(tx, id, { status: 'DRAFT' });
    await recordCpqEvents(tx, [{ type: CpqEventType.QuoteRecalled, entity: entity('Quote', id), dealerIds: [quote.dealer_id], changes: { status: { from: 'IN_REVIEW', to: 'DRAFT' }, revokedApprovals: open.length, comment: why } }]);
    return readQuote(tx, ctx, id);
  });
}

export async function approveApproval(ctx: CommandContext, id: string, comment: string | null | undefined): Promise<ApprovalRow> {
  return decide(ctx, id, 'APPROVED', optionalText('comment', comment, 2000) ?? null);
}

/** Rejects with a reason; the quote is rejected and every approval still open is revoked. */
export async function rejectApproval(ctx: CommandContext, id: string, comment: string): Promise<ApprovalRow> {
  return decide(ctx, id, 'REJECTED', requiredText('comment', comment, 2000));
}

/**
 * One decision: by the approver asked, a member of the group asked, or a delegate within the delegation's dates.
 * The quote then moves on: the next level is requested, or the quote is approved, or (on a rejection) rejected.
 */
async function decide(ctx: CommandContext, id: string, decision: 'APPROVED' | 'REJECTED', comment: string | null): Promise<ApprovalRow> {
  assertInternal(ctx, decision === 'APPROVED' ? 'approveApproval' : 'rejectApproval');
  return ctx.store.transaction(async (tx) => {
    const [found] = await approvalsByIds(tx, [id]);
    if (!found) throw notFound('Approval', id);
    const quote = await lockQuote(tx, { ...ctx, scope: { kind: 'all' } }, found.quote_id);
    const [approval] = await approvalsByIds(tx, [id], true);
    assertInReview(quote);
    if (approval!.status !== 'REQUESTED' || approval!.submission !== quote.submission) {
      const why = approval!.status === 'ASSIGNED' ? 'it waits for an earlier level to be approved' : `it is ${approval!.status.toLowerCase()} already`;
      throw conflict(`approval ${id} cannot be decided: ${why}`, { rule: 'APPROVAL_NOT_REQUESTED', status: approval!.status });
    }
    const capacity = await capacityFor(tx, ctx, approval!);
    await updateApprovalRow(tx, id, {
      status: decision,
      decided_by: capacity.deciderId,
      decided_as_delegate: capacity.asDelegate,
      decided_by_subject: ctx.identity.subject,
      decided_at: clock(ctx),
      comment,
    });
    const submission = (await approvalsByQuoteIds(tx, [quote.id])).filter((a) => a.submission === quote.submission);
    const progress = advance(submission.map((a) => ({ id: a.id, level: a.level, status: a.status })));
    await setApprovalStatuses(tx, progress.request, 'REQUESTED', 'requested_at');
    await setApprovalStatuses(tx, progress.revoke, 'REVOKED', null);
    const events: CpqEvent[] = [
      {
        type: decision === 'APPROVED' ? CpqEventType.ApprovalApproved : CpqEventType.ApprovalRejected,
        entity: entity('Approval', id),
        dealerIds: [quote.dealer_id],
        changes: { quoteId: quote.id, level: approval!.level, decidedBy: capacity.deciderId, asDelegate: capacity.asDelegate, comment },
      },
      ...submission.filter((a) => progress.request.includes(a.id)).map((a) => requested(a, quote)),
    ];
    if (progress.outcome !== 'PENDING') {
      await updateQuoteRow(tx, quote.id, { status: progress.outcome });
      events.push({
        type: progress.outcome === 'APPROVED' ? CpqEventType.QuoteApproved : CpqEventType.QuoteRejected,
        entity: entity('Quote', quote.id),
        dealerIds: [quote.dealer_id],
        changes: { status: { from: 'IN_REVIEW', to: progress.outcome }, submission: quote.submission, ...(progress.outcome === 'REJECTED' ? { comment } : {}) },
      });
    }
    await recordCpqEvents(tx, events);
    const [decided] = await approvalsByIds(tx, [id]);
    return decided!;
  });
}

/** Checks the caller may decide the approval, and in whose name; the decider is the delegate when one acts. */
async function capacityFor(tx: Queryable, ctx: CommandContext, approval: ApprovalRow): Promise<{ deciderId: string; asDelegate: boolean }> {
  const candidateIds = approval.approver_id ? [approval.approver_id] : (await membersByGroupIds(tx, [approval.group_id!])).map((m) => m.approver_id);
  const candidates = await approversByIds(tx, candidateIds);
  const delegates = await approversByIds(tx, candidates.flatMap((c) => (c.delegate_id ? [c.delegate_id] : [])));
  const facts = new Map([...candidates, ...delegates].map((row) => [row.id, approverFacts(row)]));
  const capacity = capacityOf({ approverId: approval.approver_id, groupId: approval.group_id }, candidates.map(approverFacts), facts, ctx.identity.subject, today(ctx));
  const acting = capacity.asDelegate ? facts.get(capacity.approverId)!.delegateId! : capacity.approverId;
  return { deciderId: acting, asDelegate: capacity.asDelegate };
}

export function approverFacts(row: ApproverRow): ApproverFacts {
  return { id: row.id, name: row.name, userSubject: row.user_subject, delegateId: row.delegate_id, delegationStart: row.delegation_start, delegationEnd: row.delegation_end };
}

function requested(approval: Pick<ApprovalRow, 'id' | 'level' | 'approver_id' | 'group_id' | 'reasons'>, quote: QuoteRow): CpqEvent {
  return {
    type: CpqEventType.ApprovalRequested,
    entity: entity('Approval', approval.id),
    dealerIds: [quote.dealer_id],
    changes: { quoteId: quote.id, quoteNumber: quote.number, level: approval.level, approverId: approval.approver_id, groupId: approval.group_id, reasons: approval.reasons },
  };
}
