/**
 * The lead-to-cash activities the log records, in lead-to-cash order. The order is the process's own: the process
 * map ranks activities by it, and events at the same instant (one transaction recorded them together) are ordered by
 * it, so a quote accepted and the orders it created read "Quote Accepted → Order Created".
 * Codes are positions in this list; traces store codes, so entries are only ever appended.
 */
export const ACTIVITIES = [
  'Lead Created',
  'Lead Qualified',
  'Lead Disqualified',
  'Lead Nurtured',
  'Lead Archived',
  'Lead Converted',
  'Opportunity Created',
  'Stage Changed',
  'Quote Created',
  'Quote Submitted for Approval',
  'Quote Approved',
  'Quote Rejected',
  'Quote Recalled',
  'Quote Presented',
  'Quote Accepted',
  'Quote Denied',
  'Order Created',
  'Order Activated',
  'Contract Activated',
  'Closed Won',
  'Closed Lost',
  'Invoice Posted',
  'Invoice Overdue',
  'Payment Received',
  'Payment Allocated',
  'Claim Submitted',
  'Claim Approved',
  'Claim Rejected',
  'Claim Paid',
  'Claim Status Changed',
] as const;

export type Activity = (typeof ACTIVITIES)[number];

const CODES = new Map<string, number>(ACTIVITIES.map((name, code) => [name, code]));

/** The code of an activity (its position in lead-to-cash order). */
export function activityCode(activity: Activity): number {
  return CODES.get(activity)!;
}

/** The activity of a code; throws on a code no activity has (a trace written by a newer version). */
export function activityName(code: number): Activity {
  const name = ACTIVITIES[code];
  if (name === undefined) throw new RangeError(`no activity has code ${code}`);
  return name;
}

export function isActivity(name: string): name is Activity {
  return CODES.has(name);
}

/** Activities by name, for the rules that name them. */
export const A = Object.fromEntries(ACTIVITIES.map((name) => [name.replace(/[^A-Za-z]/g, ''), CODES.get(name)!])) as Record<
  'LeadCreated' | 'LeadQualified' | 'LeadDisqualified' | 'LeadNurtured' | 'LeadArchived' | 'LeadConverted' | 'OpportunityCreated' | 'StageChanged' |
    'QuoteCreated' | 'QuoteSubmittedforApproval' | 'QuoteApproved' | 'QuoteRejected' | 'QuoteRecalled' | 'QuotePresented' | 'QuoteAccepted' |
    'QuoteDenied' | 'OrderCreated' | 'OrderActivated' | 'ContractActivated' | 'ClosedWon' | 'ClosedLost' | 'InvoicePosted' | 'InvoiceOverdue' |
    'PaymentReceived' | 'PaymentAllocated' | 'ClaimSubmitted' | 'ClaimApproved' | 'ClaimRejected' | 'ClaimPaid' | 'ClaimStatusChanged',
  number
>;

/** The payment activities: the case's cash has come in when one of them happened. */
export const CASH_ACTIVITIES: ReadonlySet<number> = new Set([A.PaymentReceived, A.PaymentAllocated]);

/**
 * Steps of the process that have a start and a completion in the log: the time between them is working time (someone
 * is at work on the step); every other transition is waiting time (a hand-over, or the customer's turn).
 */
export const STEPS: readonly { name: string; start: number; completions: readonly number[] }[] = [
  // A lead converted or archived without an explicit verdict has been judged all the same.
  { name: 'Lead qualification', start: A.LeadCreated, completions: [A.LeadQualified, A.LeadDisqualified, A.LeadConverted, A.LeadArchived] },
  { name: 'Quote approval', start: A.QuoteSubmittedforApproval, completions: [A.QuoteApproved, A.QuoteRejected, A.QuoteRecalled] },
  { name: 'Order processing', start: A.OrderCreated, completions: [A.OrderActivated] },
];

const WORKING = new Set(STEPS.flatMap((step) => step.completions.map((completion) => step.start * 1000 + completion)));

/** Whether the time from `from` to `to` is working time within a step (otherwise it is waiting time). */
export function isWorkingTransition(from: number, to: number): boolean {
  return WORKING.has(from * 1000 + to);
}
