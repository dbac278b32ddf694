import type { LeadLineItemRow, LeadPreferredSellerRow, LeadRating, PreferredSellerReason, SourceChannel } from '../store/rows.ts';
import { INTEREST_TAGS } from './catalogue.ts';
import type { Customer, Dealer, Network } from './network.ts';
import { companyName, distanceKm, makePerson, type Person } from './person.ts';
import { ARCHIVE_REASONS, QUALIFICATION_NOTES, SELLER_NOTES, UNQUALIFIED_REASONS } from './phrases.ts';
import { makeWishes, type Wish } from './products.ts';
import { LEAD_STATUSES, RATINGS, SOURCE_CHANNELS } from './reference.ts';
import type { Random } from './random.ts';
import { addDays, between, earliest, isoDate } from './time.ts';
import type { DemoLead } from './data.ts';

/** A lead with its line items and preferred sellers, and, once converted, the customer it became. */
export interface LeadBundle {
  lead: DemoLead;
  lineItems: LeadLineItemRow[];
  sellers: LeadPreferredSellerRow[];
  wishes: Wish[];
  /** The dealer closest to the lead's address, whether or not the lead is assigned to it. */
  nearest: Dealer;
  /** Set for converted leads; the opportunity is made by `generateOpportunities`, which sets `converted_opportunity_id`. */
  conversion: Customer | null;
}

/** How many days before the reference date leads of each status were created: fresh ones are still Open. */
const AGE_DAYS: Record<string, readonly [number, number]> = {
  Open: [0, 30], Contacted: [1, 120], Qualified: [2, 200], Unqualified: [5, 540], Nurturing: [10, 540],
};

/**
 * `count` leads in every status, channel and rating. Two in three qualified leads are converted, at most
 * `maxConversions`, each into one of the network's customers (whose account and contacts are dated to the conversion).
 */
export function generateLeads(rng: Random, now: Date, network: Network, count: number, maxConversions: number): LeadBundle[] {
  const statuses = rng.spread(LEAD_STATUSES.map((s) => [s.name, s.weight] as const), count);
  const channels = rng.spread(SOURCE_CHANNELS, count);
  const ratings = rng.spread<LeadRating | null>([...RATINGS, [null, 1]], count);
  const qualified = statuses.filter((status) => status === 'Qualified').length;
  const conversions = rng.sample(network.customers, Math.min(Math.max(1, Math.round(qualified * 0.66)), maxConversions));
  let archivedOne = false;
  return statuses.map((status, i) => {
    const conversion = status === 'Qualified' ? (conversions.shift() ?? null) : null;
    const archive = status === 'Unqualified' && (!archivedOne || rng.chance(0.5));
    archivedOne ||= archive;
    return makeLead(rng, now, network, { status, channel: channels[i] ?? 'WEB', rating: ratings[i] ?? null, conversion, archive });
  });
}

interface LeadPlan {
  status: string;
  channel: SourceChannel;
  rating: LeadRating | null;
  conversion: Customer | null;
  archive: boolean;
}

