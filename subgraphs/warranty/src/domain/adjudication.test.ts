import { describe, expect, it } from 'vitest';
import { adjudicateByRules, decideLines, type LineUnderReview, type Policy } from './adjudication.ts';
import type { CheckedClaim, CheckedLine } from './eligibility.ts';

const policy: Policy = { autoApproveLimit: '500.00', reviewFaultCodes: ['B1000'], repeatRepairDays: 30, capOverLimit: false };

function line(lineNumber: number, overrides: Partial<CheckedLine> = {}): CheckedLine {
  return { lineNumber, chargeType: 'PART', code: `P-${lineNumber}`, faultCode: 'P0300', eligibility: 'ELIGIBLE', reasons: [], claimedCents: 10_000n, allowedCents: 10_000n, coveredPercent: 10_000n, coveredCents: 10_000n, assetWarrantyId: 'aw-1', ...overrides };
}

function claim(lines: CheckedLine[], deductibleCents = 0n): CheckedClaim {
  const coveredCents = lines.reduce((s, l) => s + l.coveredCents, 0n);
  return { lines, claimedCents: lines.reduce((s, l) => s + l.claimedCents, 0n), coveredCents, deductibleCents, payableCents: coveredCents > deductibleCents ? coveredCents - deductibleCents : 0n };
}

const ineligible = (n: number) => line(n, { eligibility: 'INELIGIBLE', reasons: [{ code: 'EXCLUDED', message: 'AW-000001: part P-2 is excluded (wear part)', assetWarrantyId: 'aw-1' }], coveredPercent: 0n, coveredCents: 0n });
const overLimit = (n: number) => line(n, { eligibility: 'OVER_LIMIT', reasons: [{ code: 'OVER_LIMIT', message: '3 h claimed for L-100; the book allows 2.00 h', assetWarrantyId: null }], claimedCents: 27_000n, allowedCents: 18_000n, coveredCents: 18_000n });

describe('adjudication by rules', () => {
  it('approves a covered claim under the limit at once, less the deductible', () => {
    const outcome = adjudicateByRules(claim([line(1), line(2)], 5_000n), ['P0300'], policy, []);
    expect(outcome).toMatchObject({ status: 'APPROVED', approvedCents: 15_000n, reviewReasons: [] });
    expect(outcome.lines.map((l) => [l.status, l.approvedCents])).toEqual([['APPROVED', 10_000n], ['APPROVED', 10_000n]]);
  });

  it('rejects ineligible lines with their reasons and approves the rest', () => {
    const outcome = adjudicateByRules(claim([line(1), ineligible(2)]), ['P0300'], policy, []);
    expect(outcome.status).toBe('APPROVED');
    expect(outcome.lines[1]).toEqual({ lineNumber: 2, status: 'REJECTED', approvedCents: 0n, reason: 'AW-000001: part P-2 is excluded (wear part)' });
    expect(outcome.approvedCents).toBe(10_000n);
  });

  it('rejects a claim nothing of which is covered', () => {
    expect(adjudicateByRules(claim([ineligible(1), ineligible(2)]), ['B1000'], policy, [])).toMatchObject({ status: 'REJECTED', approvedCents: 0n, reviewReasons: [] });
  });

  it('routes to an adjuster, saying why: over the limit, over the book, an always-reviewed fault, a repeat repair', () => {
    expect(adjudicateByRules(claim([line(1, { coveredCents: 60_000n })]), ['P0300'], policy, []).reviewReasons).toEqual(['the covered amount 600.00 is over the automatic approval limit 500.00']);
    const routed = adjudicateByRules(claim([line(1), overLimit(2)]), ['P0300', 'B1000'], policy, [{ faultCode: 'P0300', claimNumber: 'CL-000007', daysBefore: 12 }]);
    expect(routed.status).toBe('MANUAL_REVIEW_NEEDED');
    expect(routed.approvedCents).toBeNull();
    expect(routed.reviewReasons).toEqual([
      'line 2 is over the book: 3 h claimed for L-100; the book allows 2.00 h',
      'fault B1000 is always reviewed',
      'fault P0300 was claimed on this asset 12 days before (CL-000007)',
    ]);
    expect(routed.lines.map((l) => l.status)).toEqual(['OPEN', 'OPEN']);
  });

  it('cuts over-limit lines to the book when the policy says so, instead of routing them', () => {
    const outcome = adjudicateByRules(claim([overLimit(1)]), ['P0300'], { ...policy, capOverLimit: true }, []);
    expect(outcome).toMatchObject({ status: 'APPROVED', approvedCents: 18_000n });
    expect(outcome.lines[0]!.reason).toMatch(/^cut to the book: 3 h claimed/);
  });
});

describe('adjudication by an adjuster', () => {
  const lines: LineUnderReview[] = [
    { id: 'a', lineNumber: 1, eligibility: 'ELIGIBLE', claimedCents: 10_000n, allowedCents: 10_000n, coveredCents: 10_000n, status: 'OPEN', approvedCents: null, reason: null },
    { id: 'b', lineNumber: 2, eligibility: 'OVER_LIMIT', claimedCents: 27_000n, allowedCents: 18_000n, coveredCents: 18_000n, status: 'OPEN', approvedCents: null, reason: null },
    { id: 'c', lineNumber: 3, eligibility: 'INELIGIBLE', claimedCents: 5_000n, allowedCents: 5_000n, coveredCents: 0n, status: 'REJECTED', approvedCents: 0n, reason: 'excluded' },
  ];

  it('approves, adjusts with a reason and overrides a rule, then pays the lines less the deductible', () => {
    const outcome = decideLines(lines, [
      { lineId: 'a', decision: 'APPROVE' },
      { lineId: 'b', decision: 'ADJUST', amount: '200.00', reason: 'diagnosis took longer: intermittent fault' },
      { lineId: 'c', decision: 'APPROVE', reason: 'goodwill: first service' },
    ], 2_500n);
    expect(outcome.status).toBe('APPROVED');
    expect(outcome.lines.map((l) => [l.status, l.approvedCents])).toEqual([['APPROVED', 10_000n], ['APPROVED', 20_000n], ['APPROVED', 5_000n]]);
    expect(outcome.approvedCents).toBe(32_500n);
  });

  it('rejects a claim whose lines are all rejected', () => {
    const outcome = decideLines(lines, [{ lineId: 'a', decision: 'REJECT', reason: 'not a defect: customer damage' }, { lineId: 'b', decision: 'ADJUST', amount: '0', reason: 'no evidence of the fault' }], 0n);
    expect(outcome).toMatchObject({ status: 'REJECTED', approvedCents: 0n });
  });

  it('refuses decisions that break a rule, naming the line and the field', () => {
    expect(() => decideLines(lines, [{ lineId: 'a', decision: 'APPROVE' }], 0n)).toThrow('lines 2 are still open: decide every open line');
    expect(() => decideLines(lines, [{ lineId: 'b', decision: 'REJECT' }], 0n)).toThrow(/input.lines\[0\].reason: rejecting line 2 needs a reason/);
    expect(() => decideLines(lines, [{ lineId: 'b', decision: 'ADJUST', amount: '300.00', reason: 'x' }], 0n)).toThrow('input.lines[0].amount: must be at most the 270.00 claimed on line 2 (got "300.00")');
    expect(() => decideLines(lines, [{ lineId: 'c', decision: 'APPROVE' }], 0n)).toThrow(/approving it as goodwill needs a reason/);
    expect(() => decideLines(lines, [{ lineId: 'zzz', decision: 'APPROVE' }], 0n)).toThrow(/must be a line of this claim/);
  });
});
