import type { TestDriveRow, TestDriveStatus } from '../store/rows.ts';
import type { LeadBundle } from './leads.ts';
import type { OpportunityBundle } from './opportunities.ts';
import { CANCELLATION_NOTES, NO_SHOW_NOTE, TEST_DRIVE_FEEDBACK } from './phrases.ts';
import type { Random } from './random.ts';
import { OPEN_TEST_DRIVE_STATUSES, PAST_TEST_DRIVE_STATUSES } from './reference.ts';
import { addDays, addMinutes, between, businessHour, earliest } from './time.ts';

/** A lead or opportunity someone could test-drive a vehicle for, and the window in which the drive could happen. */
interface Subject {
  leadId: string | null;
  opportunityId: string | null;
  dealerId: string;
  vehicle: { name: string; code: string | null };
  from: Date;
  until: Date;
  /** Still being worked, so a drive may yet be scheduled; otherwise only past drives make sense. */
  open: boolean;
  won: boolean;
}

/**
 * Test drives for about half the open leads and opportunities that want a vehicle and a third of the closed ones.
 * Only open ones get drives still SCHEDULED (in the future); every status appears once there are four open subjects.
 * Drives of converted leads carry both ids, as conversion moves them to the opportunity.
 */
export function generateTestDrives(rng: Random, now: Date, leads: readonly LeadBundle[], opportunities: readonly OpportunityBundle[]): TestDriveRow[] {
  const subjects = [...leads.flatMap((bundle) => leadSubject(bundle, now)), ...opportunities.flatMap((bundle) => opportunitySubject(bundle, now))];
  const open = subjects.filter((subject) => subject.open);
  const past = subjects.filter((subject) => !subject.open);
  const openPicks = rng.sample(open, Math.max(4, Math.round(open.length * 0.45)));
  const pastPicks = rng.sample(past, Math.round(past.length * 0.3));
  const openStatuses = rng.spread(OPEN_TEST_DRIVE_STATUSES, openPicks.length);
  const pastStatuses = rng.spread(PAST_TEST_DRIVE_STATUSES, pastPicks.length);
  return [
    ...openPicks.map((subject, i) => makeTestDrive(rng, now, subject, openStatuses[i] ?? 'COMPLETED')),
    ...pastPicks.map((subject, i) => makeTestDrive(rng, now, subject, pastStatuses[i] ?? 'COMPLETED')),
  ];
}

function leadSubject({ lead, wishes, nearest, conversion }: LeadBundle, now: Date): Subject[] {
  const vehicle = wishes.find((wish) => wish.product.type === 'VEHICLE')?.product;
  if (!vehicle || conversion) return []; // converted leads' drives are made with their opportunity
  const open = ['Open', 'Contacted', 'Qualified'].includes(lead.status) && lead.archived_at === null;
  return [{
    leadId: lead.id,
    opportunityId: null,
    dealerId: lead.dealer_id ?? nearest.account.id,
    vehicle: { name: vehicle.name, code: vehicle.code },
    from: lead.created_at,
    until: open ? now : lead.updated_at,
    open,
    won: false,
  }];
}

function opportunitySubject({ opportunity, lineItems, stage, lead }: OpportunityBundle, now: Date): Subject[] {
  const vehicle = lineItems.find((item) => item.product_type === 'VEHICLE');
  if (!vehicle || !opportunity.dealer_id) return [];
  return [{
    leadId: opportunity.lead_id,
    opportunityId: opportunity.id,
    dealerId: opportunity.dealer_id,
    vehicle: { name: vehicle.product_name, code: vehicle.product_code },
    from: lead?.lead.created_at ?? opportunity.created_at,
    until: opportunity.closed_at ?? now,
    open: !stage.isClosed,
    won: stage.isWon,
  }];
}

function makeTestDrive(rng: Random, now: Date, subject: Subject, status: TestDriveStatus): TestDriveRow {
  const scheduled = status === 'SCHEDULED';
  const scheduledAt = scheduled ? businessHour(rng, addDays(now, 1), addDays(now, 21)) : businessHour(rng, subject.from, subject.until);
  const createdAt = between(rng, subject.from, earliest(scheduledAt, now));
  const rating = status === 'COMPLETED' ? rng.weighted(subject.won ? WON_RATINGS : RATINGS) : null;
  return {
    id: rng.uuid(),
    lead_id: subject.leadId,
    opportunity_id: subject.opportunityId,
    dealer_id: subject.dealerId,
    vehicle: subject.vehicle.name,
    product_code: subject.vehicle.code,
    scheduled_at: scheduledAt,
    status,
    feedback: feedback(rng, status, rating),
    rating,
    created_at: createdAt,
    updated_at: scheduled ? createdAt : earliest(addMinutes(scheduledAt, rng.int(45, 180)), now),
  };
}

const RATINGS = [[5, 6], [4, 8], [3, 4], [2, 2], [1, 1]] as const;
const WON_RATINGS = [[5, 3], [4, 2]] as const;

function feedback(rng: Random, status: TestDriveStatus, rating: number | null): string | null {
  if (rating !== null) return rng.pick(TEST_DRIVE_FEEDBACK[rating] ?? []);
  if (status === 'NO_SHOW') return NO_SHOW_NOTE;
  if (status === 'CANCELLED' && rng.chance(0.6)) return rng.pick(CANCELLATION_NOTES);
  return null;
}
