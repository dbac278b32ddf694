import { badInput, conflict, dateValue, decimalValue, fromCents, intValue, mustCents, requiredText } from '@l2c/shared';
import { decideLines, type LineDecision } from '../domain/adjudication.ts';
import { IN_REVIEW } from '../domain/claimStatus.ts';
import { claimsByIds, coveragesByClaimIds, linesByClaimIds, readPolicy, updateCoverage, updateLine, writePolicy } from '../store/claims.ts';
import type { ClaimRow, PolicyRow } from '../store/rows.ts';
import { lockClaim, moveClaim } from './claimLife.ts';
import { assertAdjuster, assertManager, assertPayer, clock, type CommandContext } from './context.ts';

/** An adjuster's work on routed claims, and the payment of approved ones. */

export async function startClaimReview(ctx: CommandContext, id: string): Promise<ClaimRow> {
  assertAdjuster(ctx, 'startClaimReview');
  return ctx.store.transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx, id);
    await moveClaim(tx, ctx, claim, 'UNDER_REVIEW', { reason: `taken by ${ctx.identity.subject}`, changes: { assigned_to: ctx.identity.subject } });
    return (await claimsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

export async function requestClaimInformation(ctx: CommandContext, id: string, question: string): Promise<ClaimRow> {
  assertAdjuster(ctx, 'requestClaimInformation');
  const text = requiredText('question', question, 2000);
  return ctx.store.transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx, id);
    await moveClaim(tx, ctx, claim, 'REQUESTED_INFORMATION', { reason: text, changes: { information_request: text } });
    return (await claimsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

/** Decides a routed claim's lines; the claim is approved when anything is paid, rejected otherwise. */
export async function adjudicateClaim(ctx: CommandContext, id: string, input: { lines: readonly LineDecision[]; comment?: string | null }): Promise<ClaimRow> {
  assertAdjuster(ctx, 'adjudicateClaim');
  return ctx.store.transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx, id);
    if (!IN_REVIEW.includes(claim.status)) throw conflict(`claim ${claim.number} is ${claim.status}; only claims in ${IN_REVIEW.join(' or ')} are adjudicated`, { rule: 'CLAIM_NOT_IN_REVIEW', status: claim.status });
    const lines = await linesByClaimIds(tx, [id]);
    const outcome = decideLines(
      lines.map((l) => ({
        id: l.id,
        lineNumber: l.line_number,
        eligibility: l.eligibility ?? 'INELIGIBLE',
        claimedCents: mustCents(l.claimed_amount),
        allowedCents: mustCents(l.allowed_amount ?? '0'),
        coveredCents: mustCents(l.covered_amount ?? '0'),
        status: l.status,
        approvedCents: l.approved_amount === null ? null : mustCents(l.approved_amount),
        reason: l.decision_reason,
      })),
      input.lines,
      mustCents(claim.deductible),
    );
    for (const line of outcome.lines) {
      if (!line.decided) continue;
      await updateLine(tx, line.id, { status: line.status, approved_amount: fromCents(line.approvedCents ?? 0n), decision_reason: line.reason, decided_by: ctx.identity.subject });
    }
    for (const coverage of await coveragesByClaimIds(tx, [id])) {
      const mine = outcome.lines.filter((l) => lines.find((x) => x.id === l.id)!.coverage_id === coverage.id);
      const approved = mine.filter((l) => l.status === 'APPROVED').reduce((s, l) => s + (l.approvedCents ?? 0n), 0n);
      await updateCoverage(tx, coverage.id, { status: mine.some((l) => l.status === 'APPROVED') ? 'APPROVED' : 'REJECTED', approved_amount: fromCents(approved) });
    }
    const comment = input.comment?.trim() || null;
    await moveClaim(tx, ctx, claim, outcome.status, {
      reason: comment ?? (outcome.status === 'APPROVED' ? `approved by ${ctx.identity.subject}` : `rejected by ${ctx.identity.subject}`),
      changes: { approved_amount: fromCents(outcome.approvedCents), decided_at: clock(ctx), decided_by: ctx.identity.subject },
    });
    return (await claimsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

/** Records the payment of an approved claim: exactly the approved amount, on a day, with the payment's reference. */
export async function recordClaimPayment(ctx: CommandContext, id: string, input: { amount: string; paidOn: string; reference: string }): Promise<ClaimRow> {
  assertPayer(ctx, 'recordClaimPayment');
  const amount = decimalValue('input.amount', input.amount, { scale: 2, min: 0, max: 100_000_000 });
  const paidOn = dateValue('input.paidOn', input.paidOn);
  const reference = requiredText('input.reference', input.reference, 100);
  return ctx.store.transaction(async (tx) => {
    const claim = await lockClaim(tx, ctx, id);
    if (claim.status === 'APPROVED' && mustCents(amount) !== mustCents(claim.approved_amount ?? '0')) {
      throw badInput('input.amount', input.amount, `must be the approved amount of claim ${claim.number}, ${claim.approved_amount}`);
    }
    await moveClaim(tx, ctx, claim, 'PAID', { reason: `paid ${fromCents(mustCents(amount))} on ${paidOn} (${reference})`, changes: { paid_amount: amount, paid_on: paidOn, payment_reference: reference } });
    return (await claimsByIds(tx, ctx.scope, [id]))[0]!;
  });
}

export async function setAdjudicationPolicy(ctx: CommandContext, input: { autoApproveLimit: string; reviewFaultCodes: readonly string[]; repeatRepairDays: number; capOverLimit: boolean }): Promise<PolicyRow> {
  assertManager(ctx, 'setAdjudicationPolicy');
  return ctx.store.transaction(async (tx) =>
    writePolicy(tx, {
      auto_approve_limit: decimalValue('input.autoApproveLimit', input.autoApproveLimit, { scale: 2, min: 0, max: 10_000_000 }),
      review_fault_codes: [...new Set(input.reviewFaultCodes.map((c) => c.trim().toUpperCase()).filter((c) => c !== ''))],
      repeat_repair_days: intValue('input.repeatRepairDays', input.repeatRepairDays, 0, 3650),
      cap_over_limit: input.capOverLimit,
      updated_by: ctx.identity.subject,
    }),
  );
}

export async function adjudicationPolicy(ctx: CommandContext): Promise<PolicyRow> {
  return readPolicy(ctx.store);
}
