import { badInput, conflict, fromCents, mustCents, toCents } from '@l2c/shared';
import type { CheckedClaim } from './eligibility.ts';

/**
 * Adjudication: first by rules, the moment a claim is submitted, then by an adjuster for what the rules route.
 *
 * The rules (the policy is data, `AdjudicationPolicy`):
 * - a line no warranty covers is rejected, with its reasons;
 * - a line over the book's limits is cut to the limit when the policy says so, and otherwise goes to an adjuster;
 * - a claim goes to an adjuster when anything is left to judge: an over-limit line, a covered amount over the
 *   automatic approval limit, a fault the policy always reviews, or the same fault claimed on the asset shortly before;
 * - otherwise the claim is approved (what the warranties cover, less the deductible), or rejected when nothing is.
 */

export type LineStatus = 'OPEN' | 'APPROVED' | 'REJECTED';

export interface Policy {
  autoApproveLimit: string;
  reviewFaultCodes: readonly string[];
  repeatRepairDays: number;
  capOverLimit: boolean;
}

/** Earlier claims on the same asset for one of this claim's faults, within the policy's window. */
export interface RepeatRepair {
  faultCode: string;
  claimNumber: string;
  daysBefore: number;
}

export interface LineOutcome {
  lineNumber: number;
  status: LineStatus;
  approvedCents: bigint | null;
  reason: string | null;
}

export interface RulesOutcome {
  status: 'APPROVED' | 'REJECTED' | 'MANUAL_REVIEW_NEEDED';
  lines: LineOutcome[];
  reviewReasons: string[];
  /** Approved lines less the deductible; null while an adjuster decides. */
  approvedCents: bigint | null;
}

export function adjudicateByRules(claim: CheckedClaim, faultCodes: readonly string[], policy: Policy, repeats: readonly RepeatRepair[]): RulesOutcome {
  const reviewReasons: string[] = [];
  const lines: LineOutcome[] = claim.lines.map((line) => {
    if (line.eligibility === 'INELIGIBLE') return { lineNumber: line.lineNumber, status: 'REJECTED', approvedCents: 0n, reason: line.reasons.map((r) => r.message).join('; ') };
    if (line.eligibility === 'OVER_LIMIT') {
      const why = line.reasons.map((r) => r.message).join('; ');
      if (policy.capOverLimit) return { lineNumber: line.lineNumber, status: 'APPROVED', approvedCents: line.coveredCents, reason: `cut to the book: ${why}` };
      reviewReasons.push(`line ${line.lineNumber} is over the book: ${why}`);
    }
    return { lineNumber: line.lineNumber, status: 'OPEN', approvedCents: null, reason: null };
  });
  if (claim.payableCents > mustCents(policy.autoApproveLimit)) {
    reviewReasons.push(`the covered amount ${fromCents(claim.payableCents)} is over the automatic approval limit ${policy.autoApproveLimit}`);
  }
  for (const fault of faultCodes) if (policy.reviewFaultCodes.includes(fault)) reviewReasons.push(`fault ${fault} is always reviewed`);
  for (const repeat of repeats) reviewReasons.push(`fault ${repeat.faultCode} was claimed on this asset ${repeat.daysBefore} days before (${repeat.claimNumber})`);

  const anyCovered = lines.some((l) => l.status !== 'REJECTED');
  if (anyCovered && reviewReasons.length > 0) return { status: 'MANUAL_REVIEW_NEEDED', lines, reviewReasons, approvedCents: null };
  if (!anyCovered) return { status: 'REJECTED', lines, reviewReasons: [], approvedCents: 0n };
  const approved = lines.map((line) => {
    if (line.status !== 'OPEN') return line;
    const checked = claim.lines.find((l) => l.lineNumber === line.lineNumber)!;
    return { ...line, status: 'APPROVED' as const, approvedCents: checked.coveredCents, reason: null };
  });
  return { status: 'APPROVED', lines: approved, reviewReasons: [], approvedCents: payable(approved, claim.deductibleCents) };
}

