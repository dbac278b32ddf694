import { conflict } from '@l2c/shared';

/**
 * A quote's life: Draft → In Review → Approved or Rejected → Presented → Accepted or Denied. A quote needing no
 * approval goes from Draft straight to Approved on submission. Lines change only before the customer sees the quote;
 * a change to a rejected or approved quote takes it back to Draft, and it is submitted again (smart approvals carry
 * what did not change). Presented, accepted and denied quotes do not change: clone one to start over.
 */

export type QuoteStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'PRESENTED' | 'ACCEPTED' | 'DENIED';

/** The labels Salesforce CPQ uses for the same statuses (`SBQQ__Status__c`). */
export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
  DRAFT: 'Draft',
  IN_REVIEW: 'In Review',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  PRESENTED: 'Presented',
  ACCEPTED: 'Accepted',
  DENIED: 'Denied',
};

interface QuoteState {
  id: string;
  number: string;
  status: QuoteStatus;
}

const label = (quote: QuoteState) => `quote ${quote.number} is ${QUOTE_STATUS_LABELS[quote.status]}`;

/** Lines and terms change in Draft, Rejected and Approved; In Review must be recalled first. */
export function assertEditable(quote: QuoteState): void {
  if (quote.status === 'IN_REVIEW') throw conflict(`${label(quote)}; recall it before changing it`, { rule: 'QUOTE_IN_REVIEW', quoteId: quote.id });
  if (quote.status === 'PRESENTED' || quote.status === 'ACCEPTED' || quote.status === 'DENIED') {
    throw conflict(`${label(quote)}; the customer has seen it, so it no longer changes (clone it to revise)`, { rule: 'QUOTE_LOCKED', quoteId: quote.id });
  }
}

export function assertSubmittable(quote: QuoteState, lineCount: number): void {
  if (quote.status !== 'DRAFT' && quote.status !== 'REJECTED') {
    throw conflict(`${label(quote)}; only a draft or rejected quote is submitted for approval`, { rule: 'QUOTE_NOT_SUBMITTABLE', quoteId: quote.id });
  }
  if (lineCount === 0) throw conflict(`quote ${quote.number} has no lines; add what is being sold before submitting`, { rule: 'QUOTE_HAS_NO_LINES', quoteId: quote.id });
}

export function assertInReview(quote: QuoteState): void {
  if (quote.status !== 'IN_REVIEW') throw conflict(`${label(quote)}; only a quote in review has approvals to decide or recall`, { rule: 'QUOTE_NOT_IN_REVIEW', quoteId: quote.id });
}

export function assertPresentable(quote: QuoteState): void {
  if (quote.status !== 'APPROVED') throw conflict(`${label(quote)}; only an approved quote is presented to the customer`, { rule: 'QUOTE_NOT_APPROVED', quoteId: quote.id });
}

/** The customer answers a presented quote that has not expired. */
export function assertAnswerable(quote: QuoteState & { expiration_date: string | null }, today: string): void {
  if (quote.status !== 'PRESENTED') throw conflict(`${label(quote)}; the customer accepts or denies a presented quote`, { rule: 'QUOTE_NOT_PRESENTED', quoteId: quote.id });
  if (quote.expiration_date && quote.expiration_date < today) {
    throw conflict(`quote ${quote.number} expired on ${quote.expiration_date}; clone it to quote again`, { rule: 'QUOTE_EXPIRED', quoteId: quote.id });
  }
}
