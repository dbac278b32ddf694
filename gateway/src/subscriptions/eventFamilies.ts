import type { Identity, Role } from '@l2c/shared';

/**
 * One family of domain events a client can subscribe to: the events of one entity type, from the subgraph that owns
 * it. Adding a family for a new subgraph is one entry in `EVENT_FAMILIES`: the schema, the scope filter and the
 * resolution of the entity through the supergraph all follow from it.
 */
export interface EventFamily {
  /** The `Subscription` field, e.g. `leadEvents`. */
  field: string;
  /** The payload type, e.g. `LeadEvent`; its enum of event types is `<eventType>Type`. */
  eventType: string;
  /** What the field delivers, for the schema's description. */
  description: string;
  entity: {
    /** The `entity.typename` the subgraph publishes, and the supergraph type the payload exposes, e.g. `Lead`. */
    typename: string;
    /** The payload field holding the entity (`lead`); the payload also has `<field>Id`, the entity's id. */
    field: string;
    /** The root query field that fetches one entity by id (`lead(id: ID!)`): the entity is resolved through it. */
    query: string;
  };
  /** The event types of the family as the subgraph publishes them (`LeadCreated`); others are not delivered. */
  types: readonly string[];
  /**
   * Who may subscribe, by role: `all` events of the family, or only those whose `dealerIds` include the caller's
   * dealer. A role not named is refused. A partner is held to its dealer even when it holds other roles too.
   */
  audience: Partial<Record<Role, 'all' | 'own dealer'>>;
}

/** The events a subscriber may see: every one of its family, or those that concern one dealer. */
export type EventScope = { kind: 'all' } | { kind: 'dealer'; dealerAccountId: string };

/** Dealer business (CRM, CPQ, billing): OEM staff and admins see all of it, a partner its own dealer's. */
const dealerBusiness = { staff: 'all', sf_admin: 'all', partner: 'own dealer' } as const;

