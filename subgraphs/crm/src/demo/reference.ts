import type { LeadRating, LeadStatusKind, PreferredSellerReason, SourceChannel, TestDriveStatus } from '../store/rows.ts';

/**
 * The reference data the CRM migration seeds (lead statuses, opportunity stages) and the enum values of the schema,
 * with how often each shows up in the demo network. `load.test.ts` checks the seeded tables still agree.
 */

export const LEAD_STATUSES: readonly { name: string; kind: LeadStatusKind; weight: number }[] = [
  { name: 'Open', kind: 'OPEN', weight: 25 },
  { name: 'Contacted', kind: 'WORKING', weight: 25 },
  { name: 'Qualified', kind: 'QUALIFIED', weight: 28 },
  { name: 'Unqualified', kind: 'UNQUALIFIED', weight: 12 },
  { name: 'Nurturing', kind: 'NURTURE', weight: 10 },
];

export interface Stage {
  name: string;
  probability: number;
  isClosed: boolean;
  isWon: boolean;
  weight: number;
}

export const OPPORTUNITY_STAGES: readonly Stage[] = [
  stage('Prospecting', 10, 8),
  stage('Qualification', 10, 8),
  stage('Needs Analysis', 20, 8),
  stage('Value Proposition', 50, 7),
  stage('Id. Decision Makers', 60, 5),
  stage('Perception Analysis', 70, 5),
  stage('Proposal/Price Quote', 75, 9),
  stage('Negotiation/Review', 90, 8),
  stage('Closed Won', 100, 24, true, true),
  stage('Closed Lost', 0, 18, true, false),
];

export const SOURCE_CHANNELS: readonly (readonly [SourceChannel, number])[] = [
  ['WEB', 30], ['PHONE', 10], ['EMAIL', 6], ['WALK_IN', 12], ['EVENT', 6], ['DEALER', 10],
  ['PARTNER', 4], ['SOCIAL', 8], ['REFERRAL', 6], ['ADVERTISEMENT', 5], ['OTHER', 3],
];

export const RATINGS: readonly (readonly [LeadRating, number])[] = [['HOT', 2], ['WARM', 4], ['COLD', 3]];

/** Status weights for test drives that can still happen (the lead or opportunity is open) and ones that cannot. */
export const OPEN_TEST_DRIVE_STATUSES: readonly (readonly [TestDriveStatus, number])[] = [
  ['SCHEDULED', 5], ['COMPLETED', 8], ['CANCELLED', 2], ['NO_SHOW', 1],
];
export const PAST_TEST_DRIVE_STATUSES: readonly (readonly [TestDriveStatus, number])[] = [
  ['COMPLETED', 8], ['CANCELLED', 2], ['NO_SHOW', 1],
];

export const SELLER_REASONS: readonly (readonly [PreferredSellerReason, number])[] = [
  ['PREFERRED', 3], ['PREVIOUS_PURCHASE', 2], ['NEAREST', 4],
];

function stage(name: string, probability: number, weight: number, isClosed = false, isWon = false): Stage {
  return { name, probability, isClosed, isWon, weight };
}
