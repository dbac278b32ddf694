import { forbidden } from '@l2c/shared';
import type { ConditionInputs, RequiredApproval } from './approvalRules.ts';

/**
 * How a submitted quote's approvals move: smart approvals carried from the previous submission, levels requested one
 * after another, the outcome once every approval is decided, and who may decide one (an approver, a member of the
 * group asked, or a delegate within the dates of the delegation). Statuses are sbaa__Approval__c's.
 */

export type ApprovalStatus = 'ASSIGNED' | 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'REVOKED';

/** An approval of an earlier submission of the same quote. */
export interface PriorApproval {
  ruleId: string;
  level: number;
  approverId: string | null;
  groupId: string | null;
  status: ApprovalStatus;
  inputs: ConditionInputs;
  decidedBy: string | null;
}

export interface PlannedApproval extends RequiredApproval {
  status: ApprovalStatus;
  /** Carried from the previous submission by smart approval: approved already, nobody is asked again. */
  carried: PriorApproval | null;
}

/**
 * Plans a submission: each required approval is either carried over — its rule allows smart approval, the previous
 * submission holds an approved one for the same rule, level and assignee, and the values its conditions looked at
 * are unchanged — or asked for again. The lowest level with anything left to decide is requested; higher levels wait.
 */
export function planSubmission(required: readonly RequiredApproval[], prior: readonly PriorApproval[], smartRuleIds: ReadonlySet<string>): PlannedApproval[] {
  const approvedBefore = new Map(prior.filter((p) => p.status === 'APPROVED').map((p) => [slot(p), p]));
  const planned = required.map((approval): PlannedApproval => {
    const before = smartRuleIds.has(approval.ruleId) ? approvedBefore.get(slot(approval)) : undefined;
    const carried = before && sameInputs(before.inputs, approval.inputs) ? before : null;
    return { ...approval, status: carried ? 'APPROVED' : 'ASSIGNED', carried };
  });
  const { request } = advance(planned.map((p, i) => ({ id: String(i), level: p.level, status: p.status })));
  for (const index of request) planned[Number(index)]!.status = 'REQUESTED';
  return planned;
}

export interface ApprovalProgress {
  outcome: 'APPROVED' | 'REJECTED' | 'PENDING';
  /** Approvals to move from ASSIGNED to REQUESTED: the lowest level with anything undecided. */
  request: string[];
  /** Approvals nobody needs to decide any more (a rejection ends the submission). */
  revoke: string[];
}

/**
 * Where a submission stands: rejected as soon as one approval is rejected (everything still open is revoked);
 * approved when every approval is; otherwise pending, with the lowest open level requested.
 */
export function advance(approvals: readonly { id: string; level: number; status: ApprovalStatus }[]): ApprovalProgress {
  const live = approvals.filter((a) => a.status !== 'REVOKED');
  const open = live.filter((a) => a.status === 'ASSIGNED' || a.status === 'REQUESTED');
  if (live.some((a) => a.status === 'REJECTED')) return { outcome: 'REJECTED', request: [], revoke: open.map((a) => a.id) };
  if (open.length === 0) return { outcome: 'APPROVED', request: [], revoke: [] };
  const level = Math.min(...open.map((a) => a.level));
  return { outcome: 'PENDING', request: open.filter((a) => a.level === level && a.status === 'ASSIGNED').map((a) => a.id), revoke: [] };
}

/** Inputs compare by value: key order (which jsonb does not keep) does not matter, element order does. */
export function sameInputs(a: ConditionInputs, b: ConditionInputs): boolean {
  return canonical(a) === canonical(b);
}

export interface ApproverFacts {
  id: string;
  name: string;
  userSubject: string;
  delegateId: string | null;
  delegationStart: string | null;
  delegationEnd: string | null;
}

/** In whose name the caller decides an approval: as the approver, or as the approver's delegate. */
export interface Capacity {
  approverId: string;
  asDelegate: boolean;
}

/**
 * Who may decide an approval: the approver asked (or, for a group asked as a whole, any member), or the delegate of
 * one of them on a day within the delegation's dates (both inclusive). Anyone else is refused with the reason: a
 * delegate outside the dates is told the dates.
 */
export function capacityOf(
  approval: { approverId: string | null; groupId: string | null },
  candidates: readonly ApproverFacts[],
  approvers: ReadonlyMap<string, ApproverFacts>,
  subject: string,
  today: string,
): Capacity {
  const own = candidates.find((c) => c.userSubject === subject);
  if (own) return { approverId: own.id, asDelegate: false };
  const outOfRange: string[] = [];
  for (const candidate of candidates) {
    const delegate = candidate.delegateId ? approvers.get(candidate.delegateId) : undefined;
    if (!delegate || delegate.userSubject !== subject) continue;
    if (delegationCovers(candidate, today)) return { approverId: candidate.id, asDelegate: true };
    outOfRange.push(`${delegate.name} stands in for ${candidate.name} from ${candidate.delegationStart} to ${candidate.delegationEnd}, not on ${today}`);
  }
  const asked = approval.approverId ? candidates.map((c) => c.name).join(', ') : `a member of the group (${candidates.map((c) => c.name).join(', ')})`;
  if (outOfRange.length) throw forbidden(`delegation is not in effect: ${outOfRange.join('; ')}`);
  throw forbidden(`this approval is for ${asked}; ${subject} is not that approver nor their delegate`);
}

/** Whether an approver's delegation is in effect on `day` (YYYY-MM-DD; start and end inclusive). */
export function delegationCovers(approver: Pick<ApproverFacts, 'delegateId' | 'delegationStart' | 'delegationEnd'>, day: string): boolean {
  return Boolean(approver.delegateId && approver.delegationStart && approver.delegationEnd && approver.delegationStart <= day && day <= approver.delegationEnd);
}

function slot(a: { ruleId: string; level: number; approverId: string | null; groupId: string | null }): string {
  return `${a.ruleId}|${a.level}|${a.approverId ?? ''}|${a.groupId ?? ''}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
