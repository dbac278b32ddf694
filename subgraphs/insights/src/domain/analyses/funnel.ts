import { A, CASH_ACTIVITIES } from '../activities.ts';
import type { Analysis, CaseView } from '../analysis.ts';

/** The funnel's steps: a case has reached one when its trace holds one of the step's activities. */
export const FUNNEL_STEPS: readonly { step: string; codes: readonly number[] }[] = [
  { step: 'Lead Created', codes: [A.LeadCreated] },
  { step: 'Lead Qualified', codes: [A.LeadQualified] },
  { step: 'Lead Converted', codes: [A.LeadConverted] },
  { step: 'Opportunity Created', codes: [A.OpportunityCreated] },
  { step: 'Quote Created', codes: [A.QuoteCreated] },
  { step: 'Quote Accepted', codes: [A.QuoteAccepted] },
  { step: 'Closed Won', codes: [A.ClosedWon] },
  { step: 'Invoice Posted', codes: [A.InvoicePosted] },
  { step: 'Paid', codes: [...CASH_ACTIVITIES] },
];

export interface FunnelStep {
  step: string;
  cases: number;
  /** Share of the previous step's cases, 0..1 (null for the first step, or when the previous step had none). */
  fromPrevious: number | null;
  /** Share of the first step's cases. */
  fromFirst: number | null;
}

export interface FunnelResult {
  /** Leads not (yet) converted and opportunities: everything that entered the funnel. */
  caseCount: number;
  steps: FunnelStep[];
}

/**
 * The conversion funnel from lead to cash. It reads leads that have not become opportunities too (they are their own
 * cases until converted). Opportunities that did not start as a lead enter at Opportunity Created, so a later step
 * can hold more cases than an earlier lead step.
 */
export function funnelAnalysis(): Analysis<FunnelResult> {
  const counts = FUNNEL_STEPS.map(() => 0);
  let caseCount = 0;
  return {
    visit(c: CaseView, pass: number) {
      if (pass > 0 || c.trace.length === 0) return;
      caseCount++;
      const codes = new Set(c.trace.map((entry) => entry[0]));
      FUNNEL_STEPS.forEach((step, i) => {
        if (step.codes.some((code) => codes.has(code))) counts[i]!++;
      });
    },
    needsPass: () => false,
    result() {
      return {
        caseCount,
        steps: FUNNEL_STEPS.map((step, i) => ({
          step: step.step,
          cases: counts[i]!,
          fromPrevious: i === 0 || counts[i - 1] === 0 ? null : counts[i]! / counts[i - 1]!,
          fromFirst: counts[0] === 0 ? null : counts[i]! / counts[0]!,
        })),
      };
    },
  };
}
