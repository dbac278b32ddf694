import { conflict } from '@l2c/shared';

/**
 * A claim's life (Salesforce Claim.Status, plus PAID): a dealer drafts and submits; the rules approve, reject or
 * route to an adjuster; an adjuster reviews, asks the dealer for information (the dealer corrects and submits again)
 * or decides; an approved claim is paid. Every change is recorded and sent as `ClaimStatusChanged`.
 */
export type ClaimStatus = 'DRAFT' | 'SUBMITTED' | 'UNDER_REVIEW' | 'MANUAL_REVIEW_NEEDED' | 'REQUESTED_INFORMATION' | 'APPROVED' | 'REJECTED' | 'PAID';

const NEXT: Record<ClaimStatus, readonly ClaimStatus[]> = {
  DRAFT: ['SUBMITTED'],
  REQUESTED_INFORMATION: ['SUBMITTED'],
  SUBMITTED: ['APPROVED', 'REJECTED', 'MANUAL_REVIEW_NEEDED'],
  MANUAL_REVIEW_NEEDED: ['UNDER_REVIEW', 'REQUESTED_INFORMATION', 'APPROVED', 'REJECTED'],
  UNDER_REVIEW: ['REQUESTED_INFORMATION', 'APPROVED', 'REJECTED'],
  APPROVED: ['PAID'],
  REJECTED: [],
  PAID: [],
};

/** Claims the dealer may still change: drafts, and claims the adjuster asked about. */
export const EDITABLE: readonly ClaimStatus[] = ['DRAFT', 'REQUESTED_INFORMATION'];
/** Claims waiting for an adjuster's decision. */
export const IN_REVIEW: readonly ClaimStatus[] = ['MANUAL_REVIEW_NEEDED', 'UNDER_REVIEW'];

/** Refuses a move the life of a claim does not allow, naming both statuses. */
export function assertTransition(number: string, from: ClaimStatus, to: ClaimStatus): void {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from];
    throw conflict(`claim ${number} is ${from}; it cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(', ')})` : ' (it is final)'}`, { rule: 'CLAIM_STATUS', from, to });
  }
}

export function assertEditable(number: string, status: ClaimStatus): void {
  if (!EDITABLE.includes(status)) throw conflict(`claim ${number} is ${status}; only claims in ${EDITABLE.join(' or ')} can be changed`, { rule: 'CLAIM_NOT_EDITABLE', status });
}