/** Every family the gateway serves today. */
export const EVENT_FAMILIES: readonly EventFamily[] = [
  {
    field: 'leadEvents',
    eventType: 'LeadEvent',
    description: 'Leads created, assigned to a dealer (both dealers hear of it), moved to another status, archived or converted.',
    entity: { typename: 'Lead', field: 'lead', query: 'lead' },
    types: ['LeadCreated', 'LeadAssigned', 'LeadStatusChanged', 'LeadArchived', 'LeadConverted'],
    audience: dealerBusiness,
  },
  {
    field: 'opportunityEvents',
    eventType: 'OpportunityEvent',
    description: 'Opportunities created, moved to another stage, won or lost.',
    entity: { typename: 'Opportunity', field: 'opportunity', query: 'opportunity' },
    types: ['OpportunityCreated', 'OpportunityStageChanged', 'OpportunityWon', 'OpportunityLost'],
    audience: dealerBusiness,
  },
  {
    field: 'testDriveEvents',
    eventType: 'TestDriveEvent',
    description: 'Test drives scheduled, completed or cancelled.',
    entity: { typename: 'TestDrive', field: 'testDrive', query: 'testDrive' },
    types: ['TestDriveScheduled', 'TestDriveCompleted', 'TestDriveCancelled'],
    audience: dealerBusiness,
  },
  {
    field: 'quoteEvents',
    eventType: 'QuoteEvent',
    description: 'Quotes created, changed, made primary, submitted for approval, approved or rejected, recalled, presented, accepted or denied.',
    entity: { typename: 'Quote', field: 'quote', query: 'quote' },
    types: ['QuoteCreated', 'QuoteChanged', 'QuotePrimaryChanged', 'QuoteSubmitted', 'QuoteApproved', 'QuoteRejected', 'QuoteRecalled', 'QuotePresented', 'QuoteAccepted', 'QuoteDenied'],
    audience: dealerBusiness,
  },
  {
    field: 'orderEvents',
    eventType: 'OrderEvent',
    description: 'Orders created, amended, activated or moved to another status.',
    entity: { typename: 'Order', field: 'order', query: 'order' },
    types: ['OrderCreated', 'OrderAmended', 'OrderActivated', 'OrderStatusChanged'],
    audience: dealerBusiness,
  },
  {
    field: 'invoiceEvents',
    eventType: 'InvoiceEvent',
    description: 'Invoices posted, overdue, cancelled or rebilled, and credit notes issued.',
    entity: { typename: 'Invoice', field: 'invoice', query: 'invoice' },
    types: ['InvoicePosted', 'InvoiceOverdue', 'InvoiceCancelled', 'InvoiceRebilled', 'CreditNoteIssued'],
    audience: dealerBusiness,
  },
  {
    field: 'paymentEvents',
    eventType: 'PaymentEvent',
    description: 'Payments received, allocated to invoices or unallocated.',
    entity: { typename: 'Payment', field: 'payment', query: 'payment' },
    types: ['PaymentReceived', 'PaymentAllocated', 'PaymentUnallocated'],
    audience: dealerBusiness,
  },
  {
    // Visits: the visits subgraph's `Visit`; a dealer hears of its own visits. Assessors are not an audience yet: an
    // event scope knows dealers, not assignments (assessors read their visits through queries).
    field: 'visitEvents',
    eventType: 'VisitEvent',
    description: 'Dealer visits scheduled (or moved), started, completed (with the score) or cancelled, and each indicator that missed its expectation when a visit completed.',
    entity: { typename: 'Visit', field: 'visit', query: 'visit' },
    types: ['VisitScheduled', 'VisitStarted', 'VisitCompleted', 'VisitCancelled', 'DeviationFlagged'],
    audience: dealerBusiness,
  },
  {
    // Sync jobs: CRM's `SyncJob` entity, resolved through `Query.syncJob(id:)` (sf_admin and engineer only).
    field: 'syncJobEvents',
    eventType: 'SyncJobEvent',
    description: 'Salesforce sync jobs (runs and their per-object jobs) queued, started, making progress, paused, completed, failed or cancelled.',
    entity: { typename: 'SyncJob', field: 'syncJob', query: 'syncJob' },
    types: ['SyncJobQueued', 'SyncJobStarted', 'SyncJobProgress', 'SyncJobPaused', 'SyncJobCompleted', 'SyncJobFailed', 'SyncJobCancelled'],
    audience: { sf_admin: 'all', engineer: 'all' },
  },
  {
    field: 'claimEvents',
    eventType: 'ClaimEvent',
    description: 'Warranty claims moving from one status to another: submitted, approved or rejected by the rules or an adjuster, routed, questioned, paid.',
    entity: { typename: 'Claim', field: 'claim', query: 'claim' },
    types: ['ClaimStatusChanged'],
    audience: { ...dealerBusiness, warranty_adjuster: 'all' },
  },
  {
    field: 'csvImportEvents',
    eventType: 'CsvImportEvent',
    description: 'CSV imports of sales reports finished: completed (with the rows created, updated and rejected) or refused.',
    entity: { typename: 'CsvImport', field: 'csvImport', query: 'csvImport' },
    types: ['CsvImportCompleted', 'CsvImportFailed'],
    audience: dealerBusiness,
  },
  {
    field: 'rebateClaimEvents',
    eventType: 'RebateClaimEvent',
    description: 'Vehicle sales reports approved (with the incentive), returned for correction or rejected.',
    entity: { typename: 'RebateClaim', field: 'rebateClaim', query: 'rebateClaim' },
    types: ['RebateClaimStatusChanged'],
    audience: dealerBusiness,
  },
  {
    field: 'transactionJournalEvents',
    eventType: 'TransactionJournalEvent',
    description: 'Parts sales reports approved (with the incentive), returned for correction or rejected.',
    entity: { typename: 'TransactionJournal', field: 'transactionJournal', query: 'transactionJournal' },
    types: ['TransactionJournalStatusChanged'],
    audience: dealerBusiness,
  },
  {
    // Insights: a case's process figures changed (new events in the lead-to-cash log); fetch the analyses again.
    field: 'processMetricsChanged',
    eventType: 'ProcessMetricsEvent',
    description: 'A lead-to-cash case gained events in the process log: its figures and the process map changed. `changes.activities` names the activities added.',
    entity: { typename: 'ProcessCase', field: 'processCase', query: 'processCase' },
    types: ['ProcessMetricsChanged'],
    audience: { ...dealerBusiness, engineer: 'all' },
  },
];

/** The scope `identity` has on `family`, or null when it may not subscribe at all. */
export function scopeFor(family: EventFamily, identity: Identity): EventScope | null {
  if (identity.roles.includes('partner')) {
    const audience = family.audience.partner;
    if (audience === 'all') return { kind: 'all' };
    return audience === 'own dealer' && identity.dealerAccountId ? { kind: 'dealer', dealerAccountId: identity.dealerAccountId } : null;
  }
  return identity.roles.some((role) => family.audience[role] === 'all') ? { kind: 'all' } : null;
}

/** The roles that may subscribe to `family`, for refusal messages. */
export function rolesAllowed(family: EventFamily): Role[] {
  return Object.keys(family.audience) as Role[];
}