function makeLead(rng: Random, now: Date, network: Network, plan: LeadPlan): LeadBundle {
  const { status, channel, conversion } = plan;
  const home = conversion?.dealer ?? rng.pick(network.dealers);
  const person = conversion ? personOf(conversion) : makePerson(rng, home.city);
  const nearest = nearestDealer(network.dealers, person);
  const isBusiness = conversion ? conversion.isBusiness : rng.chance(0.2);
  const [minAge, maxAge] = AGE_DAYS[status] ?? [0, 365];
  const createdAt = between(rng, addDays(now, -(conversion ? 700 : maxAge)), addDays(now, -(conversion ? 10 : minAge)));
  const generated = channel === 'DEALER' || channel === 'WALK_IN';
  const dealer = conversion?.dealer ?? (generated ? home : status === 'Open' && rng.chance(0.5) ? null : nearest);
  const wishes = makeWishes(rng, isBusiness);

  const convertedAt = conversion ? between(rng, addDays(createdAt, 1), earliest(addDays(createdAt, 45), addDays(now, -1))) : null;
  const archivedAt = plan.archive ? between(rng, addDays(createdAt, 1), now) : null;
  const updatedAt = convertedAt ?? archivedAt ?? (status === 'Open' ? createdAt : between(rng, createdAt, now));
  if (conversion) dateCustomer(conversion, convertedAt ?? createdAt);

  const interest = rng.chance(0.85) ? addDays(createdAt, rng.int(7, 90)) : null;
  const criteria = qualification(rng, status);
  const lead: DemoLead = {
    id: rng.uuid(),
    first_name: person.firstName,
    last_name: person.lastName,
    company: conversion ? (isBusiness ? conversion.account.name : null) : isBusiness ? companyName(rng, home.city, person.lastName) : null,
    email: person.email,
    phone: person.phone,
    ...person.address,
    status,
    source_channel: channel,
    rating: plan.rating,
    owner: dealer ? rng.pick(dealer.salesReps) : null,
    dealer_id: dealer?.account.id ?? null,
    earliest_interest_date: interest ? isoDate(interest) : null,
    latest_interest_date: interest && rng.chance(0.8) ? isoDate(addDays(interest, rng.int(0, 120))) : null,
    interest_tags: interestTags(rng, wishes),
    ...criteria,
    unqualified_reason: status === 'Unqualified' || status === 'Nurturing' ? rng.pick(UNQUALIFIED_REASONS) : null,
    nurture_until: status === 'Nurturing' ? isoDate(addDays(now, rng.int(30, 240))) : null,
    archived_at: archivedAt,
    archive_reason: archivedAt ? rng.pick(ARCHIVE_REASONS) : null,
    converted_at: convertedAt,
    converted_account_id: conversion?.account.id ?? null,
    converted_contact_id: conversion?.contacts[0]?.id ?? null,
    converted_opportunity_id: null,
    created_at: createdAt,
    updated_at: updatedAt,
  };
  const lineItems = wishes.map((wish): LeadLineItemRow => ({
    id: rng.uuid(),
    lead_id: lead.id,
    product_code: wish.product.code,
    product_name: wish.product.name,
    product_type: wish.product.type,
    quantity: wish.quantity,
    notes: wish.notes,
    created_at: createdAt,
  }));
  const sellers = preferredSellers(rng, network.dealers, { home: generated ? home : null, nearest }).map(
    ([seller, reason, notes]): LeadPreferredSellerRow => ({ id: rng.uuid(), lead_id: lead.id, dealer_id: seller.account.id, reason, notes, created_at: createdAt }),
  );
  return { lead, lineItems, sellers, wishes, nearest, conversion };
}

/** Qualified leads meet all three criteria; unqualified and nurtured ones never do; open ones are not assessed yet. */
function qualification(rng: Random, status: string) {
  if (status === 'Qualified') return { need: true, authority: true, ability_to_deliver: true, qualification_notes: rng.pick(QUALIFICATION_NOTES) };
  if (status === 'Open') return { need: false, authority: false, ability_to_deliver: false, qualification_notes: null };
  const need = rng.chance(0.5);
  const authority = rng.chance(0.6);
  // A lead being worked may already meet every criterion; an unqualified or nurtured one by definition does not.
  const ability_to_deliver = rng.chance(0.7) && (status === 'Contacted' || !(need && authority));
  const notes = status === 'Contacted' && rng.chance(0.3) ? rng.pick(QUALIFICATION_NOTES) : null;
  return { need, authority, ability_to_deliver, qualification_notes: notes };
}

function interestTags(rng: Random, wishes: readonly Wish[]): string[] {
  const tags = new Set(wishes.flatMap((wish) => wish.product.tags));
  for (const tag of rng.sample(INTEREST_TAGS, rng.int(0, 2))) tags.add(tag);
  return [...tags];
}

/** The dealer that brought the lead in, often the nearest one, sometimes one the customer asked for; each dealer once. */
function preferredSellers(rng: Random, dealers: readonly Dealer[], known: { home: Dealer | null; nearest: Dealer }) {
  const picks: [Dealer, PreferredSellerReason, string | null][] = [];
  if (known.home) picks.push([known.home, 'GENERATED_LEAD', null]);
  if (rng.chance(0.5)) picks.push([known.nearest, 'NEAREST', null]);
  if (rng.chance(0.25)) picks.push([rng.pick(dealers), 'PREFERRED', rng.pick(SELLER_NOTES)]);
  return picks.filter(([dealer], i) => picks.findIndex(([other]) => other === dealer) === i);
}

function personOf(customer: Customer): Person {
  const contact = customer.contacts[0];
  const { account } = customer;
  return {
    firstName: contact?.first_name ?? '',
    lastName: contact?.last_name ?? account.name,
    email: contact?.email ?? account.email ?? '',
    phone: contact?.phone ?? account.phone ?? '',
    address: { street: account.street, city: account.city, postal_code: account.postal_code, country: account.country, latitude: account.latitude, longitude: account.longitude },
  };
}

/** The conversion created the customer's account and contacts, so they date from it. */
function dateCustomer(customer: Customer, at: Date): void {
  for (const row of [customer.account, ...customer.contacts]) {
    row.created_at = at;
    row.updated_at = at;
  }
}

export function nearestDealer(dealers: readonly Dealer[], place: { address: { latitude: number | null; longitude: number | null } }): Dealer {
  let best = dealers[0] as Dealer;
  for (const dealer of dealers) if (distanceKm(place.address, dealer.account) < distanceKm(place.address, best.account)) best = dealer;
  return best;
}
