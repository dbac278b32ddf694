import { A, CASH_ACTIVITIES } from '../activities.ts';
import type { CaseView } from '../analysis.ts';
import { compareDecimal } from '../money.ts';

/** The rules a lead-to-cash case is checked against. */
export const CONFORMANCE_RULES = {
  WON_WITHOUT_REQUIRED_APPROVAL: 'A deal was closed won with a discount above the approval threshold and no quote approved by approvers before.',
  CONTRACT_WITHOUT_REQUIRED_APPROVAL: 'A contract was activated with a discount above the approval threshold and no quote approved by approvers before.',
  INVOICE_BEFORE_ACTIVATION: 'An invoice was posted before any order of the case was activated.',
  PAYMENT_BEFORE_INVOICE: 'A payment came in before any invoice of the case was posted.',
  SKIPPED_STAGE: 'The opportunity moved forward past one or more stages of the sales process.',
} as const;
export type ConformanceRule = keyof typeof CONFORMANCE_RULES;

export interface ConformanceSettings {
  /** A discount above this (percent, exact decimal) needs a quote approved by approvers. */
  approvalDiscountPercent: string;
  /** The open stages of the sales process in order (CRM's opportunity stages); null: stages are not checked. */
  openStages: readonly string[] | null;
  /** The won stages' names (a close into one of them skips the open stages not yet visited). */
  wonStages: readonly string[];
}

export interface Violation {
  rule: ConformanceRule;
  /** When it happened (the event that broke the rule), ms. */
  at: number;
  detail: string;
}

/** Every rule the case breaks, in the order they happened. Pure. */
export function violationsOf(c: CaseView, settings: ConformanceSettings): Violation[] {
  if (c.kind !== 'OPPORTUNITY') return [];
  const found: Violation[] = [];
  const trace = c.trace;
  const discountNeedsApproval = c.discountPercent !== null && compareDecimal(c.discountPercent, settings.approvalDiscountPercent) > 0;
  let approved = false;
  let activated = false;
  let invoiced = false;
  let won = false;
  let contracted = false;
  let invoiceChecked = false;
  let paymentChecked = false;
  for (const [code, at, qualifier] of trace) {
    if (code === A.QuoteApproved && qualifier === 'APPROVERS') approved = true;
    if (code === A.ClosedWon && !won) {
      won = true;
      if (discountNeedsApproval && !approved) {
        found.push({ rule: 'WON_WITHOUT_REQUIRED_APPROVAL', at, detail: `closed won with a discount of ${c.discountPercent}% (approval needed above ${settings.approvalDiscountPercent}%) and no quote approved by approvers` });
      }
    }
    if (code === A.ContractActivated && !contracted) {
      contracted = true;
      if (discountNeedsApproval && !approved) {
        found.push({ rule: 'CONTRACT_WITHOUT_REQUIRED_APPROVAL', at, detail: `contract activated with a discount of ${c.discountPercent}% (approval needed above ${settings.approvalDiscountPercent}%) and no quote approved by approvers` });
      }
    }
    if (code === A.OrderActivated) activated = true;
    if (code === A.InvoicePosted && !invoiceChecked) {
      invoiceChecked = true;
      if (!activated) found.push({ rule: 'INVOICE_BEFORE_ACTIVATION', at, detail: 'invoice posted before any order of the case was activated' });
    }
    if (code === A.InvoicePosted) invoiced = true;
    if (CASH_ACTIVITIES.has(code) && !paymentChecked) {
      paymentChecked = true;
      if (!invoiced) found.push({ rule: 'PAYMENT_BEFORE_INVOICE', at, detail: 'payment came in before any invoice of the case was posted' });
    }
  }
  if (settings.openStages) found.push(...skippedStages(trace, settings));
  return found.sort((a, b) => a.at - b.at);
}

function skippedStages(trace: CaseView['trace'], settings: ConformanceSettings): Violation[] {
  const open = settings.openStages!;
  const found: Violation[] = [];
  let current: number | null = null;
  for (const [code, at, qualifier] of trace) {
    if (code === A.OpportunityCreated) {
      current = qualifier === null ? null : open.indexOf(qualifier);
      if (current === -1) current = null;
      continue;
    }
    if (code === A.StageChanged) {
      const next = qualifier === null ? -1 : open.indexOf(qualifier);
      if (next === -1) continue;
      if (current !== null && next > current + 1) found.push(skip(open, current, next, at, qualifier!));
      current = next;
      continue;
    }
    if (code === A.ClosedWon && current !== null && current < open.length - 1) {
      const into = qualifier && settings.wonStages.includes(qualifier) ? qualifier : 'Closed Won';
      found.push(skip(open, current, open.length, at, into));
      current = null;
    }
  }
  return found;
}

function skip(open: readonly string[], from: number, to: number, at: number, into: string): Violation {
  const skipped = open.slice(from + 1, to);
  return { rule: 'SKIPPED_STAGE', at, detail: `moved from ${open[from]} to ${into}, skipping ${skipped.join(', ')}` };
}
