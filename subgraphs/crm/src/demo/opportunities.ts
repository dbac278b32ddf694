import type { OpportunityLineItemRow, OpportunityPreferredSellerRow } from '../store/rows.ts';
import type { LeadBundle } from './leads.ts';
import type { Customer, Network } from './network.ts';
import { LOSS_REASONS } from './phrases.ts';
import { basisPointsToPercent, centsToDecimal, discountedCents, makeWishes, productByCode, type Wish } from './products.ts';
import type { Random } from './random.ts';
import { OPPORTUNITY_STAGES, SOURCE_CHANNELS, type Stage } from './reference.ts';
import { addDays, between, earliest, isoDate } from './time.ts';
import type { DemoOpportunity } from './data.ts';

export interface OpportunityBundle {
  opportunity: DemoOpportunity;
  lineItems: OpportunityLineItemRow[];
  sellers: OpportunityPreferredSellerRow[];
  stage: Stage;
  /** The lead it was converted from, if any. */
  lead: LeadBundle | null;
}

/**
 * `count` opportunities in every stage. Converted leads come first, each getting the opportunity its conversion made
 * (with the lead's line items and preferred sellers, as `convertLead` does); the rest are sold to existing customers.
 */
export function generateOpportunities(rng: Random, now: Date, network: Network, leads: readonly LeadBundle[], count: number): OpportunityBundle[] {
  const converted = leads.filter((bundle) => bundle.conversion !== null);
  if (converted.length > count) throw new RangeError(`${converted.length} converted leads need as many opportunities (got ${count})`);
  const stages = rng.spread(OPPORTUNITY_STAGES.map((stage) => [stage, stage.weight] as const), count);
  return stages.map((stage, i) => {
    const lead = converted[i];
    return lead ? fromLead(rng, now, lead, stage) : forCustomer(rng, now, rng.pick(network.customers), stage);
  });
}

function fromLead(rng: Random, now: Date, bundle: LeadBundle, stage: Stage): OpportunityBundle {
  const { lead } = bundle;
  const customer = bundle.conversion as Customer;
  const createdAt = lead.converted_at ?? lead.created_at;
  const opportunity = makeOpportunity(rng, now, stage, bundle.wishes, {
    name: nameOf(customer.account.name, bundle.wishes),
    account_id: customer.account.id,
    contact_id: lead.converted_contact_id,
    dealer_id: lead.dealer_id,
    lead_id: lead.id,
    owner: lead.owner,
    source_channel: lead.source_channel,
    created_at: createdAt,
  });
  lead.converted_opportunity_id = opportunity.id;
  // Nothing the customer told us is lost: every line item and preferred seller is carried over and linked back.
  const lineItems = bundle.lineItems.map((item): OpportunityLineItemRow => ({
    id: rng.uuid(),
    opportunity_id: opportunity.id,
    product_code: item.product_code,
    product_name: item.product_name,
    product_type: item.product_type,
    quantity: item.quantity,
    unit_price: priceOf(item.product_code),
    notes: item.notes,
    lead_line_item_id: item.id,
    created_at: createdAt,
  }));
  const sellers = bundle.sellers.map((seller): OpportunityPreferredSellerRow => ({
    id: rng.uuid(),
    opportunity_id: opportunity.id,
    dealer_id: seller.dealer_id,
    reason: seller.reason,
    notes: seller.notes,
    lead_preferred_seller_id: seller.id,
    created_at: createdAt,
  }));
  return { opportunity, lineItems, sellers, stage, lead: bundle };
}

function forCustomer(rng: Random, now: Date, customer: Customer, stage: Stage): OpportunityBundle {
  const wishes = makeWishes(rng, customer.isBusiness);
  const createdAt = between(rng, customer.account.created_at, addDays(now, -1));
  const opportunity = makeOpportunity(rng, now, stage, wishes, {
    name: nameOf(customer.account.name, wishes),
    account_id: customer.account.id,
    contact_id: rng.pick(customer.contacts).id,
    dealer_id: customer.dealer.account.id,
    lead_id: null,
    owner: rng.pick(customer.dealer.salesReps),
    source_channel: rng.chance(0.8) ? rng.weighted(SOURCE_CHANNELS) : null,
    created_at: createdAt,
  });
  const lineItems = wishes.map((wish): OpportunityLineItemRow => ({
    id: rng.uuid(),
    opportunity_id: opportunity.id,
    product_code: wish.product.code,
    product_name: wish.product.name,
    product_type: wish.product.type,
    quantity: wish.quantity,
    unit_price: centsToDecimal(wish.product.priceCents),
    notes: wish.notes,
    lead_line_item_id: null,
    created_at: createdAt,
  }));
  const sellers: OpportunityPreferredSellerRow[] = rng.chance(0.4)
    ? [{ id: rng.uuid(), opportunity_id: opportunity.id, dealer_id: customer.dealer.account.id, reason: 'PREVIOUS_PURCHASE', notes: null, lead_preferred_seller_id: null, created_at: createdAt }]
    : [];
  return { opportunity, lineItems, sellers, stage, lead: null };
}

type Given = Pick<DemoOpportunity, 'name' | 'account_id' | 'contact_id' | 'dealer_id' | 'lead_id' | 'owner' | 'source_channel' | 'created_at'>;

/** Stage-consistent columns: the stage's probability, a close date in the future while open, the day it closed once closed. */
function makeOpportunity(rng: Random, now: Date, stage: Stage, wishes: readonly Wish[], given: Given): DemoOpportunity {
  const discount = wishes.some((wish) => wish.product.type === 'VEHICLE') && rng.chance(0.8) ? rng.int(0, 36) * 25 : null;
  const lines = wishes.map((wish) => ({ priceCents: wish.product.priceCents, quantity: wish.quantity }));
  const closedAt = stage.isClosed ? between(rng, earliest(addDays(given.created_at, 1), now), now) : null;
  return {
    id: rng.uuid(),
    ...given,
    stage: stage.name,
    amount: centsToDecimal(discountedCents(lines, discount ?? 0)),
    close_date: isoDate(closedAt ?? addDays(now, rng.int(3, 150))),
    probability: stage.probability,
    discount_percent: discount === null ? null : basisPointsToPercent(discount),
    loss_reason: stage.isClosed && !stage.isWon ? rng.pick(LOSS_REASONS) : null,
    closed_at: closedAt,
    updated_at: closedAt ?? between(rng, given.created_at, now),
  };
}

function nameOf(accountName: string, wishes: readonly Wish[]): string {
  const first = wishes[0];
  if (!first) return accountName;
  return `${accountName} – ${first.product.name}${first.quantity > 1 ? ` ×${first.quantity}` : ''}`;
}

function priceOf(code: string | null): string | null {
  const product = productByCode(code);
  return product ? centsToDecimal(product.priceCents) : null;
}