/** A line as an adjuster sees it when deciding. */
export interface LineUnderReview {
  id: string;
  lineNumber: number;
  eligibility: 'ELIGIBLE' | 'OVER_LIMIT' | 'INELIGIBLE';
  claimedCents: bigint;
  allowedCents: bigint;
  coveredCents: bigint;
  status: LineStatus;
  approvedCents: bigint | null;
  reason: string | null;
}

export interface LineDecision {
  lineId: string;
  decision: 'APPROVE' | 'REJECT' | 'ADJUST';
  amount?: string | null;
  reason?: string | null;
}

export interface ManualOutcome {
  status: 'APPROVED' | 'REJECTED';
  lines: (LineUnderReview & { decided: boolean })[];
  approvedCents: bigint;
}

/**
 * An adjuster's decisions applied to the lines. Approving pays what the warranty covers (for a line no warranty
 * covers, goodwill, what the book allows, and a reason is needed); adjusting pays the amount given, at most what was
 * claimed, with a reason; rejecting needs a reason. Lines decided by the rules may be decided again. No line may be
 * left open. Refusals name the line and the rule.
 */
export function decideLines(lines: readonly LineUnderReview[], decisions: readonly LineDecision[], deductibleCents: bigint): ManualOutcome {
  const byId = new Map(lines.map((line) => [line.id, line]));
  const decided = new Map<string, LineUnderReview & { decided: boolean }>();
  decisions.forEach((decision, index) => {
    const field = `input.lines[${index}]`;
    const line = byId.get(decision.lineId);
    if (!line) throw badInput(`${field}.lineId`, decision.lineId, 'must be a line of this claim');
    if (decided.has(line.id)) throw badInput(`${field}.lineId`, decision.lineId, 'is decided twice');
    const reason = decision.reason?.trim() || null;
    if (decision.decision === 'REJECT') {
      if (!reason) throw badInput(`${field}.reason`, decision.reason ?? null, `rejecting line ${line.lineNumber} needs a reason the dealer can read`);
      decided.set(line.id, { ...line, status: 'REJECTED', approvedCents: 0n, reason, decided: true });
      return;
    }
    if (decision.decision === 'ADJUST') {
      if (!reason) throw badInput(`${field}.reason`, decision.reason ?? null, `adjusting line ${line.lineNumber} needs a reason the dealer can read`);
      const cents = decision.amount == null ? null : toCents(decision.amount);
      if (cents === null || cents < 0n) throw badInput(`${field}.amount`, decision.amount ?? null, 'must be an amount of at least 0 with at most 2 decimals');
      if (cents > line.claimedCents) throw badInput(`${field}.amount`, decision.amount, `must be at most the ${fromCents(line.claimedCents)} claimed on line ${line.lineNumber}`);
      decided.set(line.id, { ...line, status: cents === 0n ? 'REJECTED' : 'APPROVED', approvedCents: cents, reason, decided: true });
      return;
    }
    if (line.eligibility === 'INELIGIBLE' && !reason) {
      throw badInput(`${field}.reason`, decision.reason ?? null, `line ${line.lineNumber} is not covered by any warranty; approving it as goodwill needs a reason`);
    }
    const cents = line.coveredCents > 0n ? line.coveredCents : line.allowedCents;
    decided.set(line.id, { ...line, status: 'APPROVED', approvedCents: cents, reason, decided: true });
  });
  const result = lines.map((line) => decided.get(line.id) ?? { ...line, decided: false });
  const open = result.filter((line) => line.status === 'OPEN');
  if (open.length > 0) throw conflict(`lines ${open.map((l) => l.lineNumber).join(', ')} are still open: decide every open line`, { rule: 'LINES_OPEN', lines: open.map((l) => l.lineNumber) });
  const approvedCents = payable(result, deductibleCents);
  const anyApproved = result.some((line) => line.status === 'APPROVED');
  return { status: anyApproved ? 'APPROVED' : 'REJECTED', lines: result, approvedCents: anyApproved ? approvedCents : 0n };
}

function payable(lines: readonly { status: LineStatus; approvedCents: bigint | null }[], deductibleCents: bigint): bigint {
  const approved = lines.filter((l) => l.status === 'APPROVED').reduce((total, l) => total + (l.approvedCents ?? 0n), 0n);
  return approved > deductibleCents ? approved - deductibleCents : 0n;
}
