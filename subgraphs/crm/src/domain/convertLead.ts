import { badInput, conflict, decimalValue, isoDate, optionalText, dateValue } from '@l2c/shared';
import type {
  AccountRow,
  ContactRow,
  LeadLineItemRow,
  LeadPreferredSellerRow,
  LeadRow,
  OpportunityLineItemRow,
  OpportunityPreferredSellerRow,
  OpportunityRow,
  OpportunityStageRow,
} from '../store/rows.ts';
import { assertLeadChangeable } from './leadRules.ts';

export interface ConvertLeadOptions {
  accountId?: string | null;
  opportunityName?: string | null;
  closeDate?: string | null;
  amount?: string | null;
  owner?: string | null;
}

/** What a conversion returns to the client. */
export interface Conversion {
  lead: LeadRow;
  account: AccountRow;
  contact: ContactRow;
  opportunity: OpportunityRow;
}

type NewRow<Row> = Omit<Row, 'created_at' | 'updated_at'>;

/** Every row a conversion writes, decided before anything is written. */
export interface ConversionPlan {
  /** `null` when the opportunity joins an existing account. */
  account: NewRow<AccountRow> | null;
  accountId: string;
  /** `null` when the existing account already has a contact with the lead's e-mail. */
  contact: NewRow<ContactRow> | null;
  contactId: string;
  opportunity: Omit<NewRow<OpportunityRow>, 'is_closed' | 'is_won'>;
  lineItems: Omit<OpportunityLineItemRow, 'created_at'>[];
  preferredSellers: Omit<OpportunityPreferredSellerRow, 'created_at'>[];
  leadChanges: Pick<LeadRow, 'converted_at' | 'converted_account_id' | 'converted_contact_id' | 'converted_opportunity_id'>;
}

export interface ConversionInput {
  lead: LeadRow;
  lineItems: readonly LeadLineItemRow[];
  preferredSellers: readonly LeadPreferredSellerRow[];
  options: ConvertLeadOptions;
  /** The account named by `options.accountId`, as the caller may see it (null when not found or not visible). */
  existingAccount: AccountRow | null;
  /** That account's contacts, to reuse one with the lead's e-mail instead of creating a duplicate. */
  existingContacts: readonly ContactRow[];
  /** The stage new opportunities start in. */
  firstStage: OpportunityStageRow;
  now: Date;
  newId: () => string;
}

/**
 * Plans the conversion of a qualified lead into an account, a contact and an opportunity. The opportunity gets a copy
 * of every line item and preferred seller of the lead, linked back to its source, so nothing the customer told us is
 * lost. Refuses leads that are not qualified, already converted, or archived.
 */
export function planConversion(input: ConversionInput): ConversionPlan {
  const { lead, options, now, newId } = input;
  assertLeadChangeable(lead);
  if (lead.status_kind !== 'QUALIFIED') {
    throw conflict(`lead ${lead.id} is ${lead.status}; only a qualified lead can be converted (qualify it first)`, { rule: 'LEAD_NOT_QUALIFIED' });
  }
  const personName = [lead.first_name, lead.last_name].filter(Boolean).join(' ');
  const account = planAccount(input, personName);
  const accountId = account?.id ?? input.existingAccount!.id;
  const accountName = account?.name ?? input.existingAccount!.name;
  const email = lead.email?.toLowerCase();
  const reused = email ? input.existingContacts.find((c) => c.email?.toLowerCase() === email) : undefined;
  const contact: NewRow<ContactRow> | null = reused
    ? null
    : { id: newId(), account_id: accountId, first_name: lead.first_name, last_name: lead.last_name, email: lead.email, phone: lead.phone, title: null };
  const contactId = reused?.id ?? contact!.id;
  const opportunityId = newId();
  const firstVehicle = input.lineItems.find((item) => item.product_type === 'VEHICLE')?.product_name;
  const opportunity = {
    id: opportunityId,
    name: optionalText('input.opportunityName', options.opportunityName, 120) ?? `${accountName} – ${firstVehicle ?? 'New business'}`,
    account_id: accountId,
    contact_id: contactId,
    dealer_id: lead.dealer_id,
    lead_id: lead.id,
    stage: input.firstStage.name,
    amount: options.amount == null ? null : decimalValue('input.amount', options.amount, { scale: 2, min: 0 }),
    close_date: closeDate(lead, options, now),
    probability: input.firstStage.default_probability,
    discount_percent: null,
    owner: optionalText('input.owner', options.owner, 80) ?? lead.owner,
    source_channel: lead.source_channel,
    loss_reason: null,
    closed_at: null,
  };
  return {
    account,
    accountId,
    contact,
    contactId,
    opportunity,
    lineItems: input.lineItems.map((item) => ({
      id: newId(),
      opportunity_id: opportunityId,
      product_code: item.product_code,
      product_name: item.product_name,
      product_type: item.product_type,
      quantity: item.quantity,
      unit_price: null,
      notes: item.notes,
      lead_line_item_id: item.id,
    })),
    preferredSellers: input.preferredSellers.map((seller) => ({
      id: newId(),
      opportunity_id: opportunityId,
      dealer_id: seller.dealer_id,
      reason: seller.reason,
      notes: seller.notes,
      lead_preferred_seller_id: seller.id,
    })),
    leadChanges: { converted_at: now, converted_account_id: accountId, converted_contact_id: contactId, converted_opportunity_id: opportunityId },
  };
}

function planAccount(input: ConversionInput, personName: string): NewRow<AccountRow> | null {
  const { lead, options } = input;
  if (options.accountId) {
    const existing = input.existingAccount;
    if (!existing) throw badInput('input.accountId', options.accountId, 'must be an account you can see');
    if (existing.type !== 'CUSTOMER') throw badInput('input.accountId', options.accountId, `must be a customer account, not a ${existing.type.toLowerCase()}`);
    return null;
  }
  return {
    id: input.newId(),
    name: lead.company ?? personName,
    type: 'CUSTOMER',
    dealer_code: null,
    dealer_id: lead.dealer_id,
    email: lead.email,
    phone: lead.phone,
    website: null,
    street: lead.street,
    city: lead.city,
    postal_code: lead.postal_code,
    country: lead.country,
    latitude: lead.latitude,
    longitude: lead.longitude,
  };
}

/** The close date asked for; else the lead's latest interest date if still ahead; else 30 days from today. */
function closeDate(lead: LeadRow, options: ConvertLeadOptions, now: Date): string {
  if (options.closeDate) return dateValue('input.closeDate', options.closeDate);
  const today = isoDate(now);
  if (lead.latest_interest_date && lead.latest_interest_date >= today) return lead.latest_interest_date;
  return isoDate(now, 30);
}
