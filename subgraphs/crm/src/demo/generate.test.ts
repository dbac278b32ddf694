import { afterEach, describe, expect, it, vi } from 'vitest';
import { countDemoData, DEFAULT_DEMO_NOW, generateDemoData } from './generate.ts';
import { LEAD_STATUSES, OPPORTUNITY_STAGES, SOURCE_CHANNELS } from './reference.ts';

const data = generateDemoData({ size: 2, seed: 42 });
const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((row) => [row.id, row]));
const distinct = <T>(values: readonly T[]) => [...new Set(values)].sort();

describe('generateDemoData', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same rows for the same size and seed, whatever the clock says', () => {
    vi.useFakeTimers({ now: new Date('2031-05-05T05:05:05Z') });
    expect(generateDemoData({ size: 2, seed: 42 })).toEqual(data);
  });

  it('gives different rows for a different seed', () => {
    const other = generateDemoData({ size: 2, seed: 43 });
    expect(other.leads.map((lead) => lead.id)).not.toEqual(data.leads.map((lead) => lead.id));
    expect(other.opportunities.map((o) => o.amount)).not.toEqual(data.opportunities.map((o) => o.amount));
  });

  it('scales with size: about size dealers (at least 3), 20 customers, 40 leads and 25 opportunities per unit', () => {
    for (const size of [1, 2, 10]) {
      const generated = generateDemoData({ size, seed: 1 });
      const types = generated.accounts.map((account) => account.type);
      expect(types.filter((type) => type === 'DEALER')).toHaveLength(Math.max(3, size));
      expect(types.filter((type) => type === 'CUSTOMER')).toHaveLength(20 * size);
      expect(types.filter((type) => type === 'SUPPLIER').length).toBeGreaterThanOrEqual(2);
      expect(countDemoData(generated)).toMatchObject({ leads: 40 * size, opportunities: 25 * size });
    }
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => generateDemoData({ size: 0 })).toThrow(/size must be an integer/);
    expect(() => generateDemoData({ size: 1.5 })).toThrow(/got 1.5/);
  });

  it('shows every lead status, source channel, rating, opportunity stage and test drive status at size 2', () => {
    expect(distinct(data.leads.map((lead) => lead.status))).toEqual(distinct(LEAD_STATUSES.map((status) => status.name)));
    expect(distinct(data.leads.map((lead) => lead.source_channel))).toEqual(distinct(SOURCE_CHANNELS.map(([channel]) => channel)));
    expect(distinct(data.leads.map((lead) => lead.rating ?? 'none'))).toEqual(['COLD', 'HOT', 'WARM', 'none']);
    expect(distinct(data.opportunities.map((o) => o.stage))).toEqual(distinct(OPPORTUNITY_STAGES.map((stage) => stage.name)));
    expect(distinct(data.test_drives.map((drive) => drive.status))).toEqual(['CANCELLED', 'COMPLETED', 'NO_SHOW', 'SCHEDULED']);
    expect(data.leads.some((lead) => lead.archived_at !== null)).toBe(true);
    expect(data.leads.some((lead) => lead.converted_at !== null)).toBe(true);
    expect(distinct(data.lead_line_items.map((item) => item.product_type))).toEqual(['ACCESSORY', 'SPARE_PART', 'VEHICLE']);
  });

  it('converts leads as convertLead would: real account, contact and opportunity carrying the lead line items and sellers', () => {
    const accounts = byId(data.accounts);
    const contacts = byId(data.contacts);
    const opportunities = byId(data.opportunities);
    const converted = data.leads.filter((lead) => lead.converted_at !== null);
    for (const lead of converted) {
      expect(lead.status).toBe('Qualified');
      expect(accounts.get(lead.converted_account_id ?? '')?.type).toBe('CUSTOMER');
      expect(contacts.get(lead.converted_contact_id ?? '')?.account_id).toBe(lead.converted_account_id);
      const opportunity = opportunities.get(lead.converted_opportunity_id ?? '');
      expect(opportunity).toMatchObject({ lead_id: lead.id, account_id: lead.converted_account_id, contact_id: lead.converted_contact_id });
      const leadItems = data.lead_line_items.filter((item) => item.lead_id === lead.id);
      const oppItems = data.opportunity_line_items.filter((item) => item.opportunity_id === opportunity?.id);
      expect(oppItems.map(({ lead_line_item_id, product_code, product_name, product_type, quantity, notes }) => ({ id: lead_line_item_id, product_code, product_name, product_type, quantity, notes })))
        .toEqual(leadItems.map(({ id, product_code, product_name, product_type, quantity, notes }) => ({ id, product_code, product_name, product_type, quantity, notes })));
      const leadSellers = data.lead_preferred_sellers.filter((seller) => seller.lead_id === lead.id);
      const oppSellers = data.opportunity_preferred_sellers.filter((seller) => seller.opportunity_id === opportunity?.id);
      expect(oppSellers.map(({ lead_preferred_seller_id, dealer_id, reason, notes }) => ({ id: lead_preferred_seller_id, dealer_id, reason, notes })))
        .toEqual(leadSellers.map(({ id, dealer_id, reason, notes }) => ({ id, dealer_id, reason, notes })));
    }
    expect(data.opportunities.filter((o) => o.lead_id !== null)).toHaveLength(converted.length);
  });

  it('keeps the lead rules: qualified leads meet every criterion, unqualified ones do not, dates in order', () => {
    for (const lead of data.leads) {
      const met = lead.need && lead.authority && lead.ability_to_deliver;
      if (lead.status === 'Qualified') expect(met).toBe(true);
      if (lead.status === 'Unqualified' || lead.status === 'Nurturing') expect(met && lead.unqualified_reason).toBeFalsy();
      if (lead.status === 'Nurturing') expect(lead.nurture_until! > DEFAULT_DEMO_NOW.toISOString()).toBe(true);
      if (lead.archived_at) expect(lead).toMatchObject({ status: 'Unqualified', archive_reason: expect.any(String), converted_at: null });
      if (lead.earliest_interest_date && lead.latest_interest_date) expect(lead.earliest_interest_date <= lead.latest_interest_date).toBe(true);
      expect(lead.created_at <= lead.updated_at && lead.updated_at <= DEFAULT_DEMO_NOW).toBe(true);
    }
  });

  it('keeps opportunities stage-consistent, with exact amounts', () => {
    const stages = new Map(OPPORTUNITY_STAGES.map((stage) => [stage.name, stage]));
    for (const o of data.opportunities) {
      const stage = stages.get(o.stage)!;
      expect(o.probability).toBe(stage.probability);
      expect(o.closed_at !== null).toBe(stage.isClosed);
      expect(o.loss_reason !== null).toBe(o.stage === 'Closed Lost');
      if (o.closed_at) expect(o.close_date).toBe(o.closed_at.toISOString().slice(0, 10));
      else expect(o.close_date > DEFAULT_DEMO_NOW.toISOString()).toBe(true);
      expect(o.amount).toMatch(/^\d+\.\d{2}$/);
      const gross = data.opportunity_line_items
        .filter((item) => item.opportunity_id === o.id)
        .reduce((sum, item) => sum + Math.round(Number(item.unit_price) * 100) * item.quantity, 0);
      const discount = Math.round(Number(o.discount_percent ?? 0) * 100);
      expect(Math.round(Number(o.amount) * 100)).toBe(Math.round((gross * (10_000 - discount)) / 10_000));
    }
  });

  it('rates completed test drives only, schedules only future ones, and ties each to a lead or opportunity', () => {
    const leadIds = new Set(data.leads.map((lead) => lead.id));
    const opportunityIds = new Set(data.opportunities.map((o) => o.id));
    for (const drive of data.test_drives) {
      expect(drive.rating !== null).toBe(drive.status === 'COMPLETED');
      if (drive.rating !== null) expect(drive.rating).toBeGreaterThanOrEqual(1);
      expect(drive.scheduled_at > DEFAULT_DEMO_NOW).toBe(drive.status === 'SCHEDULED');
      expect((drive.lead_id && leadIds.has(drive.lead_id)) || (drive.opportunity_id && opportunityIds.has(drive.opportunity_id))).toBeTruthy();
      expect(drive.created_at <= drive.updated_at).toBe(true);
    }
  });

  it('gives every row a unique UUID-looking id and every reference a real row', () => {
    const all = Object.values(data).flat() as { id: string }[];
    expect(new Set(all.map((row) => row.id)).size).toBe(all.length);
    for (const row of all) expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const dealers = new Set(data.accounts.filter((a) => a.type === 'DEALER').map((a) => a.id));
    const dealerRefs = [...data.accounts, ...data.leads, ...data.opportunities, ...data.test_drives, ...data.lead_preferred_sellers, ...data.opportunity_preferred_sellers]
      .map((row) => row.dealer_id)
      .filter((id) => id !== null);
    expect(dealerRefs.every((id) => dealers.has(id))).toBe(true);
    const codes = data.accounts.flatMap((a) => (a.dealer_code ? [a.dealer_code] : []));
    expect(new Set(codes).size).toBe(dealers.size);
    const sellerKeys = data.lead_preferred_sellers.map((s) => `${s.lead_id}/${s.dealer_id}`);
    expect(new Set(sellerKeys).size).toBe(sellerKeys.length);
  });
});
